// Quality gate for face images, in the spirit of ISO/IEC 29794-5: is this
// capture fit for comparison? Each failed criterion is a reason the UI can put
// into words ("move closer", "look straight at the camera", "more light").
#pragma once

#include "face_aligner.h"
#include "face_geometry.h"

#include <QImage>
#include <QString>
#include <QStringList>
#include <vector>

namespace kiosk::vision {

enum class QualityIssue {
    NoFace,         // nobody in view
    MultipleFaces,  // exactly one person must be in view
    TooSmall,       // too far from the camera: inter-eye distance under the minimum
    TooLarge,       // too close: the face overflows the frame
    OffFrame,       // part of the face is outside the image
    Turned,         // yaw over the limit: look straight at the camera
    Tilted,         // pitch over the limit: raise or lower the chin
    Rolled,         // roll over the limit: hold the head upright
    Blurred,        // not sharp enough: hold still
    TooDark,        // underexposed face
    TooBright,      // overexposed face or strong glare
    EyesClosed,     // eyes must be open
};

// Stable short name for JSON, logs and UI lookups, e.g. "too-small".
QString qualityIssueName(QualityIssue issue);

// Limits for one kind of image. The live probe is a camera frame the citizen
// can improve; the chip photo is a small, often pale JPEG that cannot be
// retaken, so its limits only reject what cannot be compared at all.
struct QualityLimits {
    double minInterEyePx = 40.0;
    double maxFaceFraction = 0.6;  // face box width over image width
    double maxYawDeg = 20.0;
    double maxPitchDeg = 25.0;  // the generic-model pitch reads studio portraits at -15..-25
    double maxRollDeg = 15.0;
    double minSharpness = 40.0;   // variance of the Laplacian on the 150 px chip
    double minBrightness = 60.0;  // mean luma of the face, 0..255
    double maxBrightness = 210.0;
    double maxClippedFraction = 0.08;  // face pixels at or above 250
    double minEyeAspectRatio = 0.17;

    static QualityLimits liveProbe();
    static QualityLimits chipPhoto();
};

struct QualityMetrics {
    double interEyePx = 0.0;
    double faceFraction = 0.0;
    HeadPose pose;
    bool poseKnown = false;
    double sharpness = 0.0;
    double brightness = 0.0;
    double clippedFraction = 0.0;
    double eyeAspectRatio = 0.0;
};

struct FaceQuality {
    bool ok = false;
    std::vector<QualityIssue> issues;  // empty when ok, most actionable first
    QualityMetrics metrics;
    int faceCount = 0;
    QStringList issueNames() const;
};

// Judges one face already found and aligned in `image`.
FaceQuality assessFace(const QImage& image, const AlignedFace& face, const QualityLimits& limits);

// Finds the faces in `image` and judges the single one; zero or several faces
// are quality issues (NoFace, MultipleFaces), not errors. Errors are for
// unreadable images and model failures.
Result<FaceQuality, FaceError> assessImage(FaceAligner& aligner, const QImage& image,
                                           const QualityLimits& limits);

}  // namespace kiosk::vision
