// Where each government backend lives and how patiently the kiosk talks to
// it: `backend.services.<name>` in kiosk.json (url, timeout_ms,
// max_attempts, backoff_ms, breaker_failures, breaker_open_ms); the URL
// defaults to backend.portal_url, the TLS files are backend's.
#pragma once

#include "circuit_breaker.h"
#include "config.h"
#include "tls_settings.h"

#include <QUrl>

namespace kiosk::backend {

struct ServiceSettings {
    QString name;  // "dopa", "fvs", "idp", "portal"
    QUrl baseUrl;
    int timeoutMs = 10000;    // whole request, body included
    int maxAttempts = 3;      // 1 = no retry
    int backoffMs = 250;      // first retry after about this long, doubling
    int maxBackoffMs = 4000;  // Retry-After above this fails the call instead of waiting
    CircuitBreaker::Options breaker;

    // `services` object of the backend section; `fallback` gives URL and timeout.
    static ServiceSettings fromConfig(const QString& name, const KioskConfig& config);
    static ServiceSettings fromBackend(const QString& name, const BackendSettings& backend);
};

}  // namespace kiosk::backend
