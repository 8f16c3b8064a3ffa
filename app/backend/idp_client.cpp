#include "idp_client.h"

#include "backend_parsers.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace kiosk::backend {

Result<IdpAccount, BackendError> IdpClient::lookupAccount(const QString& cid) {
    // POST, not GET: a CID never goes into a URL (access logs keep URLs).
    HttpCall call;
    call.method = "POST";
    call.path = QStringLiteral("/idp/v1/accounts/lookup");
    call.body =
        QJsonDocument(QJsonObject{{QStringLiteral("cid"), cid}}).toJson(QJsonDocument::Compact);
    auto answer = m_http->call(call);
    if (!answer) {
        return fail(answer.error());
    }
    return parseIdpAccount(answer->body);
}

Result<IalUpgradeResult, BackendError> IdpClient::upgradeIal(const QByteArray& signedRecord,
                                                             const QString& idempotencyKey) {
    HttpCall call;
    call.method = "POST";
    call.path = QString::fromLatin1(kUpgradePath);
    call.body = signedRecord;
    call.headers.append({"Idempotency-Key", idempotencyKey.toLatin1()});
    call.retrySafe = !idempotencyKey.isEmpty();
    auto answer = m_http->call(call);
    if (!answer) {
        return fail(answer.error());
    }
    return parseIalUpgrade(answer->body);
}

Result<BindingChallenge, BackendError> IdpClient::startBinding(const QString& accountId) {
    HttpCall call;
    call.method = "POST";
    call.path = QStringLiteral("/idp/v1/accounts/%1/binding")
                    .arg(QString::fromLatin1(QUrl::toPercentEncoding(accountId)));
    call.retrySafe = false;  // each call sends an SMS
    auto answer = m_http->call(call);
    if (!answer) {
        return fail(answer.error());
    }
    return parseBindingChallenge(answer->body);
}

Result<BindingResult, BackendError> IdpClient::confirmBinding(const QString& challengeId,
                                                              const QString& oneTimeCode) {
    HttpCall call;
    call.method = "POST";
    call.path = QStringLiteral("/idp/v1/bindings/%1/confirm")
                    .arg(QString::fromLatin1(QUrl::toPercentEncoding(challengeId)));
    call.body = QJsonDocument(QJsonObject{{QStringLiteral("otp"), oneTimeCode}})
                    .toJson(QJsonDocument::Compact);
    call.retrySafe = false;  // a wrong code counts against the attempts
    auto answer = m_http->call(call);
    if (!answer) {
        return fail(answer.error());
    }
    return parseBindingResult(answer->body);
}

}  // namespace kiosk::backend
