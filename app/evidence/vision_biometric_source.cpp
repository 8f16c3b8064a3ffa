#include "vision_biometric_source.h"

#include "face_aligner.h"
#include "face_embedder.h"
#include "face_image.h"
#include "face_match.h"
#include "face_quality.h"
#include "frame_source.h"
#include "liveness_config.h"
#include "liveness_session.h"
#include "pad_model.h"

#include <QCryptographicHash>
#include <QImageReader>
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

namespace {

proofing::LivenessEvidence::Decision toDecision(LivenessDecision d) {
    switch (d) {
        case LivenessDecision::Live:
            return proofing::LivenessEvidence::Decision::Live;
        case LivenessDecision::Attack:
            return proofing::LivenessEvidence::Decision::Attack;
        case LivenessDecision::Inconclusive:
            break;
    }
    return proofing::LivenessEvidence::Decision::Inconclusive;
}

}  // namespace

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
    // The reference: the chip photo.
    QImage photo;
    photo.loadFromData(request.chipPhotoJpeg, "JPEG");
    auto referenceImage = toRgbImage(photo);
    if (!referenceImage) {
        outcome.notPerformedReason = QStringLiteral("chip photo unreadable");
        return outcome;
    }
    auto reference = m_models->aligner.alignSingle(*referenceImage);
    if (!reference) {
        outcome.notPerformedReason =
            QStringLiteral("chip photo: ") + errcName(reference.error().code);
        return outcome;
    }
    auto referenceDescriptor = m_models->embedder.embed(reference->chip);
    if (!referenceDescriptor) {
        outcome.notPerformedReason =
            QStringLiteral("chip photo: ") + referenceDescriptor.error().detail;
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

    proofing::LivenessEvidence liveness;
    liveness.decision = toDecision(live.decision);
    for (const CueScore& cue : live.cues)
        if (cue.available)
            liveness.cueScores.insert(cue.name, cue.score);
    for (const ChallengeStep& step : live.steps)
        liveness.challenges.append({challengeName(step.challenge),
                                    step.status == ChallengeStep::Status::Done,
                                    step.doneAtMs >= 0 ? step.doneAtMs : step.promptedAtMs});
    outcome.liveness = liveness;

    if (!live.matchDescriptor || live.matchFrame.isNull()) {
        outcome.notPerformedReason =
            QStringLiteral("no face to match inside the challenge sequence");
        return outcome;
    }
    const FaceMatch match =
        matchFaces(*referenceDescriptor, *live.matchDescriptor, float(m_threshold));
    QualityLimits limits = QualityLimits::liveProbe();
    limits.minInterEyePx = m_probeMinInterEyePx;
    AlignedFace probe;
    probe.chip = live.matchChip;
    probe.landmarks = live.matchLandmarks;
    QRectF bounds;
    for (const QPointF& p : probe.landmarks)
        bounds |= QRectF(p, QSizeF(1, 1));
    probe.box = bounds.toRect();
    const FaceQuality quality = assessFace(live.matchFrame, probe, limits);

    proofing::FaceEvidence face;
    face.score = match.score;
    face.distance = match.distance;
    face.threshold = 0.5;  // matchFaces puts the configured distance threshold at score 0.5
    face.match = match.same;
    face.qualityOk = quality.ok;
    face.qualityReasons = quality.issueNames();
    const QByteArray probeJpeg =
        vision::encodeJpeg(vision::icaoPortrait(live.matchFrame, live.matchLandmarks));
    face.probeFrameSha256 = QString::fromLatin1(
        QCryptographicHash::hash(vision::encodeJpeg(live.matchFrame), QCryptographicHash::Sha256)
            .toHex());
    outcome.face = face;
    outcome.probeFaceJpeg = probeJpeg;
    return outcome;
}

}  // namespace kiosk::evidence
