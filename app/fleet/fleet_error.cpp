#include "fleet_error.h"

namespace kiosk::fleet {

QString FleetError::codeName() const {
    switch (code) {
        case Code::Oversized:
            return QStringLiteral("oversized");
        case Code::Malformed:
            return QStringLiteral("malformed");
        case Code::Unsigned:
            return QStringLiteral("unsigned");
        case Code::UnknownKey:
            return QStringLiteral("unknown-key");
        case Code::BadSignature:
            return QStringLiteral("bad-signature");
        case Code::WrongTarget:
            return QStringLiteral("wrong-target");
        case Code::NotYetValid:
            return QStringLiteral("not-yet-valid");
        case Code::Expired:
            return QStringLiteral("expired");
        case Code::Replayed:
            return QStringLiteral("replayed");
        case Code::Schema:
            return QStringLiteral("schema");
        case Code::Busy:
            return QStringLiteral("busy");
        case Code::ApplyFailed:
            return QStringLiteral("apply-failed");
        case Code::HealthFailed:
            return QStringLiteral("health-failed");
        case Code::Unsupported:
            return QStringLiteral("unsupported");
        case Code::Crypto:
            return QStringLiteral("crypto");
        case Code::Io:
            return QStringLiteral("io");
    }
    return QStringLiteral("unknown");
}

}  // namespace kiosk::fleet
