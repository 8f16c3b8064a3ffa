// The simulator's test hooks the unattended demo needs, and only the demo:
// portal-sim stands in for the SMS a citizen would receive (the binding's
// one-time code) and for the IdP's enrolment of this kiosk's signing key,
// which a real deployment does at installation. Never used in service.
#pragma once

#include "config.h"
#include "result.h"

#include <QString>

namespace kiosk::journey {

class SimPortalHooks {
public:
    explicit SimPortalHooks(KioskConfig config) : m_config(std::move(config)) {}
    // Enrols the kiosk's public signing key (PEM file) with the simulated IdP.
    Result<void, QString> enrolDevice(const QString& kioskId, const QString& publicKeyPem);
    // The one-time code the simulated IdP "sent" for a binding challenge.
    Result<QString, QString> bindingCode(const QString& challengeId);

private:
    KioskConfig m_config;
};

}  // namespace kiosk::journey
