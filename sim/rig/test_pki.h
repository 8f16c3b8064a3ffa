// A throw-away PKI for one simulator run: a CA, a server certificate for
// localhost/127.0.0.1 and a client certificate (mutual TLS), all P-256.
#pragma once

#include "result.h"

#include <QString>

namespace kiosk::sim {

struct TestPki {
    QString caCert;
    QString serverCert;
    QString serverKey;
    QString clientCert;
    QString clientKey;

    // Writes the PEM files into `dir` (keys readable by the owner only).
    static Result<TestPki, QString> create(
        const QString& dir, const QString& clientCommonName = QStringLiteral("KIOSK-SIM-0001"));
};

}  // namespace kiosk::sim
