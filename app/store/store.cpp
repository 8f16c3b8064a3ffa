#include "store.h"

#include "schema.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

Q_LOGGING_CATEGORY(lcStoreDb, "kiosk.store.db")

namespace kiosk::store {

namespace {

constexpr qint64 kPageSize = 4096;

QByteArray rawKey(const DeviceKey& key) {
    return QByteArray(reinterpret_cast<const char*>(key.bytes().data()), DeviceKey::kSize);
}

void wipe(QByteArray& bytes) {
    secureWipe(bytes.data(), static_cast<std::size_t>(bytes.size()));
}

// The key check value sits next to the database (it reveals nothing about
// the key) so that "cannot decrypt" can be told apart: wrong key or damage.
QString checkValuePath(const QString& dbPath) {
    return dbPath + QStringLiteral(".kcv");
}

void writeCheckValue(const QString& dbPath, const DeviceKey& key) {
    QSaveFile f(checkValuePath(dbPath));
    if (f.open(QIODevice::WriteOnly)) {
        f.write(key.checkValue());
        f.commit();
    }
}

QByteArray readCheckValue(const QString& dbPath) {
    QFile f(checkValuePath(dbPath));
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed() : QByteArray();
}

// Creates an empty file with mode 0600 so SQLite (which copies the
// database's mode to its -wal and -shm files) never makes them world-readable.
Result<void, StoreError> precreate(const QString& path) {
    const int fd =
        ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        return fail(StoreError{StoreError::Code::Io, QStringLiteral("cannot create %1").arg(path)});
    }
    ::fchmod(fd, 0600);
    ::close(fd);
    return {};
}

// Keys the connection and reads the schema: the first access that needs the
// key to be right.
Result<std::unique_ptr<Database>, StoreError> openKeyed(const QString& path,
                                                        const QByteArray& key) {
    auto db = Database::open({path, key, true});
    if (!db) {
        return fail(db.error());
    }
    if (auto r = (*db)->queryInt("SELECT count(*) FROM sqlite_master;"); !r) {
        return fail(r.error());
    }
    return std::move(*db);
}

}  // namespace

Store::Options Store::forKiosk(const KioskConfig& config, const QString& dataDir,
                               KeyStore* keyStore) {
    Options options;
    options.dataDir = dataDir;
    options.keyStore = keyStore;
    options.maxSizeBytes = static_cast<qint64>(config.store.maxSizeMb) * 1024 * 1024;
    return options;
}

QString Store::databasePath(const QString& dataDir) {
    return dataDir + QStringLiteral("/store/kiosk.db");
}

int Store::latestSchemaVersion() {
    return schema::migrations().back().version;
}

Store::Store(std::unique_ptr<Database> db, Options options)
    : m_options(std::move(options)), m_db(std::move(db)) {}

qint64 Store::now() const {
    return m_options.clock ? m_options.clock() : QDateTime::currentMSecsSinceEpoch();
}

