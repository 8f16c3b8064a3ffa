#include "backend_http.h"

#include "https_outbox_transport.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTimer>

Q_LOGGING_CATEGORY(lcBackendHttp, "kiosk.backend.http")

namespace kiosk::backend {

BackendError::Code codeForStatus(int status) {
    using C = BackendError::Code;
    if (status == 404) {
        return C::NotFound;
    }
    if (status == 409) {
        return C::Conflict;
    }
    if (status == 408 || status == 425 || status == 429 || status >= 500) {
        return C::Server;
    }
    return C::Rejected;
}

Result<std::unique_ptr<BackendHttp>, BackendError> BackendHttp::create(
    const BackendSettings& tls, const ServiceSettings& service, const QString& kioskId) {
    BackendSettings s = tls;
    s.portalUrl = service.baseUrl;
    auto config = makeTlsConfiguration(s);
    if (!config) {
        BackendError e = config.error();
        e.service = service.name;
        return fail(e);
    }
    return std::unique_ptr<BackendHttp>(new BackendHttp(*config, service, kioskId));
}

BackendHttp::BackendHttp(QSslConfiguration tls, ServiceSettings service, QString kioskId)
    : m_tls(std::move(tls)),
      m_service(std::move(service)),
      m_kioskId(std::move(kioskId)),
      m_breaker(m_service.breaker) {
    // One connection per request: the backends (and portal-sim) close after
    // each answer, and a fresh handshake never reuses a half-dead socket.
    m_nam.setAutoDeleteReplies(false);
}

BackendError BackendHttp::error(BackendError::Code code, const QString& message, int status) const {
    return BackendError{code, message, status, m_service.name};
}

Result<HttpAnswer, BackendError> BackendHttp::once(const HttpCall& call, qint64* retryAfterMs) {
    QUrl url = m_service.baseUrl;
    QString base = url.path();
    if (base.endsWith(QLatin1Char('/'))) {
        base.chop(1);
    }
    const qsizetype q = call.path.indexOf(QLatin1Char('?'));
    url.setPath(base + (q < 0 ? call.path : call.path.left(q)));
    if (q >= 0) {
        url.setQuery(call.path.mid(q + 1));
    }
    QNetworkRequest request(url);
    request.setSslConfiguration(m_tls);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setRawHeader("Connection", "close");
    request.setRawHeader("Kiosk-Id", m_kioskId.toUtf8());
    if (!call.body.isEmpty() || call.method == "POST" || call.method == "PUT") {
        request.setHeader(QNetworkRequest::ContentTypeHeader, call.contentType);
    }
    for (const auto& [name, value] : call.headers) {
        request.setRawHeader(name, value);
    }
    std::unique_ptr<QNetworkReply> reply(m_nam.sendCustomRequest(request, call.method, call.body));
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    bool timedOut = false;
    QObject::connect(&deadline, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        reply->abort();
    });
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    deadline.start(m_service.timeoutMs);
    if (!reply->isFinished()) {
        loop.exec();
    }
    deadline.stop();
    if (timedOut) {
        return fail(
            error(BackendError::Code::Timeout,
                  QStringLiteral("no complete answer within %1 ms").arg(m_service.timeoutMs)));
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0) {
        return fail(error(BackendError::Code::Network, reply->errorString()));
    }
    HttpAnswer answer;
    answer.status = status;
    answer.body = reply->readAll();
    for (const auto& pair : reply->rawHeaderPairs()) {
        answer.headers.append({pair.first.toLower(), pair.second});
    }
    if (status >= 200 && status < 300) {
        if (reply->error() != QNetworkReply::NoError) {
            // A 2xx cut short (reset half-way): the body cannot be trusted.
            return fail(error(BackendError::Code::Network,
                              QStringLiteral("answer cut short: ") + reply->errorString(), status));
        }
        return answer;
    }
    if (const auto ra =
            parseRetryAfter(reply->rawHeader("Retry-After"), QDateTime::currentDateTimeUtc())) {
        *retryAfterMs = *ra;
    }
    const QJsonObject e =
        QJsonDocument::fromJson(answer.body).object().value(QLatin1String("error")).toObject();
    QString message = e.value(QLatin1String("code")).toString();
    if (message.isEmpty()) {
        message = QStringLiteral("HTTP %1").arg(status);
    } else {
        message = QStringLiteral("HTTP %1 %2: %3")
                      .arg(status)
                      .arg(message, e.value(QLatin1String("message")).toString().left(200));
    }
    return fail(error(codeForStatus(status), message, status));
}

Result<HttpAnswer, BackendError> BackendHttp::call(const HttpCall& call) {
    m_lastAttempts = 0;
    const int maxAttempts = std::max(1, call.retrySafe ? m_service.maxAttempts : 1);
    std::optional<BackendError> last;
    for (int attempt = 1; attempt <= maxAttempts; ++attempt) {
        if (!m_breaker.allow()) {
            return fail(
                error(BackendError::Code::CircuitOpen,
                      QStringLiteral("%1 failed repeatedly; not tried until %2")
                          .arg(m_service.name, QDateTime::fromMSecsSinceEpoch(m_breaker.retryAtMs())
                                                   .toUTC()
                                                   .toString(Qt::ISODate))));
        }
        m_lastAttempts = attempt;
        qint64 retryAfterMs = -1;
        auto r = once(call, &retryAfterMs);
        if (r) {
            m_breaker.recordSuccess();
            r->attempts = attempt;
            return r;
        }
        last = r.error();
        if (!last->retryable()) {
            m_breaker.recordSuccess();  // it answered: the backend is up
            return fail(*last);
        }
        m_breaker.recordFailure();
        qCInfo(lcBackendHttp).noquote()
            << m_service.name << call.method << call.path.section(QLatin1Char('?'), 0, 0)
            << "attempt" << attempt << "failed:" << last->codeName();
        if (attempt == maxAttempts) {
            break;
        }
        // Equal jitter: half fixed, half random, doubling each attempt.
        qint64 delay = qint64(m_service.backoffMs) << (attempt - 1);
        delay = delay / 2 + QRandomGenerator::global()->bounded(delay / 2 + 1);
        if (retryAfterMs >= 0) {
            if (retryAfterMs > m_service.maxBackoffMs) {
                break;  // the backend asks for more patience than a citizen has
            }
            delay = std::max(delay, retryAfterMs);
        }
        delay = std::min<qint64>(delay, m_service.maxBackoffMs);
        QEventLoop wait;
        QTimer::singleShot(static_cast<int>(delay), &wait, &QEventLoop::quit);
        wait.exec();
    }
    last->message += QStringLiteral(" (after %1 attempt%2)")
                         .arg(m_lastAttempts)
                         .arg(m_lastAttempts == 1 ? QString() : QStringLiteral("s"));
    return fail(*last);
}

}  // namespace kiosk::backend
