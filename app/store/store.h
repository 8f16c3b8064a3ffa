// The kiosk's local store: one SQLCipher database in the data folder,
// encrypted with the device key, WAL journal with synchronous=FULL (a commit
// that returned survives a crash or power cut), versioned schema migrations,
// and a size limit (store.max_size_mb) that refuses new work instead of
// dropping old work.
#pragma once

#include "config.h"
#include "database.h"
#include "key_store.h"
#include "result.h"
#include "store_error.h"

#include <QLoggingCategory>
#include <QStringList>
#include <functional>
#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcStoreDb)  // kiosk.store.db

namespace kiosk::store {

struct StoreUsage {
    qint64 usedBytes = 0;          // pages in use
    qint64 fileBytes = 0;          // database file incl. free pages (WAL not counted)
    qint64 limitBytes = 0;         // store.max_size_mb
    qint64 newWorkLimitBytes = 0;  // new work is refused beyond this
};

class Store {
public:
    struct Options {
        QString dataDir;
        KeyStore* keyStore = nullptr;  // not owned; required unless plaintext
        qint64 maxSizeBytes = 512LL * 1024 * 1024;
        // PRAGMA quick_check on open: a damaged file is reported at start-up,
        // not half-way through a citizen's session.
        bool verifyOnOpen = true;
        // A plain SQLite file without encryption: ONLY for the benchmark that
        // measures what encryption costs. Never in the kiosk.
        bool plaintextForBenchmarkOnly = false;
        // Milliseconds since the epoch (UTC); tests move time forward.
        std::function<qint64()> clock = {};
    };

    // The kiosk's options: its data folder, store.max_size_mb from the config.
    static Options forKiosk(const KioskConfig& config, const QString& dataDir, KeyStore* keyStore);
    static QString databasePath(const QString& dataDir);  // <dataDir>/store/kiosk.db
    static int latestSchemaVersion();

    // Opens (or creates, when there is no database yet) the store. A database
    // whose key is missing or wrong, or that is damaged, is an error: it is
    // never replaced by a new, empty one.
    static Result<std::unique_ptr<Store>, StoreError> open(const Options& options);

    Database& db() { return *m_db; }
    qint64 now() const;
    QString path() const { return m_db->path(); }
    int schemaVersion() const { return m_schemaVersion; }

    // Runs `body` in one transaction (BEGIN IMMEDIATE .. COMMIT). Any error
    // from `body` or from COMMIT rolls everything back. Not re-entrant: code
    // that may run inside a caller's transaction checks inTransaction().
    Result<void, StoreError> transaction(const std::function<Result<void, StoreError>()>& body);
    bool inTransaction() const { return m_db->inTransaction(); }

    // An audit entry (no personal data: event names, item keys, counts).
    Result<void, StoreError> audit(const QString& event, const QString& subject,
                                   const QString& detail = {});

    Result<StoreUsage, StoreError> usage();
    // LimitReached when `bytes` more would pass the new-work limit.
    Result<void, StoreError> checkRoomForNewWork(qint64 bytes);

    // PRAGMA integrity_check (or quick_check); an empty list means "ok".
    Result<QStringList, StoreError> integrityCheck(bool quick = false);

    // Re-encrypts the database under a fresh random key. Crash-safe: the new
    // key is staged in the key store before the database changes and promoted
    // after; open() tries the staged key when the current one no longer fits.
    Result<void, StoreError> rekey();

private:
    Store(std::unique_ptr<Database> db, Options options);
    Result<void, StoreError> configure();
    Result<void, StoreError> migrate();
    Options m_options;
    std::unique_ptr<Database> m_db;
    int m_schemaVersion = 0;
};

}  // namespace kiosk::store
