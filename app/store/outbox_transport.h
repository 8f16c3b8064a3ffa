// The seam between the sync worker and whatever carries items to the
// backend. The real one is HTTPS with mutual TLS (kiosk_backend,
// HttpsOutboxTransport); tests use fakes.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <functional>
#include <optional>

namespace kiosk::store {

struct Delivery {
    QString idempotencyKey;
    QString type;
    QByteArray payload;
    qint64 createdAtMs = 0;
    int attempt = 1;  // 1 for the first try
};

struct DeliveryOutcome {
    enum class Kind {
        Accepted,    // 2xx: the backend has it (first time or a repeat)
        RetryLater,  // network error, timeout, 408/425/429/5xx
        Rejected,    // the backend refuses this item for good (e.g. 400, 422)
    };
    Kind kind = Kind::RetryLater;
    int httpStatus = 0;                  // 0 when no HTTP response arrived
    std::optional<qint64> retryAfterMs;  // from Retry-After
    QString reason;                      // short, for logs and last_error; no payload

    static DeliveryOutcome accepted(int status) { return {Kind::Accepted, status, {}, {}}; }
};

class OutboxTransport {
public:
    using Done = std::function<void(const DeliveryOutcome&)>;
    // One outcome per delivery, in the same order.
    using BatchDone = std::function<void(const QList<DeliveryOutcome>&)>;
    virtual ~OutboxTransport() = default;

    // Starts one delivery; calls `done` once, later, on the caller's thread.
    // (The worker ignores any extra call.)
    virtual void deliver(const Delivery& delivery, Done done) = 0;

    // How many items one request may carry. A batch holds at most one item
    // per citizen session (the worker sends only session heads), so order
    // within a session does not depend on the backend's order in a batch.
    virtual int maxBatch() const { return 1; }
    // Delivers several items; by default one deliver() each, outcomes gathered.
    virtual void deliverBatch(const QList<Delivery>& deliveries, BatchDone done);
};

}  // namespace kiosk::store
