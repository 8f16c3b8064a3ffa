// What proofing's biometric evidence is made of, from the chip photo and a
// finished liveness run: shared by the kiosk's journey (liveness captured on
// the screens) and kioskctl proof (liveness run over a clip or the camera).
#pragma once

#include "evidence_sources.h"
#include "face_embedder.h"
#include "result.h"

#include <QByteArray>
#include <QString>

namespace kiosk::vision {
class FaceAligner;
struct LivenessResult;
}  // namespace kiosk::vision

namespace kiosk::evidence {

// The chip photo's descriptor; the error says why the face check cannot be
// performed ("chip photo unreadable", "chip photo: no-face", ...).
Result<vision::FaceDescriptor, QString> chipPhotoDescriptor(vision::FaceAligner& aligner,
                                                            vision::FaceEmbedder& embedder,
                                                            const QByteArray& chipPhotoJpeg);

// The liveness decision, the scores of the cues that ran and the challenge log.
proofing::LivenessEvidence livenessEvidence(const vision::LivenessResult& live);

struct FaceMatchSettings {
    double threshold = 0;           // distance threshold (face.match_threshold)
    double probeMinInterEyePx = 0;  // the live probe's quality limit
};

// Matches the frame liveness picked against the chip photo and sets
// outcome.face (score, quality, the frame's SHA-256) and outcome.probeFaceJpeg
// (the ICAO portrait for the Face Verification Service); without such a frame
// it sets outcome.notPerformedReason instead.
void addFaceMatch(proofing::BiometricEvidenceSource::Outcome& outcome,
                  const vision::FaceDescriptor& reference, const vision::LivenessResult& live,
                  const FaceMatchSettings& settings);

}  // namespace kiosk::evidence
