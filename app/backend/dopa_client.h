// DOPA card status: CheckCardByLaser (SOAP 1.2) -> code and description.
#pragma once

#include "backend_http.h"
#include "backend_types.h"

namespace kiosk::backend {

class DopaClient {
public:
    explicit DopaClient(std::unique_ptr<BackendHttp> http) : m_http(std::move(http)) {}
    static constexpr char kPath[] = "/dopa/CheckCardStatus/CheckCardService.asmx";

    Result<CardCheckResult, BackendError> checkCardByLaser(const CardCheckRequest& request);
    BackendHttp& http() { return *m_http; }

private:
    std::unique_ptr<BackendHttp> m_http;
};

}  // namespace kiosk::backend
