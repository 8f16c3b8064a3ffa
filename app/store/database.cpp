#include "database.h"

#include "key_store.h"

#include <sqlcipher/sqlite3.h>

namespace kiosk::store {

// ---- Statement ----

Statement::Statement(Statement&& other) noexcept : m_db(other.m_db), m_stmt(other.m_stmt) {
    other.m_stmt = nullptr;
}

Statement::~Statement() {
    if (m_stmt) {
        sqlite3_finalize(m_stmt);
    }
}

Statement& Statement::bind(int index, qint64 value) {
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement& Statement::bind(int index, const QString& text) {
    const QByteArray utf8 = text.toUtf8();
    sqlite3_bind_text(m_stmt, index, utf8.constData(), static_cast<int>(utf8.size()),
                      SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bindBlob(int index, const QByteArray& blob) {
    sqlite3_bind_blob(m_stmt, index, blob.constData(), static_cast<int>(blob.size()),
                      SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bindNull(int index) {
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

Result<bool, StoreError> Statement::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    return fail(m_db->errorFor(rc, QStringLiteral("step")));
}

Result<void, StoreError> Statement::run() {
    for (;;) {
        auto r = step();
        if (!r) {
            return fail(r.error());
        }
        if (!*r) {
            return {};
        }
    }
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

qint64 Statement::int64(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}

QString Statement::text(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return p ? QString::fromUtf8(p, sqlite3_column_bytes(m_stmt, column)) : QString();
}

QByteArray Statement::blob(int column) const {
    const void* p = sqlite3_column_blob(m_stmt, column);
    return p ? QByteArray(static_cast<const char*>(p), sqlite3_column_bytes(m_stmt, column))
             : QByteArray();
}

bool Statement::isNull(int column) const {
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

// ---- Database ----

Result<std::unique_ptr<Database>, StoreError> Database::open(const OpenOptions& options) {
    sqlite3* db = nullptr;
    const int flags =
        SQLITE_OPEN_READWRITE | (options.create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(options.path.toUtf8().constData(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const QString msg =
            db ? QString::fromUtf8(sqlite3_errmsg(db)) : QStringLiteral("out of memory");
        sqlite3_close(db);
        return fail(StoreError{StoreError::Code::Io,
                               QStringLiteral("cannot open %1: %2").arg(options.path, msg)});
    }
    sqlite3_extended_result_codes(db, 1);
    std::unique_ptr<Database> out(new Database(db, options.path));
    if (!options.rawKey.isEmpty()) {
        // PRAGMA key with a raw key (x'..') skips the passphrase KDF. The
        // statement text holds the key, so it is wiped and never logged.
        QByteArray hex = options.rawKey.toHex();
        QByteArray sql = "PRAGMA key = \"x'" + hex + "'\";";
        const int krc = sqlite3_exec(db, sql.constData(), nullptr, nullptr, nullptr);
        secureWipe(hex.data(), static_cast<std::size_t>(hex.size()));
        secureWipe(sql.data(), static_cast<std::size_t>(sql.size()));
        if (krc != SQLITE_OK) {
            return fail(out->errorFor(krc, QStringLiteral("setting the key")));
        }
        // Fixed for the life of the file (SQLCipher 3 defaults to 1024).
        if (auto r = out->exec("PRAGMA cipher_page_size = 4096;"); !r) {
            return fail(r.error());
        }
    } else if (auto r = out->exec("PRAGMA page_size = 4096;"); !r) {
        return fail(r.error());
    }
    return out;
}

Database::~Database() {
    sqlite3_close_v2(m_db);
}

Result<void, StoreError> Database::exec(const char* sql) {
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        return fail(errorFor(rc, QString::fromUtf8(sql).section(QLatin1Char(' '), 0, 2)));
    }
    return {};
}

Result<Statement, StoreError> Database::prepare(const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v2(m_db, sql, -1, &stmt, nullptr);
    if (rc != SQLITE_OK) {
        return fail(errorFor(rc, QStringLiteral("prepare")));
    }
    return Statement(this, stmt);
}

Result<qint64, StoreError> Database::queryInt(const char* sql) {
    auto stmt = prepare(sql);
    if (!stmt) {
        return fail(stmt.error());
    }
    auto row = stmt->step();
    if (!row) {
        return fail(row.error());
    }
    return *row ? stmt->int64(0) : 0;
}

Result<void, StoreError> Database::begin() {
    return exec("BEGIN IMMEDIATE;");
}

Result<void, StoreError> Database::commit() {
    auto r = exec("COMMIT;");
    if (!r) {
        rollback();
    }
    return r;
}

void Database::rollback() {
    if (inTransaction()) {
        sqlite3_exec(m_db, "ROLLBACK;", nullptr, nullptr, nullptr);
    }
}

bool Database::inTransaction() const {
    return sqlite3_get_autocommit(m_db) == 0;
}

qint64 Database::changes() const {
    return sqlite3_changes(m_db);
}

qint64 Database::lastInsertRowId() const {
    return sqlite3_last_insert_rowid(m_db);
}

StoreError Database::errorFor(int rc, const QString& what) const {
    const QString detail = QStringLiteral("%1 (%2): %3")
                               .arg(what, QString::fromUtf8(sqlite3_errstr(rc)),
                                    QString::fromUtf8(sqlite3_errmsg(m_db)));
    switch (rc & 0xff) {
        case SQLITE_NOTADB:
        case SQLITE_CORRUPT:
            return {StoreError::Code::Corrupt, detail};
        case SQLITE_FULL: {
            // SQLITE_FULL is both "file system full" and "max_page_count hit".
            sqlite3_stmt* s = nullptr;
            qint64 pages = 0;
            qint64 maxPages = -1;
            if (sqlite3_prepare_v2(m_db, "PRAGMA page_count;", -1, &s, nullptr) == SQLITE_OK &&
                sqlite3_step(s) == SQLITE_ROW) {
                pages = sqlite3_column_int64(s, 0);
            }
            sqlite3_finalize(s);
            if (sqlite3_prepare_v2(m_db, "PRAGMA max_page_count;", -1, &s, nullptr) == SQLITE_OK &&
                sqlite3_step(s) == SQLITE_ROW) {
                maxPages = sqlite3_column_int64(s, 0);
            }
            sqlite3_finalize(s);
            if (maxPages > 0 && pages >= maxPages) {
                return {StoreError::Code::LimitReached, detail};
            }
            return {StoreError::Code::DiskFull, detail};
        }
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return {StoreError::Code::Busy, detail};
        case SQLITE_IOERR:
        case SQLITE_CANTOPEN:
        case SQLITE_PERM:
        case SQLITE_READONLY:
        case SQLITE_AUTH:
            return {StoreError::Code::Io, detail};
        case SQLITE_CONSTRAINT:
        case SQLITE_MISUSE:
        case SQLITE_RANGE:
        case SQLITE_TOOBIG:
            return {StoreError::Code::InvalidArgument, detail};
        default:
            return {StoreError::Code::Internal, detail};
    }
}

}  // namespace kiosk::store
