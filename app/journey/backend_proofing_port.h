// ProofingPort over app/backend's ProofingService with the evidence sources
// `kioskctl proof` uses: chip evidence from the card driver, the printed card
// (OCR of the card's front and back as the camera step read them, from
// memory, or the laser code alone), DOPA, FVS, consent, and face + liveness
// from the camera step's liveness session (its match frame comes from inside
// the challenge sequence). Runs on the vision worker, after the camera steps,
// with the same models.
#pragma once

#include "config.h"
#include "evidence_sources.h"
#include "ial_policy.h"
#include "journey_evidence.h"
#include "journey_ports.h"
#include "proofing_service.h"
#include "vision_stack.h"

#include <QObject>
#include <atomic>

namespace kiosk::store {
class Outbox;
}

namespace kiosk::journey {

// Face match of the chip photo against the liveness session's match frame.
class CapturedBiometricSource final : public proofing::BiometricEvidenceSource {
public:
    CapturedBiometricSource(VisionStack* vision, JourneyEvidence* evidence, double threshold,
                            double probeMinInterEyePx)
        : m_vision(vision),
          m_evidence(evidence),
          m_threshold(threshold),
          m_probeMinInterEyePx(probeMinInterEyePx) {}
    Outcome collect(const Request& request) override;

private:
    VisionStack* m_vision;
    JourneyEvidence* m_evidence;
    double m_threshold;
    double m_probeMinInterEyePx;
};

class BackendProofingPort : public QObject, public ProofingPort {
    Q_OBJECT
public:
    struct Options {
        KioskConfig config;
        QString dataDir;
        proofing::IalPolicy policy = proofing::IalPolicy::defaults();
    };
    BackendProofingPort(Options options, VisionStack* vision, JourneyEvidence* evidence,
                        store::Outbox* pendingOutbox, QObject* parent = nullptr);
    ~BackendProofingPort() override;

    void verify(const CitizenData& citizen,
                std::function<void(const ProofingResult&)> done) override;
    QString keepPending(const CitizenData& citizen) override;

    // What the citizen is told, from the policy's decision and the IdP delivery.
    static ProofingResult resultOf(const backend::ProofingOutcome& outcome);
    // The printed card as the camera step saw it: a laser code read from the back.
    static proofing::PrintedCardReading laserReading(const QString& laserCode,
                                                     const QByteArray& backImage);
    // Without the printed-card source: the front read by the vision stack's
    // reader, plus the laser code.
    static proofing::PrintedCardReading frontReading(ocr::FieldReader& reader,
                                                     const CardImages& images,
                                                     const QString& laserCode);

private:
    struct Backends;  // made and used on the vision worker
    Options m_options;
    VisionStack* m_vision;
    JourneyEvidence* m_evidence;
    store::Outbox* m_pendingOutbox;
    std::unique_ptr<Backends> m_backends;
    std::atomic<quint64> m_generation{0};
};

}  // namespace kiosk::journey
