// Mutual-TLS settings for the government backends, built from the kiosk
// configuration (backend.portal_url, ca_file, client_cert, client_key,
// timeout_ms).
#pragma once

#include "backend_error.h"
#include "config.h"
#include "result.h"

#include <QSslConfiguration>
#include <QUrl>

namespace kiosk::backend {

struct BackendSettings {
    QUrl portalUrl;
    QString caFile;
    QString clientCert;
    QString clientKey;
    int timeoutMs = 10000;

    static BackendSettings fromConfig(const KioskConfig::Backend& backend);
};

// Trusts only the configured CA (not the system store), presents the client
// certificate, TLS 1.2 or newer. Errors name the file, never its content.
Result<QSslConfiguration, BackendError> makeTlsConfiguration(const BackendSettings& settings);

}  // namespace kiosk::backend
