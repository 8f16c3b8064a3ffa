#include "service_settings.h"

#include <QJsonObject>

namespace kiosk::backend {

ServiceSettings ServiceSettings::fromBackend(const QString& name, const BackendSettings& backend) {
    ServiceSettings s;
    s.name = name;
    s.baseUrl = backend.portalUrl;
    s.timeoutMs = backend.timeoutMs;
    return s;
}

ServiceSettings ServiceSettings::fromConfig(const QString& name, const KioskConfig& config) {
    ServiceSettings s = fromBackend(name, BackendSettings::fromConfig(config.backend));
    const QJsonObject o = config.document.value(QLatin1String("backend"))
                              .toObject()
                              .value(QLatin1String("services"))
                              .toObject()
                              .value(name)
                              .toObject();
    if (o.contains(QLatin1String("url"))) {
        s.baseUrl = QUrl(o.value(QLatin1String("url")).toString());
    }
    s.timeoutMs = o.value(QLatin1String("timeout_ms")).toInt(s.timeoutMs);
    s.maxAttempts = o.value(QLatin1String("max_attempts")).toInt(s.maxAttempts);
    s.backoffMs = o.value(QLatin1String("backoff_ms")).toInt(s.backoffMs);
    s.maxBackoffMs = o.value(QLatin1String("max_backoff_ms")).toInt(s.maxBackoffMs);
    s.breaker.failureThreshold =
        o.value(QLatin1String("breaker_failures")).toInt(s.breaker.failureThreshold);
    s.breaker.openMs =
        o.value(QLatin1String("breaker_open_ms")).toInt(static_cast<int>(s.breaker.openMs));
    return s;
}

}  // namespace kiosk::backend
