#include "fvs_client.h"

#include "backend_parsers.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace kiosk::backend {

Result<FaceVerifyResult, BackendError> FvsClient::verify(const FaceVerifyRequest& r) {
    if (r.consentTextVersion.isEmpty() || !r.consentAt.isValid()) {
        // The face image is sensitive personal data (PDPA s.26): no consent, no request.
        return fail(BackendError{BackendError::Code::Rejected,
                                 QStringLiteral("no consent recorded for face verification"), 0,
                                 QStringLiteral("fvs")});
    }
    const QJsonObject body{
        {QStringLiteral("cid"), r.cid},
        {QStringLiteral("image_base64"), QString::fromLatin1(r.faceJpeg.toBase64())},
        {QStringLiteral("consent"),
         QJsonObject{{QStringLiteral("text_version"), r.consentTextVersion},
                     {QStringLiteral("at"), r.consentAt.toUTC().toString(Qt::ISODate)}}}};
    HttpCall call;
    call.method = "POST";
    call.path = QStringLiteral("/fvs/v1/verify");
    call.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    auto answer = m_http->call(call);
    if (!answer) {
        return fail(answer.error());
    }
    return parseFvsResponse(answer->body);
}

}  // namespace kiosk::backend
