#include "face_geometry.h"

#include <opencv2/calib3d.hpp>
#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <exception>
#include <numbers>

namespace kiosk::vision {
namespace {

constexpr size_t kLandmarkCount = 68;
constexpr double kRadToDeg = 180.0 / std::numbers::pi;

double dist(const QPointF& a, const QPointF& b) {
    return std::hypot(a.x() - b.x(), a.y() - b.y());
}

QPointF centre(const std::vector<QPointF>& p, int first, int last) {
    QPointF sum;
    for (int i = first; i <= last; ++i)
        sum += p[size_t(i)];
    return sum / double(last - first + 1);
}

// Points 36-41 are the eye on the image's left (the person's right eye),
// 42-47 the other; 1-based indices of the usual EAR formula map to first+0..5.
double eyeRatio(const std::vector<QPointF>& p, int first) {
    const auto& q = [&](int k) { return p[size_t(first + k)]; };
    const double width = dist(q(0), q(3));
    if (width <= 0.0)
        return 0.0;
    return (dist(q(1), q(5)) + dist(q(2), q(4))) / (2.0 * width);
}

}  // namespace

std::optional<HeadPose> estimateHeadPose(const std::vector<QPointF>& landmarks, QSize imageSize) {
    if (landmarks.size() != kLandmarkCount || imageSize.isEmpty())
        return std::nullopt;
    // A generic adult face in millimetres, camera-style axes: x to the image's
    // right, y down, z away from the camera; the nose tip is the origin.
    static const std::vector<cv::Point3d> model = {
        {0.0, 0.0, 0.0},          // 30 nose tip
        {0.0, 330.0, 65.0},       // 8 chin
        {-225.0, -170.0, 135.0},  // 36 outer corner of the eye on the image's left
        {225.0, -170.0, 135.0},   // 45 outer corner of the other eye
        {-150.0, 150.0, 125.0},   // 48 mouth corner on the image's left
        {150.0, 150.0, 125.0},    // 54 other mouth corner
    };
    std::vector<cv::Point2d> image;
    for (int i : {30, 8, 36, 45, 48, 54})
        image.emplace_back(landmarks[size_t(i)].x(), landmarks[size_t(i)].y());
    const double f = imageSize.width();
    const cv::Matx33d camera(f, 0, imageSize.width() / 2.0, 0, f, imageSize.height() / 2.0, 0, 0,
                             1);
    try {
        // Start the solver in front of the camera, facing it, so it cannot
        // settle on the mirrored solution behind the image plane.
        cv::Mat rvec = cv::Mat::zeros(3, 1, CV_64F);
        const double eyeSpan = std::max(1.0, cv::norm(image[3] - image[2]));
        const double z = f * 450.0 / eyeSpan;  // 450 = the model's eye-corner span
        cv::Mat tvec = (cv::Mat_<double>(3, 1) << (image[0].x - imageSize.width() / 2.0) * z / f,
                        (image[0].y - imageSize.height() / 2.0) * z / f, z);
        if (!cv::solvePnP(model, image, camera, cv::noArray(), rvec, tvec, true,
                          cv::SOLVEPNP_ITERATIVE))
            return std::nullopt;
        if (tvec.at<double>(2) <= 0.0)
            return std::nullopt;
        cv::Matx33d r;
        cv::Rodrigues(rvec, r);
        // R = Rz(roll) * Ry(yaw) * Rx(pitch) in camera axes (see the model).
        const double yaw = std::asin(std::clamp(-r(2, 0), -1.0, 1.0));
        const double pitchX = std::atan2(r(2, 1), r(2, 2));
        const double roll = std::atan2(r(1, 0), r(0, 0));
        HeadPose pose;
        // A person turning to their own right moves their right side (the
        // image's left, x < 0) away from the camera: a positive rotation about y.
        pose.yawDeg = yaw * kRadToDeg;
        // Looking up brings the chin (y > 0) towards the camera: negative about x.
        pose.pitchDeg = -pitchX * kRadToDeg;
        pose.rollDeg = roll * kRadToDeg;
        return pose;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

double leftEyeAspectRatio(const std::vector<QPointF>& landmarks) {
    return landmarks.size() == kLandmarkCount ? eyeRatio(landmarks, 42) : 0.0;
}

double rightEyeAspectRatio(const std::vector<QPointF>& landmarks) {
    return landmarks.size() == kLandmarkCount ? eyeRatio(landmarks, 36) : 0.0;
}

double eyeAspectRatio(const std::vector<QPointF>& landmarks) {
    return (leftEyeAspectRatio(landmarks) + rightEyeAspectRatio(landmarks)) / 2.0;
}

double mouthAspectRatio(const std::vector<QPointF>& p) {
    if (p.size() != kLandmarkCount)
        return 0.0;
    const double width = dist(p[60], p[64]);
    if (width <= 0.0)
        return 0.0;
    return (dist(p[61], p[67]) + dist(p[62], p[66]) + dist(p[63], p[65])) / (2.0 * width);
}

double interEyeDistance(const std::vector<QPointF>& p) {
    if (p.size() != kLandmarkCount)
        return 0.0;
    return dist(centre(p, 36, 41), centre(p, 42, 47));
}

double mouthWidthRatio(const std::vector<QPointF>& p) {
    const double eyes = interEyeDistance(p);
    if (eyes <= 0.0)
        return 0.0;
    return dist(p[48], p[54]) / eyes;
}

}  // namespace kiosk::vision
