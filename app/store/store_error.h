// Errors of the local store (SQLCipher database, key store, outbox) as values.
#pragma once

#include <QString>

namespace kiosk::store {

struct StoreError {
    enum class Code {
        KeyMissing,    // the database exists but its key is gone: restore the key, never recreate
        KeyStore,      // the key store cannot be read or written (permissions, I/O)
        WrongKey,      // the key does not open this database
        Corrupt,       // the file is damaged (integrity check failed, not a database)
        DiskFull,      // the file system is full
        LimitReached,  // the store reached store.max_size_mb: no new work until it drains
        SchemaTooNew,  // written by a newer kiosk version; refuse rather than downgrade
        Io,            // cannot open, read or write the file
        Busy,          // another process holds the write lock for too long
        NotFound,      // no such item
        InvalidArgument,
        Internal,
    };
    Code code = Code::Internal;
    QString message;  // for technicians; never contains a key or personal data

    QString codeName() const;  // "wrong_key", "disk_full", ...
    // True when retrying the same operation later may succeed without a technician.
    bool isTransient() const;
};

// What the citizen is told when the store cannot take new work (untranslated
// source text; the UI translates it in context "StoreStatus").
QString citizenMessage(const StoreError& error);

}  // namespace kiosk::store
