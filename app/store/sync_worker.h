// Delivers the outbox to the backend: several items in flight (one per
// citizen session, so a session's order holds), exponential backoff with
// jitter, Retry-After honoured, an item deleted only after a 2xx, dead letter
// after N failures, expired items purged with an audit entry. Runs on the
// thread that owns the Store; all waiting is timers, never blocking.
#pragma once

#include "outbox.h"
#include "outbox_transport.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace kiosk::store {

struct SyncPolicy {
    int maxInFlight = 32;       // items, at most one per session
    int maxBatch = 16;          // items per request (capped by the transport)
    int maxAttempts = 10;       // then dead letter
    qint64 baseDelayMs = 2000;  // first retry after about this long
    qint64 maxDelayMs = 15 * 60 * 1000;
    qint64 maxRetryAfterMs = 60 * 60 * 1000;  // a larger Retry-After is capped
    qint64 idleCheckMs = 30 * 1000;  // re-read the store this often (kioskctl retry, expiry)
    qint64 purgeEveryMs = 60 * 1000;
};

// The delay before attempt `attempts + 1`: base * 2^(attempts-1), capped,
// with "equal jitter" (half fixed, half random) so kiosks that lost the
// network together do not come back in lockstep. `random01` in [0, 1).
qint64 backoffDelayMs(const SyncPolicy& policy, int attempts, double random01);

class SyncWorker : public QObject {
    Q_OBJECT
public:
    SyncWorker(Outbox& outbox, OutboxTransport& transport, SyncPolicy policy = {},
               QObject* parent = nullptr);
    ~SyncWorker() override;

    void start();
    void stop();  // in-flight deliveries finish; nothing new starts
    bool isOnline() const { return m_online; }
    int inFlight() const { return static_cast<int>(m_inFlight.size()); }

public slots:
    // From the network monitor: offline pauses delivery; online resumes at once.
    void setOnline(bool online);
    // Look at the store now (after enqueue, or a maintenance retry).
    void wake();

signals:
    void delivered(const QString& key);
    void retryScheduled(const QString& key, int attempts, qint64 delayMs, const QString& reason);
    void deadLettered(const QString& key, const QString& reason);
    void expired(int count);
    void storeFailed(const kiosk::store::StoreError& error);
    // Nothing is due or in flight.
    void idle();

private:
    struct Flight {
        quint64 token;
        OutboxItem item;
    };
    void pump();
    void finish(qint64 id, quint64 token, const DeliveryOutcome& outcome);
    void flushAcks();
    void armTimer();

    Outbox& m_outbox;
    OutboxTransport& m_transport;
    SyncPolicy m_policy;
    bool m_running = false;
    bool m_online = true;
    bool m_pumpQueued = false;
    quint64 m_nextToken = 1;
    QHash<qint64, Flight> m_inFlight;
    QList<qint64> m_acked;
    QTimer m_timer;
    qint64 m_nextPurgeAt = 0;
};

}  // namespace kiosk::store
