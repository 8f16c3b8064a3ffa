#include "vision_biometric_source.h"

#include "biometric_outcome.h"
#include "face_aligner.h"
#include "face_embedder.h"
#include "frame_source.h"
#include "liveness_config.h"
#include "liveness_session.h"
#include "pad_model.h"

#include <QLoggingCategory>

namespace kiosk::evidence {

Q_LOGGING_CATEGORY(lcEvidence, "kiosk.evidence.biometric")

using namespace kiosk::vision;

struct VisionBiometricSource::Models {
    FaceAligner aligner;
    FaceEmbedder embedder;
    PadModel pad;
    LivenessConfig liveness;
};

Result<std::unique_ptr<VisionBiometricSource>, QString> VisionBiometricSource::create(
    const KioskConfig& config, QString cameraDevice) {
    auto aligner = FaceAligner::load();
    if (!aligner)
        return fail(aligner.error().detail);
    auto embedder = FaceEmbedder::load();
    if (!embedder)
        return fail(embedder.error().detail);
    auto pad = PadModel::load();
    if (!pad)
        return fail(pad.error().summary());
    auto liveness =
        LivenessConfig::fromJson(config.document.value(QLatin1String("liveness")).toObject());
    if (!liveness)
        return fail(liveness.error().summary());
    auto models = std::unique_ptr<Models>(
        new Models{std::move(*aligner), std::move(*embedder), std::move(*pad), *liveness});
    return std::unique_ptr<VisionBiometricSource>(
        new VisionBiometricSource(std::move(models), config, std::move(cameraDevice)));
}

VisionBiometricSource::VisionBiometricSource(std::unique_ptr<Models> models,
                                             const KioskConfig& config, QString cameraDevice)
    : m_models(std::move(models)),
      m_threshold(config.face.matchThreshold),
      m_probeMinInterEyePx(config.face.probeMinInterEyePx),
      m_cameraDevice(std::move(cameraDevice)) {}

VisionBiometricSource::~VisionBiometricSource() = default;

proofing::BiometricEvidenceSource::Outcome VisionBiometricSource::collect(const Request& request) {
    Outcome outcome;
    // The reference: the chip photo (before the camera runs: no photo, no match).
    auto reference =
        chipPhotoDescriptor(m_models->aligner, m_models->embedder, request.chipPhotoJpeg);
    if (!reference) {
        outcome.notPerformedReason = reference.error();
        return outcome;
    }

    // The probe: liveness over the frames, which also picks the frame to match.
    LivenessOptions options;
    if (request.challenges.isEmpty()) {
        options.challenges =
            randomChallenges(freshChallengeSeed(), m_models->liveness.challengeCount);
    } else {
        auto parsed = parseChallenges(request.challenges.join(QLatin1Char(',')));
        if (!parsed) {
            outcome.notPerformedReason = parsed.error().summary();
            return outcome;
        }
        options.challenges = *parsed;
    }
    std::unique_ptr<camera::FrameSource> source;
    if (!request.videoFile.isEmpty())
        source = std::make_unique<camera::VideoFileSource>(request.videoFile);
    else
        source = std::make_unique<camera::V4l2Source>(m_cameraDevice);
    if (auto opened = source->open(); !opened) {
        outcome.notPerformedReason = QStringLiteral("camera: ") + opened.error().summary();
        return outcome;
    }
    auto session = LivenessSession::create(
        {&m_models->aligner, &m_models->pad, &m_models->embedder}, m_models->liveness, options);
    if (!session) {
        outcome.notPerformedReason = session.error().summary();
        return outcome;
    }
    for (;;) {
        auto frame = source->next();
        if (!frame)
            break;  // end of a clip, or the camera failed: judge what was seen
        auto report = session->process(frame->image, frame->timestampMs);
        if (!report) {
            qCWarning(lcEvidence) << "frame" << frame->index << report.error().summary();
            break;
        }
        if (session->challengesFinished() ||
            frame->timestampMs > m_models->liveness.sequenceTimeoutMs)
            break;
    }
    source->close();
    LivenessResult live = session->finish();

    outcome.liveness = livenessEvidence(live);
    addFaceMatch(outcome, *reference, live, {m_threshold, m_probeMinInterEyePx});
    return outcome;
}

}  // namespace kiosk::evidence
