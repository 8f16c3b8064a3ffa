#include "https_probe.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>

namespace kiosk::sim {

Result<HttpsReply, QString> httpsGet(const QString& host, quint16 port, const QString& path,
                                     const TlsFiles& tls, int timeoutMs) {
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    const auto cas = QSslCertificate::fromPath(tls.caCert);
    if (cas.isEmpty()) {
        return fail(QStringLiteral("no CA certificate in %1").arg(tls.caCert));
    }
    config.setCaCertificates(cas);
    if (!tls.clientCert.isEmpty()) {
        const auto certs = QSslCertificate::fromPath(tls.clientCert);
        QFile keyFile(tls.clientKey);
        if (certs.isEmpty() || !keyFile.open(QIODevice::ReadOnly)) {
            return fail(QStringLiteral("cannot read client certificate or key"));
        }
        config.setLocalCertificate(certs.first());
        config.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec));
    }
    QSslSocket socket;
    socket.setSslConfiguration(config);
    socket.connectToHostEncrypted(host, port);
    if (!socket.waitForEncrypted(timeoutMs)) {
        return fail(QStringLiteral("TLS handshake with %1:%2 failed: %3")
                        .arg(host)
                        .arg(port)
                        .arg(socket.errorString()));
    }
    socket.write(QStringLiteral("GET %1 HTTP/1.1\r\nHost: %2:%3\r\nConnection: close\r\n\r\n")
                     .arg(path, host)
                     .arg(port)
                     .toUtf8());
    QByteArray raw;
    while (socket.waitForReadyRead(timeoutMs)) {
        raw += socket.readAll();
    }
    raw += socket.readAll();
    const qsizetype headerEnd = raw.indexOf("\r\n\r\n");
    if (!raw.startsWith("HTTP/1.1 ") || headerEnd < 0) {
        return fail(QStringLiteral("malformed HTTP response from %1:%2").arg(host).arg(port));
    }
    HttpsReply reply;
    reply.status = raw.mid(9, 3).toInt();
    reply.body = raw.mid(headerEnd + 4);
    return reply;
}

}  // namespace kiosk::sim
