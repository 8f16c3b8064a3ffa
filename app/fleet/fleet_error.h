// Errors of the fleet agent and its tools. Every rejection of a bundle or a
// command carries one of these codes (a stable short name, reported to the
// fleet) and a human-readable reason.
#pragma once

#include <QMetaType>
#include <QString>

namespace kiosk::fleet {

struct FleetError {
    enum class Code {
        Oversized,     // message larger than its limit
        Malformed,     // not JSON, or not the envelope/payload shape
        Unsigned,      // no signature at all
        UnknownKey,    // signed, but by no configured key
        BadSignature,  // signature does not verify
        WrongTarget,   // meant for another kiosk or group
        NotYetValid,   // before not_before / issued in the future
        Expired,       // after not_after / expires_at
        Replayed,      // version not newer than the running one, or nonce seen
        Schema,        // payload or resulting configuration fails its schema
        Busy,          // a previous bundle is still being applied
        ApplyFailed,   // staging or applying failed (rolled back)
        HealthFailed,  // health check failed (rolled back)
        Unsupported,   // command known to the protocol but not to this kiosk
        Crypto,        // key generation/loading/signing failed (operator side)
        Io,            // file or transport I/O
    };
    Code code = Code::Malformed;
    QString reason;

    QString codeName() const;
    QString summary() const { return codeName() + QStringLiteral(": ") + reason; }
};

inline FleetError fleetError(FleetError::Code code, QString reason) {
    return FleetError{code, std::move(reason)};
}

}  // namespace kiosk::fleet

Q_DECLARE_METATYPE(kiosk::fleet::FleetError)
