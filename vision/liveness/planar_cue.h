// Physical cue: a printed photo or a screen is a plane, so whatever way it is
// moved, the points of the face on it move by one homography. A real head
// turning or nodding moves its nose against its cheeks, which no homography
// explains. The cue tracks texture points inside the face (pyramidal
// Lucas-Kanade with a forward-backward check) from a reference frame and
// compares how much of their motion a homography leaves unexplained with how
// much a similarity transform leaves unexplained. Frames with too little
// non-similarity motion (a still face, a photo held still) are not judged.
#pragma once

#include "liveness_config.h"

#include <QPointF>
#include <QRect>
#include <opencv2/core/mat.hpp>
#include <vector>

namespace kiosk::vision {

struct PlanarMotionResult {
    bool judged = false;  // enough motion seen to say anything
    double ratio = 1.0;   // median homography / similarity residual; low = planar
    double motion = 0.0;  // largest similarity residual seen, in eye distances
    int framesJudged = 0;
};

class PlanarMotionCue {
public:
    explicit PlanarMotionCue(const LivenessConfig& config);

    // One frame: 8-bit grey image and the face's 68 landmarks in it.
    void add(const cv::Mat& gray, const std::vector<QPointF>& landmarks68);
    PlanarMotionResult result() const;
    bool isPlanar() const;  // judged and below the threshold
    void reset();

    // Least-squares residuals (RMS, in the points' units) of a similarity and
    // of a homography mapping `from` onto `to`.
    struct Residuals {
        double similarity = 0;
        double homography = 0;
    };
    static Residuals residuals(const std::vector<cv::Point2f>& from,
                               const std::vector<cv::Point2f>& to);

private:
    void restart(const cv::Mat& gray, const std::vector<QPointF>& landmarks68);

    LivenessConfig m_config;
    cv::Mat m_prevGray;
    std::vector<cv::Point2f> m_refPoints;  // where the tracked points started
    std::vector<cv::Point2f> m_curPoints;  // where they are now
    double m_eyes = 0;                     // eye distance at the reference
    std::vector<double> m_ratios;
    double m_maxMotion = 0;
};

}  // namespace kiosk::vision
