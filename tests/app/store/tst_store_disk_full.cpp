// Disk full: the store lives on a 4 MiB tmpfs mounted in a private mount
// namespace (needs root or CAP_SYS_ADMIN; the test fails, never skips,
// without it). Writing until the file system is full gives a clear
// DiskFull error; nothing accepted before is lost; after space comes back
// the store works again and passes its integrity check.
#include "outbox.h"

#include <sched.h>
#include <sys/mount.h>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <cerrno>
#include <cstring>

using namespace kiosk::store;

class TestStoreDiskFull : public QObject {
    Q_OBJECT

    QTemporaryDir m_mountPoint;
    bool m_mounted = false;

    NewItem item(int i) {
        return {QStringLiteral("service_form"), QByteArray(8000, static_cast<char>('a' + i % 26)),
                QStringLiteral("s"), Priority::ServiceForm, 3600 * 1000};
    }

private slots:
    void initTestCase() {
        QVERIFY(m_mountPoint.isValid());
        if (::unshare(CLONE_NEWNS) != 0) {
            QFAIL(
                qPrintable(QStringLiteral("unshare(CLONE_NEWNS) failed (%1): this test needs root "
                                          "or CAP_SYS_ADMIN to mount a small tmpfs privately")
                               .arg(QString::fromLocal8Bit(std::strerror(errno)))));
        }
        // Keep the mount out of the parent namespace.
        QCOMPARE(::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr), 0);
        const QByteArray target = QFile::encodeName(m_mountPoint.path());
        if (::mount("tmpfs", target.constData(), "tmpfs", 0, "size=4m,mode=0700") != 0) {
            QFAIL(qPrintable(QStringLiteral("mounting a tmpfs failed: %1")
                                 .arg(QString::fromLocal8Bit(std::strerror(errno)))));
        }
        m_mounted = true;
    }

    void cleanupTestCase() {
        if (m_mounted) {
            ::umount2(QFile::encodeName(m_mountPoint.path()).constData(), MNT_DETACH);
        }
    }

    void enqueue_fileSystemFull_diskFullErrorNothingLostRecoversAfterSpaceReturns() {
        const QString dataDir = m_mountPoint.path() + QStringLiteral("/kiosk");
        const QString filler = m_mountPoint.path() + QStringLiteral("/filler");
        {
            QFile f(filler);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QCOMPARE(f.write(QByteArray(512 * 1024, 'f')), 512 * 1024);
        }
        FileKeyStore keys(FileKeyStore::defaultPath(dataDir));
        Store::Options o;
        o.dataDir = dataDir;
        o.keyStore = &keys;
        o.maxSizeBytes = 64LL * 1024 * 1024;  // the file system fills up first
        int accepted = 0;
        {
            auto store = Store::open(o);
            QVERIFY2(store, store ? "" : qPrintable(store.error().message));
            Outbox outbox(**store);
            StoreError last;
            for (int i = 0; i < 1000; ++i) {
                auto k = outbox.enqueue(item(i));
                if (!k) {
                    last = k.error();
                    break;
                }
                ++accepted;
            }
            QVERIFY2(last.code == StoreError::Code::DiskFull,
                     qPrintable(last.codeName() + QStringLiteral(": ") + last.message));
            QVERIFY2(accepted > 20, qPrintable(QString::number(accepted)));
            QVERIFY(!citizenMessage(last).isEmpty());
            // Still readable, nothing accepted is missing.
            QCOMPARE(outbox.list()->size(), accepted);
            // Refused again while still full, with the same clear error.
            auto again = outbox.enqueue(item(0));
            QVERIFY(!again);
            QCOMPARE(again.error().code, StoreError::Code::DiskFull);
        }
        QVERIFY(QFile::remove(filler));
        auto store = Store::open(o);
        QVERIFY2(store, store ? "" : qPrintable(store.error().message));
        QCOMPARE((*store)->integrityCheck(false)->size(), 0);
        Outbox outbox(**store);
        const QList<OutboxItem> items = outbox.list(true).value();
        QCOMPARE(items.size(), accepted);
        for (int i = 0; i < items.size(); ++i) {
            QCOMPARE(items[i].payload, item(i).payload);
        }
        QVERIFY(outbox.enqueue(item(0)));
    }
};

QTEST_GUILESS_MAIN(TestStoreDiskFull)
#include "tst_store_disk_full.moc"
