#include "biometric_outcome.h"

#include "evidence.h"
#include "face_aligner.h"
#include "face_image.h"
#include "face_match.h"
#include "face_quality.h"
#include "liveness_session.h"

#include <QRectF>

namespace kiosk::evidence {

Result<vision::FaceDescriptor, QString> chipPhotoDescriptor(vision::FaceAligner& aligner,
                                                            vision::FaceEmbedder& embedder,
                                                            const QByteArray& chipPhotoJpeg) {
    QImage photo;
    photo.loadFromData(chipPhotoJpeg, "JPEG");
    auto image = vision::toRgbImage(photo);
    if (!image) {
        return fail(QStringLiteral("chip photo unreadable"));
    }
    auto reference = aligner.alignSingle(*image);
    if (!reference) {
        return fail(QStringLiteral("chip photo: ") + vision::errcName(reference.error().code));
    }
    auto descriptor = embedder.embed(reference->chip);
    if (!descriptor) {
        return fail(QStringLiteral("chip photo: ") + descriptor.error().detail);
    }
    return *descriptor;
}

proofing::LivenessEvidence livenessEvidence(const vision::LivenessResult& live) {
    proofing::LivenessEvidence liveness;
    switch (live.decision) {
        case vision::LivenessDecision::Live:
            liveness.decision = proofing::LivenessEvidence::Decision::Live;
            break;
        case vision::LivenessDecision::Attack:
            liveness.decision = proofing::LivenessEvidence::Decision::Attack;
            break;
        case vision::LivenessDecision::Inconclusive:
            liveness.decision = proofing::LivenessEvidence::Decision::Inconclusive;
            break;
    }
    for (const vision::CueScore& cue : live.cues) {
        if (cue.available) {
            liveness.cueScores.insert(cue.name, cue.score);
        }
    }
    for (const vision::ChallengeStep& step : live.steps) {
        liveness.challenges.append({vision::challengeName(step.challenge),
                                    step.status == vision::ChallengeStep::Status::Done,
                                    step.doneAtMs >= 0 ? step.doneAtMs : step.promptedAtMs});
    }
    return liveness;
}

void addFaceMatch(proofing::BiometricEvidenceSource::Outcome& outcome,
                  const vision::FaceDescriptor& reference, const vision::LivenessResult& live,
                  const FaceMatchSettings& settings) {
    if (!live.matchDescriptor || live.matchFrame.isNull()) {
        outcome.notPerformedReason =
            QStringLiteral("no face to match inside the challenge sequence");
        return;
    }
    const vision::FaceMatch match =
        vision::matchFaces(reference, *live.matchDescriptor, float(settings.threshold));
    vision::QualityLimits limits = vision::QualityLimits::liveProbe();
    limits.minInterEyePx = settings.probeMinInterEyePx;
    vision::AlignedFace probe;
    probe.chip = live.matchChip;
    probe.landmarks = live.matchLandmarks;
    QRectF bounds;
    for (const QPointF& p : probe.landmarks) {
        bounds |= QRectF(p, QSizeF(1, 1));
    }
    probe.box = bounds.toRect();
    const vision::FaceQuality quality = vision::assessFace(live.matchFrame, probe, limits);

    proofing::FaceEvidence face;
    face.score = match.score;
    face.distance = match.distance;
    face.threshold = 0.5;  // matchFaces puts the configured distance threshold at score 0.5
    face.match = match.same;
    face.qualityOk = quality.ok;
    face.qualityReasons = quality.issueNames();
    face.probeFrameSha256 = proofing::sha256Hex(vision::encodeJpeg(live.matchFrame));
    outcome.face = face;
    outcome.probeFaceJpeg =
        vision::encodeJpeg(vision::icaoPortrait(live.matchFrame, live.matchLandmarks));
}

}  // namespace kiosk::evidence
