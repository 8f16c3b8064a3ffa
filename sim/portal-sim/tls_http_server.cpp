#include "tls_http_server.h"

#include <sys/socket.h>
#include <QFile>
#include <QLoggingCategory>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTimer>

Q_LOGGING_CATEGORY(lcSimHttp, "kiosk.sim.http")

namespace kiosk::sim {

TlsHttpServer::TlsHttpServer(Handler handler, QObject* parent)
    : QObject(parent), m_handler(std::move(handler)) {
    connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, &TlsHttpServer::onConnection);
    connect(&m_server, &QSslServer::errorOccurred, this,
            [](QSslSocket*, QAbstractSocket::SocketError e) {
                qCInfo(lcSimHttp) << "connection error" << e;
            });
    connect(&m_server, &QSslServer::peerVerifyError, this, [](QSslSocket*, const QSslError& e) {
        qCInfo(lcSimHttp) << "client certificate:" << e.errorString();
    });
}

QString TlsHttpServer::listen(const QHostAddress& address, quint16 port, const Tls& tls) {
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    const auto certs = QSslCertificate::fromPath(tls.certFile);
    if (certs.isEmpty()) {
        return QStringLiteral("no certificate in %1").arg(tls.certFile);
    }
    QFile keyFile(tls.keyFile);
    if (!keyFile.open(QIODevice::ReadOnly)) {
        return QStringLiteral("%1: %2").arg(tls.keyFile, keyFile.errorString());
    }
    const QByteArray pem = keyFile.readAll();
    QSslKey key(pem, QSsl::Ec);
    if (key.isNull()) {
        key = QSslKey(pem, QSsl::Rsa);
    }
    if (key.isNull()) {
        return QStringLiteral("no usable private key in %1").arg(tls.keyFile);
    }
    config.setLocalCertificateChain(certs);
    config.setPrivateKey(key);
    if (!tls.clientCaFile.isEmpty()) {
        const auto cas = QSslCertificate::fromPath(tls.clientCaFile);
        if (cas.isEmpty()) {
            return QStringLiteral("no CA certificate in %1").arg(tls.clientCaFile);
        }
        config.setCaCertificates(cas);
        config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    } else {
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
    }
    m_server.setSslConfiguration(config);
    if (!m_server.listen(address, port)) {
        return m_server.errorString();
    }
    return {};
}

void TlsHttpServer::onConnection() {
    while (QTcpSocket* tcp = m_server.nextPendingConnection()) {
        auto* socket = qobject_cast<QSslSocket*>(tcp);
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QSslSocket::readyRead, socket, [this, socket, buffer] {
            *buffer += socket->readAll();
            HttpRequest request;
            QString error;
            const ParseStatus status = parseHttpRequest(*buffer, request, error);
            if (status == ParseStatus::Incomplete) {
                return;
            }
            const HttpResponse response =
                status == ParseStatus::Error
                    ? HttpResponse::error(400, QStringLiteral("bad_request"), error)
                    : m_handler(request);
            qCDebug(lcSimHttp) << request.method << request.path() << response.status;
            buffer->clear();
            // Fault injection hook (HttpResponse::Fault), used by portal-sim's
            // outbox tests. A response without a fault is written at once.
            auto send = [socket, response] {
                const QByteArray bytes = response.serialize();
                if (response.fault.resetMidway) {
                    // Half the header block, then a TCP reset (linger 0): the
                    // client never sees a complete response.
                    socket->write(bytes.left(bytes.indexOf("\r\n\r\n") / 2));
                    socket->flush();
                    const linger hard{1, 0};
                    ::setsockopt(static_cast<int>(socket->socketDescriptor()), SOL_SOCKET,
                                 SO_LINGER, &hard, sizeof hard);
                    socket->abort();
                    return;
                }
                if (response.fault.slowBodyMs > 0) {
                    // Headers and a first byte now, the rest in ten drips.
                    const qsizetype head = bytes.indexOf("\r\n\r\n") + 5;
                    socket->write(bytes.left(head));
                    socket->flush();
                    const qsizetype rest = bytes.size() - head;
                    const qsizetype step = std::max<qsizetype>(1, (rest + 9) / 10);
                    for (int i = 1; i <= 10; ++i) {
                        QTimer::singleShot(response.fault.slowBodyMs * i / 10, socket,
                                           [socket, bytes, head, step, i] {
                                               const qsizetype from = head + step * (i - 1);
                                               if (from < bytes.size()) {
                                                   socket->write(bytes.mid(from, step));
                                               }
                                               if (i == 10) {
                                                   socket->disconnectFromHost();
                                               }
                                           });
                    }
                    return;
                }
                socket->write(bytes);
                if (response.fault.sendTwice) {
                    socket->write(bytes);
                }
                socket->disconnectFromHost();
            };
            if (response.fault.delayMs > 0) {
                QTimer::singleShot(response.fault.delayMs, socket, send);
            } else {
                send();
            }
        });
    }
}

}  // namespace kiosk::sim
