#include "network_status.h"

#include <QLoggingCategory>
#include <QNetworkInformation>

Q_LOGGING_CATEGORY(lcBackendNet, "kiosk.backend.network")

namespace kiosk::backend {

namespace {

bool reachable(QNetworkInformation::Reachability r) {
    // Unknown: assume online and let delivery attempts find out.
    return r != QNetworkInformation::Reachability::Disconnected;
}

}  // namespace

NetworkStatus::NetworkStatus(QObject* parent) : QObject(parent) {
    if (!QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability)) {
        qCInfo(lcBackendNet) << "no network information backend; assuming online";
        return;
    }
    auto* info = QNetworkInformation::instance();
    m_hasBackend = true;
    m_online = reachable(info->reachability());
    connect(info, &QNetworkInformation::reachabilityChanged, this,
            [this](QNetworkInformation::Reachability r) {
                const bool online = reachable(r);
                if (online != m_online) {
                    m_online = online;
                    emit onlineChanged(online);
                }
            });
}

}  // namespace kiosk::backend
