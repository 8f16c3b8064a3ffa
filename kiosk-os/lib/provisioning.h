// First-boot provisioning: gives the kiosk its identity.
//
// DATA_DIR/device/ receives a random device id, an Ed25519 signing key (for
// proofing records), a P-256 key for the fleet's mutual TLS and a PKCS#10
// enrolment request for that key, to be signed by the fleet CA. Keys are
// readable by the kiosk user only. Running it again completes what is
// missing and never replaces an existing key.
#pragma once

#include "result.h"

#include <QString>

namespace kiosk::os {

struct ProvisionError {
    QString message;
};

struct DeviceIdentity {
    QString deviceId;
    QString signingKey;     // PEM, private (0600)
    QString signingPublic;  // PEM, public
    QString fleetKey;       // PEM, private (0600)
    QString enrolmentCsr;   // PEM, PKCS#10, CN = device id
    bool createdNow = false;
};

// `kioskId` (from the configuration) goes into the request's OU so the fleet
// can match the request to the kiosk it expects.
Result<DeviceIdentity, ProvisionError> provision(const QString& dataDir, const QString& kioskId);

// The identity of an already provisioned kiosk, without creating anything.
Result<DeviceIdentity, ProvisionError> readIdentity(const QString& dataDir);

}  // namespace kiosk::os
