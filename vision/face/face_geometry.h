// Geometry read off the 68 landmarks (iBUG 300-W order): head pose, eye and
// mouth openness, eye distance. Shared by the quality gate and liveness.
#pragma once

#include <QPointF>
#include <QSize>
#include <optional>
#include <vector>

namespace kiosk::vision {

// Degrees. Signs follow the citizen, not the camera: yaw > 0 when the person
// turns to their own right, pitch > 0 when they look up, roll > 0 when the
// head tilts clockwise as seen in the (unmirrored) image.
struct HeadPose {
    double yawDeg = 0.0;
    double pitchDeg = 0.0;
    double rollDeg = 0.0;
};

// Pose from a generic 3D face model fitted to six landmarks with a pinhole
// camera whose focal length is the image width (a webcam-like field of view).
// Empty when the landmarks are not 68 points or the fit fails.
std::optional<HeadPose> estimateHeadPose(const std::vector<QPointF>& landmarks, QSize imageSize);

// Eye aspect ratio (Soukupova & Cech 2016), mean of both eyes: about 0.25-0.35
// open, under about 0.15 closed. 0 when the landmarks are not 68 points.
double eyeAspectRatio(const std::vector<QPointF>& landmarks);
double leftEyeAspectRatio(const std::vector<QPointF>& landmarks);   // the person's left eye
double rightEyeAspectRatio(const std::vector<QPointF>& landmarks);  // the person's right eye

// Inner-lip opening over mouth width: near 0 closed, over about 0.5 wide open.
double mouthAspectRatio(const std::vector<QPointF>& landmarks);

// Mouth width (outer corners) over the distance between the eye centres;
// rises when the person smiles.
double mouthWidthRatio(const std::vector<QPointF>& landmarks);

// Distance between the two eye centres, in image pixels.
double interEyeDistance(const std::vector<QPointF>& landmarks);

}  // namespace kiosk::vision