Result<std::unique_ptr<Store>, StoreError> Store::open(const Options& options) {
    const QString path = databasePath(options.dataDir);
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir)) {
        return fail(StoreError{StoreError::Code::Io, QStringLiteral("cannot create %1").arg(dir)});
    }
    ::chmod(QFile::encodeName(dir).constData(), 0700);
    const bool exists = QFileInfo(path).size() > 0;
    if (!exists) {
        if (auto r = precreate(path); !r) {
            return fail(r.error());
        }
    }

    std::unique_ptr<Database> db;
    if (options.plaintextForBenchmarkOnly) {
        auto opened = openKeyed(path, {});
        if (!opened) {
            return fail(opened.error());
        }
        db = std::move(*opened);
    } else {
        if (!options.keyStore) {
            return fail(
                StoreError{StoreError::Code::InvalidArgument, QStringLiteral("no key store")});
        }
        KeyStore& keys = *options.keyStore;
        auto loaded = keys.load();
        if (!loaded) {
            return fail(loaded.error());
        }
        std::optional<DeviceKey> key = *loaded;
        if (!key) {
            if (exists) {
                return fail(
                    StoreError{StoreError::Code::KeyMissing,
                               QStringLiteral("%1 exists but its key is missing; restore the "
                                              "key (the database is kept as it is)")
                                   .arg(path)});
            }
            auto fresh = DeviceKey::generate();
            if (!fresh) {
                return fail(fresh.error());
            }
            if (auto r = keys.create(*fresh); !r) {
                // Another process may have created one a moment ago.
                auto again = keys.load();
                if (!again || !*again) {
                    return fail(r.error());
                }
                key = **again;
            } else {
                key = *fresh;
            }
            qCInfo(lcStoreDb) << "created a new device key for" << path;
        }
        QByteArray raw = rawKey(*key);
        auto opened = openKeyed(path, raw);
        wipe(raw);
        if (!opened && opened.error().code == StoreError::Code::Corrupt) {
            // A rekey may have been cut short after the database changed.
            auto staged = keys.staged();
            if (staged && *staged) {
                QByteArray next = rawKey(**staged);
                opened = openKeyed(path, next);
                wipe(next);
                if (opened) {
                    qCInfo(lcStoreDb) << "completing an interrupted rekey";
                    if (auto r = keys.promoteStaged(); !r) {
                        return fail(r.error());
                    }
                    key = **staged;
                }
            }
        }
        if (!opened) {
            if (opened.error().code != StoreError::Code::Corrupt) {
                return fail(opened.error());
            }
            const QByteArray kcv = readCheckValue(path);
            if (!kcv.isEmpty() && kcv == key->checkValue()) {
                return fail(
                    StoreError{StoreError::Code::Corrupt,
                               QStringLiteral("%1 is damaged (the key is right but the file "
                                              "does not decrypt): %2")
                                   .arg(path, opened.error().message)});
            }
            return fail(StoreError{
                StoreError::Code::WrongKey,
                QStringLiteral(
                    "%1 cannot be decrypted with the device key%2; the file is kept as it is")
                    .arg(path, kcv.isEmpty() ? QStringLiteral(" (wrong key or damaged file)")
                                             : QString())});
        }
        db = std::move(*opened);
        if (auto staged = keys.staged(); staged && *staged) {
            (void)keys.discardStaged();  // a rekey that never reached the database
        }
        if (readCheckValue(path) != key->checkValue()) {
            writeCheckValue(path, *key);
        }
    }

    std::unique_ptr<Store> store(new Store(std::move(db), options));
    if (auto r = store->configure(); !r) {
        return fail(r.error());
    }
    if (options.verifyOnOpen) {
        auto problems = store->integrityCheck(true);
        if (!problems) {
            return fail(problems.error());
        }
        if (!problems->isEmpty()) {
            return fail(
                StoreError{StoreError::Code::Corrupt,
                           QStringLiteral("%1 is damaged: %2").arg(path, problems->first())});
        }
    }
    if (auto r = store->migrate(); !r) {
        return fail(r.error());
    }
    return store;
}

Result<void, StoreError> Store::configure() {
    auto mode = m_db->prepare("PRAGMA journal_mode = WAL;");
    if (!mode) {
        return fail(mode.error());
    }
    auto row = mode->step();
    if (!row) {
        return fail(row.error());
    }
    if (!*row || mode->text(0).compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
        return fail(
            StoreError{StoreError::Code::Io, QStringLiteral("cannot switch to WAL journal")});
    }
    // secure_delete: a delivered item's bytes are overwritten, not left in
    // free pages (data minimization on top of the encryption).
    for (const char* sql :
         {"PRAGMA synchronous = FULL;", "PRAGMA secure_delete = ON;", "PRAGMA foreign_keys = ON;",
          "PRAGMA busy_timeout = 5000;", "PRAGMA journal_size_limit = 4194304;"}) {
        if (auto r = m_db->exec(sql); !r) {
            return fail(r.error());
        }
    }
    const qint64 maxPages = std::max<qint64>(16, m_options.maxSizeBytes / kPageSize);
    const QByteArray sql = "PRAGMA max_page_count = " + QByteArray::number(maxPages) + ";";
    return m_db->exec(sql.constData());
}

Result<void, StoreError> Store::migrate() {
    auto version = m_db->queryInt("PRAGMA user_version;");
    if (!version) {
        return fail(version.error());
    }
    m_schemaVersion = static_cast<int>(*version);
    if (m_schemaVersion > latestSchemaVersion()) {
        return fail(
            StoreError{StoreError::Code::SchemaTooNew,
                       QStringLiteral("schema version %1 is newer than this kiosk knows (%2)")
                           .arg(m_schemaVersion)
                           .arg(latestSchemaVersion())});
    }
    for (const auto& step : schema::migrations()) {
        if (step.version <= m_schemaVersion) {
            continue;
        }
        auto r = transaction([&]() -> Result<void, StoreError> {
            if (auto e = m_db->exec(step.sql); !e) {
                return e;
            }
            const QByteArray v = "PRAGMA user_version = " + QByteArray::number(step.version) + ";";
            return m_db->exec(v.constData());
        });
        if (!r) {
            return fail(StoreError{r.error().code, QStringLiteral("migration to schema %1: %2")
                                                       .arg(step.version)
                                                       .arg(r.error().message)});
        }
        m_schemaVersion = step.version;
        qCInfo(lcStoreDb) << "store schema now at version" << step.version;
    }
    return {};
}

