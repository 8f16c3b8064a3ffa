#include "offline_queue.h"

#include "tls_settings.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcBackendQueue, "kiosk.backend.queue")

namespace kiosk::backend {

OfflineQueue::OfflineQueue(const QString& dataDir)
    : m_keys(store::FileKeyStore::defaultPath(dataDir)) {}

OfflineQueue::~OfflineQueue() {
    if (m_worker) {
        m_worker->stop();
    }
}

Result<std::unique_ptr<OfflineQueue>, QString> OfflineQueue::start(const KioskConfig& config,
                                                                   const QString& dataDir) {
    std::unique_ptr<OfflineQueue> q(new OfflineQueue(dataDir));
    auto opened = store::Store::open(store::Store::forKiosk(config, dataDir, &q->m_keys));
    if (!opened) {
        return fail(opened.error().message);
    }
    q->m_store = std::move(*opened);
    q->m_outbox = std::make_unique<store::Outbox>(*q->m_store);

    auto transport =
        HttpsOutboxTransport::create(BackendSettings::fromConfig(config.backend), config.kiosk.id);
    if (!transport) {
        q->m_deliveryProblem = transport.error().message;
        qCWarning(lcBackendQueue).noquote()
            << "outbox delivery disabled:" << transport.error().message;
        return q;
    }
    q->m_transport = std::move(*transport);
    q->m_worker = std::make_unique<store::SyncWorker>(*q->m_outbox, *q->m_transport);
    q->m_worker->setOnline(q->m_network.isOnline());
    QObject::connect(&q->m_network, &NetworkStatus::onlineChanged, q->m_worker.get(),
                     &store::SyncWorker::setOnline);
    q->m_worker->start();
    qCInfo(lcBackendQueue).noquote()
        << "outbox delivering to" << config.backend.portalUrl.toString();
    return q;
}

QJsonObject OfflineQueue::stats() {
    QJsonObject out{{QStringLiteral("delivering"), delivering()}};
    if (!m_deliveryProblem.isEmpty()) {
        out.insert(QStringLiteral("delivery_problem"), m_deliveryProblem);
    }
    if (auto s = m_outbox->stats()) {
        out.insert(QStringLiteral("outbox"), s->toJson());
    } else {
        out.insert(QStringLiteral("error"), s.error().message);
    }
    return out;
}

}  // namespace kiosk::backend
