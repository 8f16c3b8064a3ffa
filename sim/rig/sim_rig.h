// Starts the real parts a test or the demo needs, in one private work
// directory, and stops them (and removes the directory) when destroyed.
#pragma once

#include "mosquitto_part.h"
#include "pcscd_part.h"
#include "portal_part.h"
#include "virtual_card_part.h"

#include <QTemporaryDir>
#include <memory>
#include <optional>
#include <vector>

namespace kiosk::sim {

class SimRig {
public:
    struct Options {
        bool pcscd = true;
        bool mosquitto = true;
        bool portal = true;
        // portal-sim binary; default: $KIOSK_PORTAL_SIM, else the build tree's.
        QString portalProgram;
        // portal-sim's citizens and the device keys its IdP accepts (PortalPart::Data).
        PortalPart::Data portalData;
        // Keep the work directory (logs) after stopping, for the demo.
        bool keepWorkDir = false;
        // A card to insert into the first vpcd reader once pcscd is up (needs pcscd).
        std::optional<VirtualCardPart::Card> card;
    };

    static Result<std::unique_ptr<SimRig>, SimError> start(const Options& options);
    ~SimRig();

    // Stops every part, last started first.
    void stop();

    QString workDir() const { return m_dir.path(); }
    QJsonObject manifest() const;
    // Writes manifest.json in the work dir and returns its path.
    QString writeManifest() const;
    // The system environment plus what clients need to reach the parts
    // (PCSCLITE_CSOCK_NAME, KIOSK_SIM_*, KIOSK_SIM_MANIFEST).
    QProcessEnvironment environment() const;
    // Copies `templatePath` with the backend and broker endpoints pointed at
    // the simulators; returns the new file's path.
    Result<QString, SimError> writeKioskConfig(const QString& templatePath) const;

    // Inserts a virtual card into the first vpcd reader (pulling out any card
    // already there); removeCard() pulls it out. Needs the pcscd part.
    Result<void, SimError> insertCard(const VirtualCardPart::Card& card);
    void removeCard();
    bool hasCard() const { return m_card && m_card->isRunning(); }

    PcscdPart* pcscd() const { return m_pcscd; }
    MosquittoPart* mosquitto() const { return m_mosquitto; }
    PortalPart* portal() const { return m_portal; }

private:
    SimRig();
    QTemporaryDir m_dir;
    std::vector<std::unique_ptr<Part>> m_parts;
    PcscdPart* m_pcscd = nullptr;
    MosquittoPart* m_mosquitto = nullptr;
    PortalPart* m_portal = nullptr;
    std::unique_ptr<VirtualCardPart> m_card;
};

}  // namespace kiosk::sim
