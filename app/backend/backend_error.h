// Errors of the backend clients as values: one taxonomy for DOPA, FVS, the
// IdP and the Citizen Portal. retryable() keeps "try again later" (network,
// timeout, overload, open circuit) apart from "this request will never work"
// (bad request, refused, unparseable answer, configuration).
#pragma once

#include <QString>

namespace kiosk::backend {

struct BackendError {
    enum class Code {
        Config,       // URL, CA, client certificate or key missing or unreadable
        Network,      // refused, reset, TLS failure, no route
        Timeout,      // no complete answer within the configured time
        CircuitOpen,  // too many recent failures: not even tried
        Server,       // 5xx, 429
        Rejected,     // 4xx other than 404/409: the backend refuses this request
        NotFound,     // 404: no such citizen / account / item
        Conflict,     // 409: e.g. the same idempotency key with another body
        BadResponse,  // 2xx with a body that does not parse or lacks fields
    };
    Code code = Code::Config;
    QString message;
    int httpStatus = 0;  // 0 when no HTTP answer
    QString service;     // "dopa", "fvs", "idp", "portal", "outbox"

    bool retryable() const {
        return code == Code::Network || code == Code::Timeout || code == Code::CircuitOpen ||
               code == Code::Server;
    }
    QString codeName() const {
        switch (code) {
            case Code::Config:
                return QStringLiteral("config");
            case Code::Network:
                return QStringLiteral("network");
            case Code::Timeout:
                return QStringLiteral("timeout");
            case Code::CircuitOpen:
                return QStringLiteral("circuit_open");
            case Code::Server:
                return QStringLiteral("server");
            case Code::Rejected:
                return QStringLiteral("rejected");
            case Code::NotFound:
                return QStringLiteral("not_found");
            case Code::Conflict:
                return QStringLiteral("conflict");
            case Code::BadResponse:
                break;
        }
        return QStringLiteral("bad_response");
    }
};

}  // namespace kiosk::backend
