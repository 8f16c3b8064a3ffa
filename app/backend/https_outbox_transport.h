// Delivers outbox items to the Citizen Portal over HTTPS with mutual TLS.
//   one item:  POST {portal_url}/v1/outbox/items, Idempotency-Key header,
//              the payload as the body;
//   several:   POST {portal_url}/v1/outbox/batch, {"items":[{"idempotency_key",
//              "type","created_at_ms","payload_base64"}]}, answered with one
//              {"key","status"} per item. Batches save a TLS handshake per
//              item (the portal closes each connection).
// Replies map to DeliveryOutcome: a complete 2xx is accepted; 408/425/429/5xx,
// timeouts, resets and other network errors retry later (with Retry-After
// when given); other 4xx are rejected.
#pragma once

#include "outbox_transport.h"
#include "tls_settings.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QObject>
#include <memory>

class QNetworkReply;

namespace kiosk::backend {

class HttpsOutboxTransport : public QObject, public store::OutboxTransport {
    Q_OBJECT
public:
    static Result<std::unique_ptr<HttpsOutboxTransport>, BackendError> create(
        const BackendSettings& settings, const QString& kioskId, QObject* parent = nullptr);

    void deliver(const store::Delivery& delivery, Done done) override;
    int maxBatch() const override { return m_maxBatch; }
    void deliverBatch(const QList<store::Delivery>& deliveries, BatchDone done) override;
    void setMaxBatch(int items) { m_maxBatch = std::max(1, items); }

    QUrl endpoint() const { return m_endpoint; }

private:
    HttpsOutboxTransport(QSslConfiguration tls, QUrl endpoint, int timeoutMs, QString kioskId,
                         QObject* parent);
    QNetworkRequest request(const QUrl& url) const;
    QNetworkAccessManager m_nam;
    int m_maxBatch = 16;
    QSslConfiguration m_tls;
    QUrl m_endpoint;
    QUrl m_batchEndpoint;
    int m_timeoutMs;
    QString m_kioskId;
};

// Retry-After: delta-seconds or an HTTP-date, relative to `now`.
std::optional<qint64> parseRetryAfter(const QByteArray& value, const QDateTime& now);

// The outcome for an HTTP status (0: no response).
store::DeliveryOutcome::Kind classifyStatus(int httpStatus);

// The outcome of one finished reply as a whole (status, network error,
// Retry-After).
store::DeliveryOutcome replyOutcome(QNetworkReply* reply);

}  // namespace kiosk::backend
