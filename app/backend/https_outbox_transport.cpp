#include "https_outbox_transport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QNetworkRequest>

Q_LOGGING_CATEGORY(lcBackendOutbox, "kiosk.backend.outbox")

namespace kiosk::backend {

using store::DeliveryOutcome;

std::optional<qint64> parseRetryAfter(const QByteArray& value, const QDateTime& now) {
    const QByteArray v = value.trimmed();
    if (v.isEmpty()) {
        return std::nullopt;
    }
    bool ok = false;
    const qint64 seconds = v.toLongLong(&ok);
    if (ok) {
        return seconds >= 0 ? std::optional<qint64>(seconds * 1000) : std::nullopt;
    }
    // IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
    QString text = QString::fromLatin1(v);
    if (text.endsWith(QLatin1String(" GMT"))) {
        text.replace(text.size() - 3, 3, QStringLiteral("+0000"));  // Qt wants a numeric zone
    }
    const QDateTime when = QDateTime::fromString(text, Qt::RFC2822Date);
    if (!when.isValid()) {
        return std::nullopt;
    }
    return std::max<qint64>(0, now.msecsTo(when));
}

DeliveryOutcome::Kind classifyStatus(int status) {
    if (status >= 200 && status < 300) {
        return DeliveryOutcome::Kind::Accepted;
    }
    if (status == 0 || status == 408 || status == 425 || status == 429 || status >= 500 ||
        status == 401 || status == 403) {
        // 401/403: usually a certificate not yet enrolled or a clock issue;
        // worth retrying until the attempt limit rather than dropping at once.
        return DeliveryOutcome::Kind::RetryLater;
    }
    return DeliveryOutcome::Kind::Rejected;
}

Result<std::unique_ptr<HttpsOutboxTransport>, BackendError> HttpsOutboxTransport::create(
    const BackendSettings& settings, const QString& kioskId, QObject* parent) {
    auto tls = makeTlsConfiguration(settings);
    if (!tls) {
        return fail(tls.error());
    }
    QUrl endpoint = settings.portalUrl;
    QString path = endpoint.path();
    if (path.endsWith(QLatin1Char('/'))) {
        path.chop(1);
    }
    endpoint.setPath(path + QStringLiteral("/v1/outbox/items"));
    return std::unique_ptr<HttpsOutboxTransport>(
        new HttpsOutboxTransport(*tls, endpoint, settings.timeoutMs, kioskId, parent));
}

HttpsOutboxTransport::HttpsOutboxTransport(QSslConfiguration tls, QUrl endpoint, int timeoutMs,
                                           QString kioskId, QObject* parent)
    : QObject(parent),
      m_tls(std::move(tls)),
      m_endpoint(std::move(endpoint)),
      m_timeoutMs(timeoutMs),
      m_kioskId(std::move(kioskId)) {
    m_batchEndpoint = m_endpoint;
    QString path = m_endpoint.path();
    path.replace(path.size() - 5, 5, QStringLiteral("batch"));  // ".../items" -> ".../batch"
    m_batchEndpoint.setPath(path);
    m_nam.setAutoDeleteReplies(true);
}

QNetworkRequest HttpsOutboxTransport::request(const QUrl& url) const {
    QNetworkRequest request(url);
    request.setSslConfiguration(m_tls);
    request.setTransferTimeout(m_timeoutMs);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!m_kioskId.isEmpty()) {
        request.setRawHeader("Kiosk-Id", m_kioskId.toUtf8());
    }
    return request;
}

DeliveryOutcome replyOutcome(QNetworkReply* reply) {
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    DeliveryOutcome outcome;
    outcome.httpStatus = status;
    const bool broken = reply->error() != QNetworkReply::NoError &&
                        (status == 0 || classifyStatus(status) == DeliveryOutcome::Kind::Accepted);
    if (broken) {
        // No complete answer (refused, reset, TLS failure, timeout, or a 2xx
        // cut off half-way): only a complete 2xx counts as delivered, so try
        // again; the idempotency key makes the repeat harmless.
        outcome.kind = DeliveryOutcome::Kind::RetryLater;
        outcome.reason = reply->error() == QNetworkReply::OperationCanceledError
                             ? QStringLiteral("timeout")
                             : QStringLiteral("network: %1").arg(reply->errorString());
    } else {
        outcome.kind = classifyStatus(status);
        outcome.reason = QStringLiteral("http %1").arg(status);
        outcome.retryAfterMs =
            parseRetryAfter(reply->rawHeader("Retry-After"), QDateTime::currentDateTimeUtc());
    }
    return outcome;
}

void HttpsOutboxTransport::deliver(const store::Delivery& delivery, Done done) {
    QNetworkRequest r = request(m_endpoint);
    r.setRawHeader("Idempotency-Key", delivery.idempotencyKey.toLatin1());
    r.setRawHeader("Kiosk-Item-Type", delivery.type.toUtf8());
    r.setRawHeader("Kiosk-Attempt", QByteArray::number(delivery.attempt));
    QNetworkReply* reply = m_nam.post(r, delivery.payload);
    const QString key = delivery.idempotencyKey;
    connect(reply, &QNetworkReply::finished, this, [reply, key, done = std::move(done)] {
        const DeliveryOutcome outcome = replyOutcome(reply);
        qCDebug(lcBackendOutbox) << "item" << key << "->" << outcome.reason;
        done(outcome);
    });
}

void HttpsOutboxTransport::deliverBatch(const QList<store::Delivery>& deliveries, BatchDone done) {
    QJsonArray items;
    QStringList keys;
    for (const auto& d : deliveries) {
        keys << d.idempotencyKey;
        items.append(QJsonObject{
            {QStringLiteral("idempotency_key"), d.idempotencyKey},
            {QStringLiteral("type"), d.type},
            {QStringLiteral("created_at_ms"), d.createdAtMs},
            {QStringLiteral("attempt"), d.attempt},
            {QStringLiteral("payload_base64"), QString::fromLatin1(d.payload.toBase64())}});
    }
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("items"), items}}).toJson(QJsonDocument::Compact);
    QNetworkReply* reply = m_nam.post(request(m_batchEndpoint), body);
    connect(reply, &QNetworkReply::finished, this, [reply, keys, done = std::move(done)] {
        const DeliveryOutcome whole = replyOutcome(reply);
        QList<DeliveryOutcome> outcomes(keys.size(), whole);
        if (whole.kind == DeliveryOutcome::Kind::Accepted) {
            // Each item has its own answer; an item the reply does not
            // mention is not acknowledged and goes again.
            QHash<QString, int> statusByKey;
            const QJsonArray results = QJsonDocument::fromJson(reply->readAll())
                                           .object()
                                           .value(QLatin1String("results"))
                                           .toArray();
            for (const auto& v : results) {
                const QJsonObject o = v.toObject();
                statusByKey.insert(o.value(QLatin1String("key")).toString(),
                                   o.value(QLatin1String("status")).toInt());
            }
            for (qsizetype i = 0; i < keys.size(); ++i) {
                const int status = statusByKey.value(keys[i], 0);
                outcomes[i].httpStatus = status;
                outcomes[i].kind =
                    status == 0 ? DeliveryOutcome::Kind::RetryLater : classifyStatus(status);
                outcomes[i].reason = status == 0 ? QStringLiteral("missing from batch reply")
                                                 : QStringLiteral("http %1").arg(status);
            }
        }
        qCDebug(lcBackendOutbox) << "batch of" << keys.size() << "->" << whole.reason;
        done(outcomes);
    });
}

}  // namespace kiosk::backend
