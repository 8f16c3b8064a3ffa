#include "planar_cue.h"

#include "face_geometry.h"

#include <algorithm>
#include <cmath>
#include <opencv2/calib3d.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/video/tracking.hpp>

namespace kiosk::vision {
namespace {

constexpr int kMaxPoints = 120;
constexpr int kMinPoints = 12;       // fewer tracked points: start again
constexpr double kMaxFbError = 0.7;  // forward-backward disagreement, pixels

double rms(const std::vector<cv::Point2f>& a, const std::vector<cv::Point2f>& b) {
    double s = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        const cv::Point2f d = a[i] - b[i];
        s += double(d.x) * d.x + double(d.y) * d.y;
    }
    return a.empty() ? 0 : std::sqrt(s / double(a.size()));
}

}  // namespace

PlanarMotionCue::PlanarMotionCue(const LivenessConfig& config) : m_config(config) {}

void PlanarMotionCue::reset() {
    m_prevGray.release();
    m_refPoints.clear();
    m_curPoints.clear();
    m_ratios.clear();
    m_maxMotion = 0;
}

PlanarMotionCue::Residuals PlanarMotionCue::residuals(const std::vector<cv::Point2f>& from,
                                                      const std::vector<cv::Point2f>& to) {
    Residuals r;
    if (from.size() < 8 || from.size() != to.size())
        return r;
    try {
        // Least squares over all points: a robust fit would discard exactly
        // the off-plane points this cue looks for (outlier tracks are removed
        // before, by the forward-backward check).
        const cv::Mat sim = cv::estimateAffinePartial2D(from, to, cv::noArray(), cv::RANSAC, 1e6);
        const cv::Mat hom = cv::findHomography(from, to, 0);
        if (sim.empty() || hom.empty())
            return r;
        std::vector<cv::Point2f> bySim, byHom;
        cv::transform(from, bySim, sim);
        cv::perspectiveTransform(from, byHom, hom);
        r.similarity = rms(bySim, to);
        r.homography = rms(byHom, to);
    } catch (const cv::Exception&) {
        return Residuals{};
    }
    return r;
}

void PlanarMotionCue::restart(const cv::Mat& gray, const std::vector<QPointF>& lm) {
    m_refPoints.clear();
    m_curPoints.clear();
    m_eyes = interEyeDistance(lm);
    // Points inside the face outline (jaw line and brows), where the texture
    // of the face itself is, not the background or a frame's edge.
    std::vector<cv::Point> hull;
    for (int i = 0; i <= 26; ++i)
        hull.emplace_back(int(lm[size_t(i)].x()), int(lm[size_t(i)].y()));
    std::vector<cv::Point> convex;
    cv::convexHull(hull, convex);
    cv::Mat mask = cv::Mat::zeros(gray.size(), CV_8U);
    cv::fillConvexPoly(mask, convex, cv::Scalar(255));
    std::vector<cv::Point2f> pts;
    cv::goodFeaturesToTrack(gray, pts, kMaxPoints, 0.005, std::max(3.0, m_eyes / 12), mask);
    m_refPoints = pts;
    m_curPoints = pts;
    m_prevGray = gray.clone();
}

void PlanarMotionCue::add(const cv::Mat& gray, const std::vector<QPointF>& lm) {
    if (lm.size() != 68 || gray.empty())
        return;
    if (m_prevGray.empty() || m_prevGray.size() != gray.size() ||
        int(m_curPoints.size()) < kMinPoints) {
        restart(gray, lm);
        return;
    }
    try {
        std::vector<cv::Point2f> next, back;
        std::vector<uchar> st1, st2;
        std::vector<float> err;
        const cv::Size win(15, 15);
        cv::calcOpticalFlowPyrLK(m_prevGray, gray, m_curPoints, next, st1, err, win, 2);
        cv::calcOpticalFlowPyrLK(gray, m_prevGray, next, back, st2, err, win, 2);
        std::vector<cv::Point2f> ref, cur;
        for (size_t i = 0; i < next.size(); ++i) {
            const cv::Point2f d = back[i] - m_curPoints[i];
            if (st1[i] && st2[i] && std::hypot(d.x, d.y) < kMaxFbError) {
                ref.push_back(m_refPoints[i]);
                cur.push_back(next[i]);
            }
        }
        m_refPoints = ref;
        m_curPoints = cur;
        m_prevGray = gray.clone();
        if (int(cur.size()) < kMinPoints || !(m_eyes > 1))
            return;
        const Residuals r = residuals(ref, cur);
        const double motion = r.similarity / m_eyes;
        m_maxMotion = std::max(m_maxMotion, motion);
        if (motion >= m_config.planarMinMotion && r.similarity > 0)
            m_ratios.push_back(r.homography / r.similarity);
    } catch (const cv::Exception&) {
        restart(gray, lm);
    }
}

PlanarMotionResult PlanarMotionCue::result() const {
    PlanarMotionResult out;
    out.motion = m_maxMotion;
    out.framesJudged = int(m_ratios.size());
    if (m_ratios.size() < 3)
        return out;
    std::vector<double> v = m_ratios;
    std::nth_element(v.begin(), v.begin() + long(v.size() / 2), v.end());
    out.ratio = v[v.size() / 2];
    out.judged = true;
    return out;
}

bool PlanarMotionCue::isPlanar() const {
    const PlanarMotionResult r = result();
    return r.judged && r.ratio < m_config.planarThreshold;
}

}  // namespace kiosk::vision
