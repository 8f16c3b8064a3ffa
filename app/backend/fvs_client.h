// Face Verification Service: CID + an ICAO-quality face image, sent only with
// the citizen's consent -> similarity in percent against the civil registry photo.
#pragma once

#include "backend_http.h"
#include "backend_types.h"

namespace kiosk::backend {

class FvsClient {
public:
    explicit FvsClient(std::unique_ptr<BackendHttp> http) : m_http(std::move(http)) {}
    Result<FaceVerifyResult, BackendError> verify(const FaceVerifyRequest& request);
    BackendHttp& http() { return *m_http; }

private:
    std::unique_ptr<BackendHttp> m_http;
};

}  // namespace kiosk::backend
