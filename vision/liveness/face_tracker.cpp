#include "face_tracker.h"

#include <QRectF>
#include <algorithm>
#include <cmath>

namespace kiosk::vision {
namespace {

QRectF bounds(const std::vector<QPointF>& lm) {
    double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
    for (const QPointF& p : lm) {
        x0 = std::min(x0, p.x());
        y0 = std::min(y0, p.y());
        x1 = std::max(x1, p.x());
        y1 = std::max(y1, p.y());
    }
    return QRectF(QPointF(x0, y0), QPointF(x1, y1));
}

double iou(const QRect& a, const QRect& b) {
    const QRect i = a.intersected(b);
    if (i.isEmpty())
        return 0;
    const double inter = double(i.width()) * i.height();
    return inter / (double(a.width()) * a.height() + double(b.width()) * b.height() - inter);
}

LivenessError fromFace(const FaceError& e) {
    return LivenessError{LivenessError::Code::Internal,
                         errcName(e.code) + QStringLiteral(": ") + e.detail};
}

}  // namespace

FaceTracker::FaceTracker(FaceAligner& aligner, const LivenessConfig& config)
    : m_aligner(aligner), m_config(config) {}

void FaceTracker::reset() {
    m_frame = 0;
    m_track.reset();
    m_lastFaceCount = 0;
}

QRect FaceTracker::boxFromLandmarks(const std::vector<QPointF>& lm) const {
    const QRectF b = bounds(lm);
    return QRectF(b.x() + m_dx * b.width(), b.y() + m_dy * b.height(), b.width() * m_sw,
                  b.height() * m_sh)
        .toRect();
}

Result<std::vector<QPointF>, LivenessError> FaceTracker::fit(const QImage& rgb, const QRect& box) {
    // Only a margin around the box is converted for dlib, not the whole frame.
    const int m = std::max(box.width(), box.height()) / 2;
    const QRect area = box.adjusted(-m, -m, m, m).intersected(rgb.rect());
    if (area.isEmpty())
        return fail(LivenessError{LivenessError::Code::BadInput, QStringLiteral("box off frame")});
    const QImage crop = rgb.copy(area);
    auto lm = m_aligner.landmarks(crop, box.translated(-area.topLeft()));
    if (!lm)
        return fail(fromFace(lm.error()));
    for (QPointF& p : *lm)
        p += QPointF(area.topLeft());
    return std::move(*lm);
}

Result<std::optional<TrackedFace>, LivenessError> FaceTracker::process(const QImage& rgb) {
    const bool detectNow = !m_track || m_frame % std::max(1, m_config.detectEveryFrames) == 0;
    ++m_frame;
    if (!detectNow) {
        auto lm = fit(rgb, m_track->box);
        if (!lm)
            return fail(lm.error());
        TrackedFace face;
        face.landmarks = std::move(*lm);
        face.box = boxFromLandmarks(face.landmarks);
        if (face.box.intersected(rgb.rect()).width() < face.box.width() / 3) {
            m_track.reset();  // drifted off frame: detect on the next one
            return std::optional<TrackedFace>{};
        }
        m_track = face;
        return std::optional<TrackedFace>{face};
    }

    // The HOG detector needs about 80 px faces: never shrink the frame's short
    // side below 240 px, and when nothing is found, look once at full size.
    const double shortSide = std::min(rgb.width(), rgb.height());
    const double downscale = std::clamp(shortSide / 240.0, 1.0, m_config.detectDownscale);
    auto boxes = m_aligner.detect(rgb, downscale);
    if (boxes && boxes->empty() && downscale > 1.0)
        boxes = m_aligner.detect(rgb, 1.0);
    if (!boxes)
        return fail(fromFace(boxes.error()));
    m_lastFaceCount = int(boxes->size());
    if (boxes->empty()) {
        m_track.reset();
        return std::optional<TrackedFace>{};
    }
    // Stay with the tracked face when it is still there, else the largest.
    QRect chosen = boxes->front();
    bool switched = false;
    if (m_track) {
        double best = 0;
        for (const QRect& b : *boxes) {
            const double o = iou(b, m_track->box);
            if (o > best) {
                best = o;
                chosen = b;
            }
        }
        switched = best < 0.2;
        if (switched)
            chosen = boxes->front();
    }
    auto lm = fit(rgb, chosen);
    if (!lm)
        return fail(lm.error());
    const QRectF b = bounds(*lm);
    if (b.width() > 1 && b.height() > 1) {
        m_dx = (chosen.x() - b.x()) / b.width();
        m_dy = (chosen.y() - b.y()) / b.height();
        m_sw = chosen.width() / b.width();
        m_sh = chosen.height() / b.height();
    }
    TrackedFace face;
    face.box = chosen;
    face.landmarks = std::move(*lm);
    face.detected = true;
    face.switched = switched;
    m_track = face;
    return std::optional<TrackedFace>{face};
}

}  // namespace kiosk::vision
