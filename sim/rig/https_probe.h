// A blocking HTTPS GET with mutual TLS, for readiness checks and tests.
#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

namespace kiosk::sim {

struct HttpsReply {
    int status = 0;
    QByteArray body;
};

struct TlsFiles {
    QString caCert;
    QString clientCert;  // empty: no client certificate
    QString clientKey;
};

Result<HttpsReply, QString> httpsGet(const QString& host, quint16 port, const QString& path,
                                     const TlsFiles& tls, int timeoutMs = 3000);

}  // namespace kiosk::sim
