#include "sim_portal_hooks.h"

#include "backend_http.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace kiosk::journey {

namespace {

Result<backend::HttpAnswer, QString> call(const KioskConfig& config, backend::HttpCall c) {
    auto http = backend::BackendHttp::create(
        backend::BackendSettings::fromConfig(config.backend),
        backend::ServiceSettings::fromConfig(QStringLiteral("portal"), config), config.kiosk.id);
    if (!http) {
        return fail(http.error().message);
    }
    auto answer = (*http)->call(c);
    if (!answer) {
        return fail(answer.error().message);
    }
    return *answer;
}

}  // namespace

Result<void, QString> SimPortalHooks::enrolDevice(const QString& kioskId,
                                                  const QString& publicKeyPem) {
    QFile pem(publicKeyPem);
    if (!pem.open(QIODevice::ReadOnly)) {
        return fail(publicKeyPem + QStringLiteral(": cannot read"));
    }
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("kiosk_id"), kioskId},
                                                      {QStringLiteral("public_key_pem"),
                                                       QString::fromLatin1(pem.readAll())}})
                                .toJson(QJsonDocument::Compact);
    auto a = call(m_config,
                  {"POST", QStringLiteral("/v1/test/devices"), body, "application/json", {}, true});
    if (!a) {
        return fail(a.error());
    }
    return {};
}

Result<QString, QString> SimPortalHooks::bindingCode(const QString& challengeId) {
    auto a = call(m_config, {"GET",
                             QStringLiteral("/v1/test/idp/otp/") + challengeId,
                             {},
                             "application/json",
                             {},
                             true});
    if (!a) {
        return fail(a.error());
    }
    return QJsonDocument::fromJson(a->body).object().value(QLatin1String("otp")).toString();
}

}  // namespace kiosk::journey
