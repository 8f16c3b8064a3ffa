// Face detection (dlib's HOG frontal detector), 68 landmarks (Debian's
// libdlib-data) and alignment to the 150x150 chip FaceEmbedder expects.
#pragma once

#include "face_error.h"
#include "face_image.h"
#include "result.h"

#include <QImage>
#include <QPointF>
#include <QRect>
#include <QString>
#include <memory>
#include <vector>

namespace kiosk::vision {

struct AlignedFace {
    QImage chip;                     // kFaceChipSize square, RGB888
    QRect box;                       // detection, in input pixels
    std::vector<QPointF> landmarks;  // 68 points (iBUG 300-W order), in input pixels
};

// Not thread-safe: one instance per worker thread. Movable, not copyable.
class FaceAligner {
public:
    // Debian's libdlib-data installs the model uncompressed at this path.
    static QString defaultLandmarksPath();

    static Result<FaceAligner, FaceError> load(
        const QString& landmarksPath = defaultLandmarksPath());

    // Every face found, largest first; an empty list is not an error here.
    Result<std::vector<AlignedFace>, FaceError> alignAll(const QImage& image);

    // The probe rule: exactly one face, else NoFace or MultipleFaces.
    Result<AlignedFace, FaceError> alignSingle(const QImage& image);
    Result<AlignedFace, FaceError> alignSingleFile(const QString& imagePath);

    // Fast path for video (liveness, live guidance): detection on a copy
    // shrunk by `downscale` (>= 1; HOG cost falls with the square), boxes in
    // input pixels, largest first. Never upsamples.
    Result<std::vector<QRect>, FaceError> detect(const QImage& image, double downscale = 1.0);
    // 68 landmarks for a known box, in input pixels, without detecting again
    // (to track a face between detections).
    Result<std::vector<QPointF>, FaceError> landmarks(const QImage& image, const QRect& box);
    // The 150x150 chip for landmarks already found in `image`.
    Result<QImage, FaceError> chip(const QImage& image, const std::vector<QPointF>& landmarks);

    void setMaxPixels(qint64 maxPixels) { m_maxPixels = maxPixels; }

    FaceAligner(FaceAligner&&) noexcept;
    FaceAligner& operator=(FaceAligner&&) noexcept;
    ~FaceAligner();

private:
    struct Models;
    explicit FaceAligner(std::unique_ptr<Models> models);
    std::unique_ptr<Models> m_models;
    qint64 m_maxPixels = kDefaultMaxImagePixels;
};

}  // namespace kiosk::vision
