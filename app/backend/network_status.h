// Whether the kiosk has a network, from QNetworkInformation when the
// platform offers a backend (NetworkManager); otherwise "online" (delivery
// failures then drive the backoff).
#pragma once

#include <QObject>

namespace kiosk::backend {

class NetworkStatus : public QObject {
    Q_OBJECT
public:
    explicit NetworkStatus(QObject* parent = nullptr);
    bool isOnline() const { return m_online; }
    bool hasBackend() const { return m_hasBackend; }

signals:
    void onlineChanged(bool online);

private:
    bool m_online = true;
    bool m_hasBackend = false;
};

}  // namespace kiosk::backend
