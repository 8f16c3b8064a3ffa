#include "dopa_client.h"

#include "backend_parsers.h"

namespace kiosk::backend {

Result<CardCheckResult, BackendError> DopaClient::checkCardByLaser(
    const CardCheckRequest& request) {
    HttpCall call;
    call.method = "POST";
    call.path = QString::fromLatin1(kPath);
    call.body = dopaRequestXml(request);
    call.contentType = "application/soap+xml; charset=utf-8";
    call.retrySafe = true;  // a status query changes nothing
    auto answer = m_http->call(call);
    if (!answer) {
        return fail(answer.error());
    }
    return parseDopaResponse(answer->body);
}

}  // namespace kiosk::backend
