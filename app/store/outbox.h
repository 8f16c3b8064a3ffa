// The offline outbox: work for the backend (a pending proofing record, a
// service form) kept in the encrypted store until the backend acknowledges it.
//
// An item is written in the same transaction as the record it belongs to
// (call enqueue() inside Store::transaction()). Each item carries a UUID v4
// idempotency key that every delivery attempt repeats, so the backend applies
// it exactly once however often it arrives. Delivery order: within a citizen
// session by (priority, sequence); across sessions by priority, then age.
#pragma once

#include "store.h"

#include <QJsonObject>
#include <QList>
#include <QSet>
#include <optional>

namespace kiosk::store {

// Lower goes first: a pending proofing record before the service forms that
// rely on the raised identity.
enum class Priority : int {
    ProofingRecord = 0,
    ServiceForm = 10,
    Other = 20,
};

enum class ItemStatus : int {
    Pending = 0,
    DeadLetter = 1,  // failed N times or rejected: waits for maintenance or expiry
};

struct NewItem {
    QString type;        // e.g. "proofing_record", "service_form"
    QByteArray payload;  // what the backend receives (usually JSON)
    QString sessionId;   // opaque citizen-session id; keeps the session's order
    Priority priority = Priority::ServiceForm;
    qint64 ttlMs = 7LL * 24 * 3600 * 1000;
};

struct OutboxItem {
    qint64 id = 0;
    QString key;  // idempotency key
    QString type;
    QString sessionId;
    qint64 sessionSeq = 0;
    int priority = 0;
    QByteArray payload;  // empty unless asked for
    qint64 createdAt = 0;
    qint64 expiresAt = 0;
    int attempts = 0;
    qint64 nextAttemptAt = 0;
    ItemStatus status = ItemStatus::Pending;
    QString lastError;

    // Without payload or session id: safe for kioskctl and the fleet.
    QJsonObject toJson() const;
};

struct OutboxStats {
    qint64 pending = 0;
    qint64 due = 0;
    qint64 deadLetter = 0;
    qint64 oldestCreatedAt = 0;  // 0: empty
    qint64 nextAttemptAt = 0;    // 0: nothing waiting
    qint64 deliveredTotal = 0;
    qint64 expiredTotal = 0;
    qint64 deadLetterTotal = 0;
    StoreUsage usage;
    bool acceptingWork = true;

    QJsonObject toJson() const;
};

enum class FailureKind {
    Retry,     // may succeed later (network, timeout, 5xx, 429)
    Rejected,  // the backend refused the item itself: dead letter at once
};

class Outbox {
public:
    explicit Outbox(Store& store) : m_store(store) {}

    Store& store() { return m_store; }

    // Adds an item; returns its idempotency key. Inside a Store::transaction()
    // it joins that transaction; otherwise it commits on its own. Refuses
    // (LimitReached) when the store is at its size limit.
    Result<QString, StoreError> enqueue(const NewItem& item);

    // Items that may be sent now: pending, due, unexpired, and first in their
    // session's order. `exclude`: ids already in flight.
    Result<QList<OutboxItem>, StoreError> due(int max, const QSet<qint64>& exclude = {});

    // The backend acknowledged these: delete them (data minimization).
    Result<void, StoreError> markDelivered(const QList<qint64>& ids);

    // Records a failed attempt. Returns the status the item is now in.
    Result<ItemStatus, StoreError> markFailed(qint64 id, FailureKind kind, const QString& reason,
                                              qint64 nextAttemptAt, int maxAttempts);

    // Deletes items whose time-to-live passed, each with an audit entry.
    Result<int, StoreError> purgeExpired();

    // Maintenance: a dead-letter (or waiting) item goes back to pending, due
    // now, attempts reset. `idOrKey`: row id or idempotency key.
    Result<OutboxItem, StoreError> retry(const QString& idOrKey);

    Result<QList<OutboxItem>, StoreError> list(bool withPayload = false);
    Result<OutboxStats, StoreError> stats();

    // When the next session head (not in `exclude`) becomes due, or the next
    // item expires, whichever is first; nullopt when the outbox is empty.
    Result<std::optional<qint64>, StoreError> nextWakeAt(const QSet<qint64>& exclude = {});

private:
    Result<QString, StoreError> insert(const NewItem& item);
    Store& m_store;
};

QString statusName(ItemStatus status);

}  // namespace kiosk::store
