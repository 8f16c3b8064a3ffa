#include "sync_worker.h"

#include <QDateTime>
#include <QPointer>
#include <QRandomGenerator>
#include <algorithm>
#include <cmath>

Q_LOGGING_CATEGORY(lcStoreSync, "kiosk.store.sync")

namespace kiosk::store {

qint64 backoffDelayMs(const SyncPolicy& policy, int attempts, double random01) {
    const int exponent = std::clamp(attempts - 1, 0, 30);
    const double raw = static_cast<double>(policy.baseDelayMs) * std::ldexp(1.0, exponent);
    const double capped = std::min(raw, static_cast<double>(policy.maxDelayMs));
    return static_cast<qint64>(capped / 2 + capped / 2 * random01);
}

SyncWorker::SyncWorker(Outbox& outbox, OutboxTransport& transport, SyncPolicy policy,
                       QObject* parent)
    : QObject(parent), m_outbox(outbox), m_transport(transport), m_policy(policy) {
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SyncWorker::pump);
}

SyncWorker::~SyncWorker() {
    // Acknowledged items not yet deleted are delivered again next time; the
    // backend's idempotency makes that harmless. Still, save the work now.
    flushAcks();
}

void SyncWorker::start() {
    m_running = true;
    wake();
}

void SyncWorker::stop() {
    m_running = false;
    m_timer.stop();
}

void SyncWorker::setOnline(bool online) {
    if (online == m_online) {
        return;
    }
    m_online = online;
    qCInfo(lcStoreSync) << (online ? "network up: resuming delivery"
                                   : "network down: pausing delivery");
    if (online) {
        wake();
    }
}

void SyncWorker::wake() {
    if (m_pumpQueued) {
        return;
    }
    m_pumpQueued = true;
    QTimer::singleShot(0, this, &SyncWorker::pump);
}

void SyncWorker::pump() {
    m_pumpQueued = false;
    if (!m_running) {
        return;
    }
    const qint64 now = m_outbox.store().now();
    if (now >= m_nextPurgeAt) {
        m_nextPurgeAt = now + m_policy.purgeEveryMs;
        auto purged = m_outbox.purgeExpired();
        if (!purged) {
            emit storeFailed(purged.error());
        } else if (*purged > 0) {
            emit expired(*purged);
        }
    }
    if (m_online) {
        const int room = m_policy.maxInFlight - inFlight();
        if (room > 0) {
            QSet<qint64> busy;
            for (auto it = m_inFlight.cbegin(); it != m_inFlight.cend(); ++it) {
                busy.insert(it.key());
            }
            auto items = m_outbox.due(room, busy);
            if (!items) {
                qCWarning(lcStoreSync) << "cannot read the outbox:" << items.error().message;
                emit storeFailed(items.error());
            } else {
                const int batch = std::max(1, std::min(m_policy.maxBatch, m_transport.maxBatch()));
                for (qsizetype start = 0; start < items->size(); start += batch) {
                    QList<Delivery> deliveries;
                    QList<QPair<qint64, quint64>> flights;  // item id, token
                    for (const OutboxItem& item : items->mid(start, batch)) {
                        const quint64 token = m_nextToken++;
                        deliveries.append(
                            {item.key, item.type, item.payload, item.createdAt, item.attempts + 1});
                        m_inFlight.insert(item.id, {token, item});
                        m_inFlight[item.id].item.payload.clear();  // one copy in flight is enough
                        flights.append({item.id, token});
                    }
                    QPointer<SyncWorker> self(this);
                    auto done = [self, flights](const QList<DeliveryOutcome>& outcomes) {
                        for (qsizetype i = 0; self && i < flights.size() && i < outcomes.size();
                             ++i) {
                            self->finish(flights[i].first, flights[i].second, outcomes[i]);
                        }
                    };
                    if (deliveries.size() == 1) {
                        m_transport.deliver(deliveries.first(),
                                            [done](const DeliveryOutcome& o) { done({o}); });
                    } else {
                        m_transport.deliverBatch(deliveries, done);
                    }
                }
            }
        }
    }
    armTimer();
}

