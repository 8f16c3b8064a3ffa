// Test helpers around portal-sim's outbox endpoint: blocking HTTPS calls to
// the test hooks (/v1/test/...), and a snapshot of what the server applied.
#pragma once

#include "tls_settings.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <variant>

namespace kiosk::test {

struct HttpResult {
    int status = 0;  // 0: no HTTP response
    QByteArray body;
    QString error;
};

// A blocking request over mutual TLS, with a local event loop.
HttpResult httpsRequest(const backend::BackendSettings& settings, const QByteArray& method,
                        const QString& path, const QByteArray& body = {}, int timeoutMs = 10000);

struct AppliedSnapshot {
    QHash<QString, int> deliveries;  // key -> how often it arrived (applied once)
    qint64 totalApplied = 0;
    qint64 totalDeliveries = 0;
    int duplicatePayloads = 0;
    QJsonObject raw;
};

// GET /v1/test/applied; an error string when it fails.
std::variant<AppliedSnapshot, QString> fetchApplied(const backend::BackendSettings& settings);
// POST /v1/test/faults with `plan`; true on 200.
bool setFaults(const backend::BackendSettings& settings, const QJsonObject& plan);
bool resetPortal(const backend::BackendSettings& settings);

}  // namespace kiosk::test
