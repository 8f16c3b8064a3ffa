// Face match and liveness evidence from the vision stack, for proofing: the
// chip photo is the reference; frames come from a clip or the kiosk camera;
// the liveness session runs the challenges and passive cues and picks the
// frame to match from inside the challenge sequence.
#pragma once

#include "config.h"
#include "evidence_sources.h"
#include "result.h"

#include <QString>
#include <memory>

namespace kiosk::evidence {

class VisionBiometricSource final : public proofing::BiometricEvidenceSource {
public:
    // Loads the face models and the PAD model; an error names what is missing.
    static Result<std::unique_ptr<VisionBiometricSource>, QString> create(
        const KioskConfig& config, QString cameraDevice = QStringLiteral("/dev/video0"));

    Outcome collect(const Request& request) override;

    ~VisionBiometricSource() override;

private:
    struct Models;
    VisionBiometricSource(std::unique_ptr<Models> models, const KioskConfig& config,
                          QString cameraDevice);
    std::unique_ptr<Models> m_models;
    double m_threshold;
    double m_probeMinInterEyePx;
    QString m_cameraDevice;
};

}  // namespace kiosk::evidence
