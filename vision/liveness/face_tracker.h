// Keeps one face in view at video rate: HOG detection on a downscaled frame
// every N frames, and in between the 68 landmarks fitted on a crop around the
// box from the previous frame's landmarks (dlib's shape predictor only needs
// a box, so tracking costs a few milliseconds).
#pragma once

#include "face_aligner.h"
#include "liveness_config.h"
#include "liveness_error.h"
#include "result.h"

#include <QImage>
#include <QPointF>
#include <QRect>
#include <optional>
#include <vector>

namespace kiosk::vision {

struct TrackedFace {
    QRect box;                       // detector-style box, frame pixels
    std::vector<QPointF> landmarks;  // 68 points, frame pixels
    bool detected = false;           // this frame ran the detector
    bool switched = false;           // the detector found the face away from the track
};

class FaceTracker {
public:
    FaceTracker(FaceAligner& aligner, const LivenessConfig& config);

    // The tracked face in this RGB888 frame, or nothing when none is in view.
    Result<std::optional<TrackedFace>, LivenessError> process(const QImage& rgb);
    // Faces the last detection found (0 when none); more than one is a
    // quality problem the caller reports.
    int facesAtLastDetection() const { return m_lastFaceCount; }
    void reset();

private:
    Result<std::vector<QPointF>, LivenessError> fit(const QImage& rgb, const QRect& box);
    QRect boxFromLandmarks(const std::vector<QPointF>& lm) const;

    FaceAligner& m_aligner;
    LivenessConfig m_config;
    qint64 m_frame = 0;
    std::optional<TrackedFace> m_track;
    int m_lastFaceCount = 0;
    // Detector box relative to the landmarks' bounding box, learnt at each
    // detection, so tracked boxes look like detected ones.
    double m_dx = 0, m_dy = 0, m_sw = 1, m_sh = 1;
};

}  // namespace kiosk::vision