Result<void, StoreError> Store::transaction(const std::function<Result<void, StoreError>()>& body) {
    if (m_db->inTransaction()) {
        return fail(StoreError{StoreError::Code::Internal, QStringLiteral("nested transaction")});
    }
    if (auto r = m_db->begin(); !r) {
        return r;
    }
    if (auto r = body(); !r) {
        m_db->rollback();
        return r;
    }
    return m_db->commit();
}

Result<void, StoreError> Store::audit(const QString& event, const QString& subject,
                                      const QString& detail) {
    auto stmt = m_db->prepare("INSERT INTO audit(at, event, subject, detail) VALUES (?, ?, ?, ?);");
    if (!stmt) {
        return fail(stmt.error());
    }
    stmt->bind(1, now()).bind(2, event).bind(3, subject).bind(4, detail);
    return stmt->run();
}

Result<StoreUsage, StoreError> Store::usage() {
    auto pages = m_db->queryInt("PRAGMA page_count;");
    auto free = m_db->queryInt("PRAGMA freelist_count;");
    if (!pages || !free) {
        return fail(!pages ? pages.error() : free.error());
    }
    StoreUsage u;
    u.usedBytes = (*pages - *free) * kPageSize;
    u.fileBytes = *pages * kPageSize;
    u.limitBytes = m_options.maxSizeBytes;
    // A tenth stays in reserve for delivery bookkeeping and audit entries.
    u.newWorkLimitBytes = u.limitBytes - u.limitBytes / 10;
    return u;
}

Result<void, StoreError> Store::checkRoomForNewWork(qint64 bytes) {
    auto u = usage();
    if (!u) {
        return fail(u.error());
    }
    if (u->usedBytes + bytes > u->newWorkLimitBytes) {
        return fail(
            StoreError{StoreError::Code::LimitReached,
                       QStringLiteral("store is full (%1 of %2 KiB used); new work is refused "
                                      "until queued work is delivered")
                           .arg(u->usedBytes / 1024)
                           .arg(u->limitBytes / 1024)});
    }
    return {};
}

Result<QStringList, StoreError> Store::integrityCheck(bool quick) {
    auto stmt = m_db->prepare(quick ? "PRAGMA quick_check;" : "PRAGMA integrity_check;");
    if (!stmt) {
        return fail(stmt.error());
    }
    QStringList problems;
    for (;;) {
        auto row = stmt->step();
        if (!row) {
            if (row.error().code == StoreError::Code::Corrupt) {
                problems << row.error().message;
                return problems;
            }
            return fail(row.error());
        }
        if (!*row) {
            break;
        }
        const QString line = stmt->text(0);
        if (line != QLatin1String("ok")) {
            problems << line;
        }
    }
    return problems;
}

Result<void, StoreError> Store::rekey() {
    if (m_options.plaintextForBenchmarkOnly || !m_options.keyStore) {
        return fail(StoreError{StoreError::Code::InvalidArgument,
                               QStringLiteral("rekey needs an encrypted store")});
    }
    auto next = DeviceKey::generate();
    if (!next) {
        return fail(next.error());
    }
    if (auto r = m_options.keyStore->stage(*next); !r) {
        return r;
    }
    // Move WAL content into the main file first, so the re-encryption covers
    // one consistent set of pages.
    (void)m_db->exec("PRAGMA wal_checkpoint(TRUNCATE);");
    QByteArray hex = rawKey(*next).toHex();
    QByteArray sql = "PRAGMA rekey = \"x'" + hex + "'\";";
    auto r = m_db->exec(sql.constData());
    wipe(hex);
    wipe(sql);
    if (!r) {
        (void)m_options.keyStore->discardStaged();
        return fail(StoreError{r.error().code, QStringLiteral("rekey failed; the old key stays")});
    }
    (void)m_db->exec("PRAGMA wal_checkpoint(TRUNCATE);");
    writeCheckValue(path(), *next);
    if (auto p = m_options.keyStore->promoteStaged(); !p) {
        return p;
    }
    if (auto a = audit(QStringLiteral("store.rekey"), {}); !a) {
        return a;
    }
    qCInfo(lcStoreDb) << "database re-encrypted under a new device key";
    return {};
}

}  // namespace kiosk::store
