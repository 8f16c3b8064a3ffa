// Store: creation, WAL + synchronous=FULL, migrations, wrong key, damage,
// missing key, rekey (also interrupted), atomic record + outbox item, and the
// size limit that refuses new work without touching old work.
#include "outbox.h"
#include "store.h"

#include <sys/stat.h>
#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace kiosk::store;

namespace {

QByteArray fileHash(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

NewItem item(const QByteArray& payload = "{\"x\":1}") {
    return {QStringLiteral("service_form"), payload, QStringLiteral("session-1"),
            Priority::ServiceForm, 3600 * 1000};
}

}  // namespace

class TestStore : public QObject {
    Q_OBJECT

    Store::Options options(const QTemporaryDir& dir, KeyStore* keys) {
        Store::Options o;
        o.dataDir = dir.path();
        o.keyStore = keys;
        return o;
    }

private slots:
    void open_emptyDir_createsEncryptedWalStore() {
        QTemporaryDir dir;
        FileKeyStore keys(FileKeyStore::defaultPath(dir.path()));
        auto store = Store::open(options(dir, &keys));
        QVERIFY2(store, store ? "" : qPrintable(store.error().message));
        QCOMPARE((*store)->schemaVersion(), Store::latestSchemaVersion());
        Database& db = (*store)->db();
        auto mode = db.prepare("PRAGMA journal_mode;");
        QVERIFY(mode->step().value());
        QCOMPARE(mode->text(0), QStringLiteral("wal"));
        QCOMPARE(db.queryInt("PRAGMA synchronous;").value(), 2);  // FULL
        QVERIFY(keys.load()->has_value());
        // Encrypted: no SQLite header in clear on disk.
        (void)db.exec("PRAGMA wal_checkpoint(TRUNCATE);");
        QFile f(Store::databasePath(dir.path()));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(!f.read(16).startsWith("SQLite format 3"));
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(f.fileName()).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
    }

    void open_again_keepsData() {
        QTemporaryDir dir;
        FileKeyStore keys(FileKeyStore::defaultPath(dir.path()));
        {
            auto store = Store::open(options(dir, &keys));
            Outbox outbox(**store);
            QVERIFY(outbox.enqueue(item()));
        }
        auto store = Store::open(options(dir, &keys));
        QVERIFY(store);
        QCOMPARE(Outbox(**store).list()->size(), 1);
    }

    void open_wrongKey_wrongKeyErrorAndFileUntouched() {
        QTemporaryDir dir;
        FileKeyStore keys(FileKeyStore::defaultPath(dir.path()));
        {
            auto store = Store::open(options(dir, &keys));
            QVERIFY(Outbox(**store).enqueue(item()));
        }
        const QString path = Store::databasePath(dir.path());
        const QByteArray before = fileHash(path);
        QTemporaryDir otherDir;
        FileKeyStore other(FileKeyStore::defaultPath(otherDir.path()));
        QVERIFY(other.create(*DeviceKey::generate()));
        QVERIFY(QFile::remove(keys.path()));
        QVERIFY(QFile::copy(other.path(), keys.path()));
        auto store = Store::open(options(dir, &keys));
        QVERIFY(!store);
        QCOMPARE(store.error().code, StoreError::Code::WrongKey);
        QVERIFY(store.error().message.contains(QLatin1String("kept")));
        QCOMPARE(fileHash(path), before);
    }

    void open_keyMissingButDatabaseExists_keyMissingNotANewStore() {
        QTemporaryDir dir;
        FileKeyStore keys(FileKeyStore::defaultPath(dir.path()));
        { QVERIFY(Store::open(options(dir, &keys))); }
        QVERIFY(QFile::remove(keys.path()));
        auto store = Store::open(options(dir, &keys));
        QVERIFY(!store);
        QCOMPARE(store.error().code, StoreError::Code::KeyMissing);
        QVERIFY(!keys.load()->has_value());  // no new key made either
    }

    void open_damagedFile_corruptErrorAndFileKept() {
        QTemporaryDir dir;
        FileKeyStore keys(FileKeyStore::defaultPath(dir.path()));
        {
            auto store = Store::open(options(dir, &keys));
            Outbox outbox(**store);
            for (int i = 0; i < 300; ++i) {
                QVERIFY(outbox.enqueue(item(QByteArray(500, 'p'))));
            }
        }
        const QString path = Store::databasePath(dir.path());
        const qint64 size = QFileInfo(path).size();
        QVERIFY(size > 20 * 4096);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(10 * 4096 + 100);  // a page in the middle
        f.write(QByteArray(64, '\x5a'));
        f.close();
        const QByteArray before = fileHash(path);
        auto store = Store::open(options(dir, &keys));
        QVERIFY(!store);
        QCOMPARE(store.error().code, StoreError::Code::Corrupt);
        QCOMPARE(fileHash(path), before);
    }

    void open_damagedFirstPage_corruptNotWrongKey() {
        QTemporaryDir dir;
        FileKeyStore keys(FileKeyStore::defaultPath(dir.path()));
        { QVERIFY(Store::open(options(dir, &keys))); }
        QFile f(Store::databasePath(dir.path()));
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(200);
        f.write(QByteArray(32, '\0'));
        f.close();
        auto store = Store::open(options(dir, &keys));
        QVERIFY(!store);
        QCOMPARE(store.error().code, StoreError::Code::Corrupt);
    }

