// An HTTPS server on QSslServer: mutual TLS when a client CA is given, one
// request per connection, requests handed to a handler function.
#pragma once

#include "http_message.h"

#include <QHostAddress>
#include <QObject>
#include <QSslServer>
#include <functional>

namespace kiosk::sim {

class TlsHttpServer : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<HttpResponse(const HttpRequest&)>;

    struct Tls {
        QString certFile;
        QString keyFile;
        QString clientCaFile;  // empty: no client certificate required
    };

    explicit TlsHttpServer(Handler handler, QObject* parent = nullptr);

    // Returns an error message, or an empty string on success.
    QString listen(const QHostAddress& address, quint16 port, const Tls& tls);
    quint16 port() const { return m_server.serverPort(); }

private:
    void onConnection();

    Handler m_handler;
    QSslServer m_server;
};

}  // namespace kiosk::sim
