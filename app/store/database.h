// A thin RAII layer over one SQLCipher connection (the C API): prepared
// statements, transactions, and SQLite result codes mapped to StoreError.
// One connection belongs to one thread.
#pragma once

#include "result.h"
#include "store_error.h"

#include <QByteArray>
#include <QString>
#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace kiosk::store {

class Database;

class Statement {
public:
    Statement(Database* db, sqlite3_stmt* stmt) : m_db(db), m_stmt(stmt) {}
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    ~Statement();

    // Parameters are 1-based, as in SQLite.
    Statement& bind(int index, qint64 value);
    Statement& bind(int index, int value) { return bind(index, static_cast<qint64>(value)); }
    Statement& bind(int index, const QString& text);
    Statement& bindBlob(int index, const QByteArray& blob);
    Statement& bindNull(int index);

    // true: a row is ready; false: done.
    Result<bool, StoreError> step();
    // Steps to completion, for statements that return no rows.
    Result<void, StoreError> run();
    void reset();

    qint64 int64(int column) const;
    QString text(int column) const;
    QByteArray blob(int column) const;
    bool isNull(int column) const;

private:
    Database* m_db;
    sqlite3_stmt* m_stmt;
};

class Database {
public:
    struct OpenOptions {
        QString path;
        // Raw 256-bit key; empty: a plain SQLite file (benchmarks only).
        QByteArray rawKey;
        bool create = true;
    };

    // Opens and keys the connection; does not yet read the file.
    static Result<std::unique_ptr<Database>, StoreError> open(const OpenOptions& options);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    Result<void, StoreError> exec(const char* sql);
    Result<Statement, StoreError> prepare(const char* sql);
    // A single integer from `sql` (e.g. a PRAGMA).
    Result<qint64, StoreError> queryInt(const char* sql);

    // BEGIN IMMEDIATE: takes the write lock up front, so a transaction never
    // fails half-way for lock reasons.
    Result<void, StoreError> begin();
    Result<void, StoreError> commit();
    void rollback();
    bool inTransaction() const;

    qint64 changes() const;
    qint64 lastInsertRowId() const;

    // The StoreError for SQLite result code `rc` while doing `what`.
    StoreError errorFor(int rc, const QString& what) const;

    sqlite3* handle() const { return m_db; }
    QString path() const { return m_path; }

private:
    Database(sqlite3* db, QString path) : m_db(db), m_path(std::move(path)) {}
    sqlite3* m_db;
    QString m_path;
};

}  // namespace kiosk::store
