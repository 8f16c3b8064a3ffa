// One backend's HTTPS channel: mutual TLS, a deadline per attempt (body
// included, so a slow-dripping answer times out too), retries with
// exponential backoff and jitter for retryable failures (Retry-After
// honoured up to a cap), and a circuit breaker. Calls block on a local event
// loop: kioskctl and tests call it directly, the UI from a worker thread.
#pragma once

#include "backend_error.h"
#include "circuit_breaker.h"
#include "result.h"
#include "service_settings.h"
#include "tls_settings.h"

#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QSslConfiguration>
#include <memory>

namespace kiosk::backend {

using Headers = QList<QPair<QByteArray, QByteArray>>;

struct HttpCall {
    QByteArray method = "GET";
    QString path;  // appended to the service's base URL; may carry a query
    QByteArray body;
    QByteArray contentType = "application/json";
    Headers headers;
    // Safe to send again: reads, and writes carrying an idempotency key.
    bool retrySafe = true;
};

struct HttpAnswer {
    int status = 0;
    QByteArray body;
    Headers headers;
    int attempts = 0;
};

// BackendError code for an HTTP status (2xx is not an error).
BackendError::Code codeForStatus(int status);

class BackendHttp {
public:
    static Result<std::unique_ptr<BackendHttp>, BackendError> create(const BackendSettings& tls,
                                                                     const ServiceSettings& service,
                                                                     const QString& kioskId);

    // A 2xx answer, or the error of the last attempt.
    Result<HttpAnswer, BackendError> call(const HttpCall& call);

    CircuitBreaker& breaker() { return m_breaker; }
    const ServiceSettings& settings() const { return m_service; }
    int lastAttempts() const { return m_lastAttempts; }

private:
    BackendHttp(QSslConfiguration tls, ServiceSettings service, QString kioskId);
    Result<HttpAnswer, BackendError> once(const HttpCall& call, qint64* retryAfterMs);
    BackendError error(BackendError::Code code, const QString& message, int status = 0) const;

    QSslConfiguration m_tls;
    ServiceSettings m_service;
    QString m_kioskId;
    QNetworkAccessManager m_nam;
    CircuitBreaker m_breaker;
    int m_lastAttempts = 0;
};

}  // namespace kiosk::backend