void SyncWorker::finish(qint64 id, quint64 token, const DeliveryOutcome& outcome) {
    auto it = m_inFlight.find(id);
    if (it == m_inFlight.end() || it->token != token || m_acked.contains(id)) {
        qCDebug(lcStoreSync) << "ignoring a repeated outcome for item" << id;
        return;
    }
    const OutboxItem item = it->item;
    if (outcome.kind == DeliveryOutcome::Kind::Accepted) {
        // Deleted in a batch: replies that arrive together share one commit.
        m_acked << id;
        if (m_acked.size() == 1) {
            QTimer::singleShot(0, this, &SyncWorker::flushAcks);
        }
        return;
    }
    m_inFlight.erase(it);
    const qint64 now = m_outbox.store().now();
    const int attempts = item.attempts + 1;
    qint64 delay = backoffDelayMs(m_policy, attempts, QRandomGenerator::global()->generateDouble());
    if (outcome.retryAfterMs) {
        // The server said when; add a little jitter on top, never less.
        const qint64 ra = std::min(*outcome.retryAfterMs, m_policy.maxRetryAfterMs);
        delay = ra + static_cast<qint64>(ra * 0.1 * QRandomGenerator::global()->generateDouble());
    }
    const FailureKind kind = outcome.kind == DeliveryOutcome::Kind::Rejected ? FailureKind::Rejected
                                                                             : FailureKind::Retry;
    auto status = m_outbox.markFailed(id, kind, outcome.reason, now + delay, m_policy.maxAttempts);
    if (!status) {
        qCWarning(lcStoreSync) << "cannot record a failed attempt:" << status.error().message;
        emit storeFailed(status.error());
    } else if (*status == ItemStatus::DeadLetter) {
        emit deadLettered(item.key, outcome.reason);
    } else {
        qCInfo(lcStoreSync) << "item" << item.key << "attempt" << attempts
                            << "failed:" << outcome.reason << "- next try in" << delay << "ms";
        emit retryScheduled(item.key, attempts, delay, outcome.reason);
    }
    wake();
}

void SyncWorker::flushAcks() {
    if (m_acked.isEmpty()) {
        return;
    }
    const QList<qint64> ids = std::exchange(m_acked, {});
    auto r = m_outbox.markDelivered(ids);
    QStringList keys;
    for (qint64 id : ids) {
        keys << m_inFlight.value(id).item.key;
        m_inFlight.remove(id);
    }
    if (!r) {
        // The items stay in the store and go out again; the backend has them
        // already and answers the repeat with a 2xx.
        qCWarning(lcStoreSync) << "cannot delete delivered items:" << r.error().message;
        emit storeFailed(r.error());
    } else {
        for (const QString& key : keys) {
            emit delivered(key);
        }
    }
    wake();
}

void SyncWorker::armTimer() {
    if (!m_running) {
        return;
    }
    QSet<qint64> busy;
    for (auto it = m_inFlight.cbegin(); it != m_inFlight.cend(); ++it) {
        busy.insert(it.key());
    }
    qint64 wait = m_policy.idleCheckMs;
    auto next = m_outbox.nextWakeAt(busy);
    const qint64 now = m_outbox.store().now();
    if (next && *next) {
        wait = std::clamp<qint64>(**next - now, 0, m_policy.idleCheckMs);
    }
    if (!m_online) {
        wait = m_policy.idleCheckMs;  // still purge expired items while offline
    } else if (wait == 0 && inFlight() >= m_policy.maxInFlight) {
        wait = m_policy.idleCheckMs;  // a finishing flight wakes us sooner
    }
    if (inFlight() == 0 && m_acked.isEmpty() && (!next || !*next || **next > now)) {
        emit idle();
    }
    m_timer.start(static_cast<int>(wait));
}

}  // namespace kiosk::store
