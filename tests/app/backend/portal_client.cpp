#include "portal_client.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <variant>

namespace kiosk::test {

HttpResult httpsRequest(const backend::BackendSettings& settings, const QByteArray& method,
                        const QString& path, const QByteArray& body, int timeoutMs) {
    HttpResult result;
    auto tls = backend::makeTlsConfiguration(settings);
    if (!tls) {
        result.error = tls.error().message;
        return result;
    }
    QUrl url = settings.portalUrl;
    url.setPath(path);
    QNetworkRequest request(url);
    request.setSslConfiguration(*tls);
    request.setTransferTimeout(timeoutMs);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkAccessManager nam;
    QNetworkReply* reply = nam.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    if (reply->error() != QNetworkReply::NoError) {
        result.error = reply->errorString();
    }
    reply->deleteLater();
    return result;
}

std::variant<AppliedSnapshot, QString> fetchApplied(const backend::BackendSettings& settings) {
    const HttpResult r = httpsRequest(settings, "GET", QStringLiteral("/v1/test/applied"));
    if (r.status != 200) {
        return QStringLiteral("GET /v1/test/applied: %1 %2").arg(r.status).arg(r.error);
    }
    AppliedSnapshot s;
    s.raw = QJsonDocument::fromJson(r.body).object();
    for (const auto& v : s.raw.value(QLatin1String("items")).toArray()) {
        const QJsonObject o = v.toObject();
        s.deliveries.insert(o.value(QLatin1String("key")).toString(),
                            o.value(QLatin1String("deliveries")).toInt());
    }
    s.totalApplied = s.raw.value(QLatin1String("total_applied")).toInteger();
    s.totalDeliveries = s.raw.value(QLatin1String("total_deliveries")).toInteger();
    s.duplicatePayloads = s.raw.value(QLatin1String("duplicate_payloads")).toInt();
    return s;
}

bool setFaults(const backend::BackendSettings& settings, const QJsonObject& plan) {
    return httpsRequest(settings, "POST", QStringLiteral("/v1/test/faults"),
                        QJsonDocument(plan).toJson(QJsonDocument::Compact))
               .status == 200;
}

bool resetPortal(const backend::BackendSettings& settings) {
    return httpsRequest(settings, "POST", QStringLiteral("/v1/test/reset"), "{}").status == 200;
}

}  // namespace kiosk::test
