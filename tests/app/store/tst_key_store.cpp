// FileKeyStore: 0600 files, no silent overwrite, refuses readable keys,
// staged keys for a crash-safe rekey.
#include "key_store.h"

#include <sys/stat.h>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace kiosk::store;

class TestKeyStore : public QObject {
    Q_OBJECT

private slots:
    void generate_twice_randomAndDifferent() {
        auto a = DeviceKey::generate();
        auto b = DeviceKey::generate();
        QVERIFY(a && b);
        QVERIFY(!(*a == *b));
        QCOMPARE(a->checkValue().size(), 32);
        QVERIFY(a->checkValue() != b->checkValue());
    }

    void create_thenLoad_sameKeyMode0600() {
        QTemporaryDir dir;
        FileKeyStore keys(FileKeyStore::defaultPath(dir.path()));
        QVERIFY(!keys.load()->has_value());
        auto key = DeviceKey::generate();
        QVERIFY(keys.create(*key));
        auto loaded = keys.load();
        QVERIFY(loaded && loaded->has_value());
        QVERIFY(**loaded == *key);
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(keys.path()).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        QCOMPARE(QFileInfo(keys.path()).size(), 32);
    }

    void create_whenKeyExists_refusesToOverwrite() {
        QTemporaryDir dir;
        FileKeyStore keys(FileKeyStore::defaultPath(dir.path()));
        auto first = DeviceKey::generate();
        QVERIFY(keys.create(*first));
        auto r = keys.create(*DeviceKey::generate());
        QVERIFY(!r);
        QCOMPARE(r.error().code, StoreError::Code::KeyStore);
        QVERIFY(**keys.load() == *first);
    }

    void load_groupReadable_refused() {
        QTemporaryDir dir;
        FileKeyStore keys(FileKeyStore::defaultPath(dir.path()));
        QVERIFY(keys.create(*DeviceKey::generate()));
        ::chmod(QFile::encodeName(keys.path()).constData(), 0640);
        auto r = keys.load();
        QVERIFY(!r);
        QCOMPARE(r.error().code, StoreError::Code::KeyStore);
        QVERIFY(r.error().message.contains(QLatin1String("0640")));
    }

    void load_wrongLength_refused() {
        QTemporaryDir dir;
        FileKeyStore keys(dir.filePath(QStringLiteral("k")));
        QFile f(keys.path());
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("short");
        f.close();
        f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        auto r = keys.load();
        QVERIFY(!r);
        QVERIFY(r.error().message.contains(QLatin1String("32-byte")));
    }

    void stage_promote_replacesKey() {
        QTemporaryDir dir;
        FileKeyStore keys(FileKeyStore::defaultPath(dir.path()));
        QVERIFY(keys.create(*DeviceKey::generate()));
        auto next = DeviceKey::generate();
        QVERIFY(keys.stage(*next));
        QVERIFY(**keys.staged() == *next);
        QVERIFY(keys.promoteStaged());
        QVERIFY(**keys.load() == *next);
        QVERIFY(!keys.staged()->has_value());
    }
};

QTEST_GUILESS_MAIN(TestKeyStore)
#include "tst_key_store.moc"