    void open_newerSchema_refused() {
        QTemporaryDir dir;
        FileKeyStore keys(FileKeyStore::defaultPath(dir.path()));
        {
            auto store = Store::open(options(dir, &keys));
            QVERIFY((*store)->db().exec("PRAGMA user_version = 99;"));
        }
        auto store = Store::open(options(dir, &keys));
        QVERIFY(!store);
        QCOMPARE(store.error().code, StoreError::Code::SchemaTooNew);
    }

    void rekey_newKeyOpensOldDoesNot() {
        QTemporaryDir dir;
        FileKeyStore keys(FileKeyStore::defaultPath(dir.path()));
        auto store = Store::open(options(dir, &keys));
        QVERIFY(Outbox(**store).enqueue(item()));
        const std::optional<DeviceKey> oldKey = *keys.load();
        QVERIFY((*store)->rekey());
        const std::optional<DeviceKey> newKey = *keys.load();
        QVERIFY(!(*newKey == *oldKey));
        store->reset();
        auto reopened = Store::open(options(dir, &keys));
        QVERIFY2(reopened, reopened ? "" : qPrintable(reopened.error().message));
        QCOMPARE(Outbox(**reopened).list()->size(), 1);
        reopened->reset();
        QVERIFY(QFile::remove(keys.path()));
        QVERIFY(keys.create(*oldKey));
        auto withOld = Store::open(options(dir, &keys));
        QVERIFY(!withOld);
        QCOMPARE(withOld.error().code, StoreError::Code::WrongKey);
    }

    void open_afterRekeyCutShort_usesStagedKeyAndPromotesIt() {
        QTemporaryDir dir;
        FileKeyStore keys(FileKeyStore::defaultPath(dir.path()));
        auto store = Store::open(options(dir, &keys));
        QVERIFY(Outbox(**store).enqueue(item()));
        const std::optional<DeviceKey> oldKey = *keys.load();
        QVERIFY((*store)->rekey());
        const std::optional<DeviceKey> newKey = *keys.load();
        store->reset();
        // As if the process died after PRAGMA rekey, before the promotion.
        QVERIFY(keys.stage(*newKey));
        QVERIFY(QFile::remove(keys.path()));
        QVERIFY(keys.create(*oldKey));
        auto reopened = Store::open(options(dir, &keys));
        QVERIFY2(reopened, reopened ? "" : qPrintable(reopened.error().message));
        QVERIFY(**keys.load() == *newKey);
        QVERIFY(!keys.staged()->has_value());
        QCOMPARE(Outbox(**reopened).list()->size(), 1);
    }

    void transaction_failsAfterRecordAndItem_bothRolledBack() {
        QTemporaryDir dir;
        FileKeyStore keys(FileKeyStore::defaultPath(dir.path()));
        auto store = Store::open(options(dir, &keys));
        Store& s = **store;
        Outbox outbox(s);
        QVERIFY(s.db().exec("CREATE TABLE receipts(reference TEXT PRIMARY KEY, outbox_key TEXT);"));
        auto writeBoth = [&](bool failAtEnd) {
            return s.transaction([&]() -> kiosk::Result<void, StoreError> {
                auto key = outbox.enqueue(item());
                if (!key) {
                    return kiosk::fail(key.error());
                }
                auto ins = s.db().prepare("INSERT INTO receipts VALUES ('R-1', ?);");
                ins->bind(1, *key);
                if (auto r = ins->run(); !r) {
                    return r;
                }
                if (failAtEnd) {
                    return kiosk::fail(
                        StoreError{StoreError::Code::Internal, QStringLiteral("abort")});
                }
                return {};
            });
        };
        QVERIFY(!writeBoth(true));
        QCOMPARE(outbox.list()->size(), 0);
        QCOMPARE(s.db().queryInt("SELECT count(*) FROM receipts;").value(), 0);
        QVERIFY(writeBoth(false));
        QCOMPARE(outbox.list()->size(), 1);
        auto joined = s.db().prepare(
            "SELECT count(*) FROM receipts r JOIN outbox o ON o.idempotency_key = r.outbox_key;");
        QVERIFY(joined->step().value());
        QCOMPARE(joined->int64(0), 1);
    }

    void enqueue_atSizeLimit_refusedOldWorkKept() {
        QTemporaryDir dir;
        FileKeyStore keys(FileKeyStore::defaultPath(dir.path()));
        Store::Options o = options(dir, &keys);
        o.maxSizeBytes = 1024 * 1024;
        auto store = Store::open(o);
        Outbox outbox(**store);
        int accepted = 0;
        StoreError last;
        for (int i = 0; i < 1000; ++i) {
            auto k = outbox.enqueue(item(QByteArray(4000, 'a' + i % 26)));
            if (!k) {
                last = k.error();
                break;
            }
            ++accepted;
        }
        QCOMPARE(last.code, StoreError::Code::LimitReached);
        QVERIFY(accepted > 100);
        QVERIFY(last.isTransient());
        QVERIFY(!citizenMessage(last).isEmpty());
        auto items = outbox.list(true).value();
        QCOMPARE(items.size(), accepted);
        QCOMPARE(items.first().payload, QByteArray(4000, 'a'));
        auto stats = outbox.stats().value();
        QVERIFY(!stats.acceptingWork);
        QVERIFY(stats.usage.fileBytes <= o.maxSizeBytes);
        // Delivery makes room again.
        QList<qint64> half;
        for (int i = 0; i < accepted / 2; ++i) {
            half << items[i].id;
        }
        QVERIFY(outbox.markDelivered(half));
        QVERIFY(outbox.stats()->acceptingWork);
        QVERIFY(outbox.enqueue(item()));
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
