#include "face_quality.h"

#include "face_embedder.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>

namespace kiosk::vision {
namespace {

cv::Mat grayOf(const QImage& rgb888) {
    const QImage gray = rgb888.convertToFormat(QImage::Format_Grayscale8);
    return cv::Mat(gray.height(), gray.width(), CV_8UC1, const_cast<uchar*>(gray.constBits()),
                   size_t(gray.bytesPerLine()))
        .clone();
}

// The central part of the aligned chip: skin, eyes, nose and mouth, little
// hair or background, so exposure is measured on the face itself.
cv::Mat innerFace(const cv::Mat& chipGray) {
    const int margin = chipGray.cols / 4;
    return chipGray(
        cv::Rect(margin, margin, chipGray.cols - 2 * margin, chipGray.rows - 2 * margin));
}

double laplacianVariance(const cv::Mat& gray) {
    cv::Mat lap;
    cv::Laplacian(gray, lap, CV_64F);
    cv::Scalar mean, stddev;
    cv::meanStdDev(lap, mean, stddev);
    return stddev[0] * stddev[0];
}

}  // namespace

QString qualityIssueName(QualityIssue issue) {
    switch (issue) {
        case QualityIssue::NoFace:
            return QStringLiteral("no-face");
        case QualityIssue::MultipleFaces:
            return QStringLiteral("multiple-faces");
        case QualityIssue::TooSmall:
            return QStringLiteral("too-small");
        case QualityIssue::TooLarge:
            return QStringLiteral("too-large");
        case QualityIssue::OffFrame:
            return QStringLiteral("off-frame");
        case QualityIssue::Turned:
            return QStringLiteral("turned");
        case QualityIssue::Tilted:
            return QStringLiteral("tilted");
        case QualityIssue::Rolled:
            return QStringLiteral("rolled");
        case QualityIssue::Blurred:
            return QStringLiteral("blurred");
        case QualityIssue::TooDark:
            return QStringLiteral("too-dark");
        case QualityIssue::TooBright:
            return QStringLiteral("too-bright");
        case QualityIssue::EyesClosed:
            return QStringLiteral("eyes-closed");
    }
    return QStringLiteral("unknown");
}

QualityLimits QualityLimits::liveProbe() {
    return QualityLimits{};
}

QualityLimits QualityLimits::chipPhoto() {
    QualityLimits limits;
    // A 148x178 chip photo has about 35-45 px between the eyes and is often
    // washed out; it is the reference we have, so only reject the unusable.
    limits.minInterEyePx = 24.0;
    limits.maxFaceFraction = 1.0;
    limits.maxYawDeg = 25.0;
    limits.maxPitchDeg = 30.0;
    limits.maxRollDeg = 20.0;
    limits.minSharpness = 10.0;
    limits.minBrightness = 40.0;
    limits.maxBrightness = 235.0;
    limits.maxClippedFraction = 0.25;
    limits.minEyeAspectRatio = 0.12;
    return limits;
}

QStringList FaceQuality::issueNames() const {
    QStringList names;
    for (QualityIssue issue : issues)
        names << qualityIssueName(issue);
    return names;
}

FaceQuality assessFace(const QImage& image, const AlignedFace& face, const QualityLimits& limits) {
    FaceQuality q;
    q.faceCount = 1;
    QualityMetrics& m = q.metrics;
    m.interEyePx = interEyeDistance(face.landmarks);
    m.faceFraction = image.width() > 0 ? double(face.box.width()) / image.width() : 0.0;
    if (const auto pose = estimateHeadPose(face.landmarks, image.size())) {
        m.pose = *pose;
        m.poseKnown = true;
    }
    m.eyeAspectRatio = eyeAspectRatio(face.landmarks);
    if (!face.chip.isNull()) {
        const cv::Mat chip = grayOf(face.chip.convertToFormat(QImage::Format_RGB888));
        const cv::Mat inner = innerFace(chip);
        m.sharpness = laplacianVariance(inner);
        m.brightness = cv::mean(inner)[0];
        m.clippedFraction = double(cv::countNonZero(inner >= 250)) / double(inner.total());
    }

    // Order: what the citizen should fix first (distance, framing, pose,
    // stillness, light, eyes).
    const QRect frame(QPoint(0, 0), image.size());
    if (m.interEyePx < limits.minInterEyePx)
        q.issues.push_back(QualityIssue::TooSmall);
    if (m.faceFraction > limits.maxFaceFraction)
        q.issues.push_back(QualityIssue::TooLarge);
    // dlib's box is a tight crop of brows to chin; allow a little overhang.
    const QRect tolerated = frame.adjusted(-face.box.width() / 10, -face.box.height() / 10,
                                           face.box.width() / 10, face.box.height() / 10);
    if (!tolerated.contains(face.box))
        q.issues.push_back(QualityIssue::OffFrame);
    if (m.poseKnown) {
        if (std::abs(m.pose.yawDeg) > limits.maxYawDeg)
            q.issues.push_back(QualityIssue::Turned);
        if (std::abs(m.pose.pitchDeg) > limits.maxPitchDeg)
            q.issues.push_back(QualityIssue::Tilted);
        if (std::abs(m.pose.rollDeg) > limits.maxRollDeg)
            q.issues.push_back(QualityIssue::Rolled);
    }
    if (m.sharpness < limits.minSharpness)
        q.issues.push_back(QualityIssue::Blurred);
    if (m.brightness < limits.minBrightness)
        q.issues.push_back(QualityIssue::TooDark);
    if (m.brightness > limits.maxBrightness || m.clippedFraction > limits.maxClippedFraction)
        q.issues.push_back(QualityIssue::TooBright);
    if (m.eyeAspectRatio < limits.minEyeAspectRatio)
        q.issues.push_back(QualityIssue::EyesClosed);
    q.ok = q.issues.empty();
    return q;
}

Result<FaceQuality, FaceError> assessImage(FaceAligner& aligner, const QImage& image,
                                           const QualityLimits& limits) {
    auto faces = aligner.alignAll(image);
    if (!faces)
        return fail(faces.error());
    if (faces->size() != 1) {
        FaceQuality q;
        q.faceCount = int(faces->size());
        q.issues.push_back(faces->empty() ? QualityIssue::NoFace : QualityIssue::MultipleFaces);
        return q;
    }
    return assessFace(image, faces->front(), limits);
}

}  // namespace kiosk::vision
