// The kiosk's offline queue at run time: the encrypted store, its outbox, and
// the sync worker that delivers the outbox to the Citizen Portal over mutual
// TLS whenever the network allows. smart-kiosk starts one at launch.
#pragma once

#include "https_outbox_transport.h"
#include "key_store.h"
#include "network_status.h"
#include "outbox.h"
#include "store.h"
#include "sync_worker.h"

#include <QJsonObject>
#include <memory>

namespace kiosk::backend {

class OfflineQueue {
public:
    // Opens (or creates) the store in `dataDir` and starts delivery. A store
    // that cannot be opened (wrong key, damage, no room) is an error: the kiosk
    // must not take citizen work it cannot keep. A backend that cannot be set
    // up (missing TLS files) only stops delivery: work still queues safely.
    static Result<std::unique_ptr<OfflineQueue>, QString> start(const KioskConfig& config,
                                                                const QString& dataDir);
    ~OfflineQueue();

    store::Store& store() { return *m_store; }
    store::Outbox& outbox() { return *m_outbox; }
    bool delivering() const { return m_worker != nullptr; }
    // Try the due work now instead of at the next scheduled pass (maintenance, fleet).
    void wakeDelivery() {
        if (m_worker) {
            m_worker->wake();
        }
    }
    // Counts and sizes only, no personal data: for run logs and heartbeats.
    QJsonObject stats();

private:
    OfflineQueue(const QString& dataDir);

    store::FileKeyStore m_keys;
    std::unique_ptr<store::Store> m_store;
    std::unique_ptr<store::Outbox> m_outbox;
    std::unique_ptr<HttpsOutboxTransport> m_transport;
    std::unique_ptr<store::SyncWorker> m_worker;
    NetworkStatus m_network;
    QString m_deliveryProblem;
};

}  // namespace kiosk::backend
