#include "face_aligner.h"

#include "face_embedder.h"

#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_transforms.h>

#include <QFileInfo>
#include <algorithm>
#include <exception>

namespace kiosk::vision {
namespace {

// The HOG detector misses faces under about 80 px; in images this small a
// second search runs at 2x when the first finds nothing (ORL-sized photos,
// chip photos, a 240p frame).
constexpr qint64 kUpsampleBelowPixels = 500'000;
constexpr unsigned long kLandmarkCount = 68;
constexpr double kChipPadding = 0.25;  // the padding dlib's ResNet was trained with

dlib::matrix<dlib::rgb_pixel> toDlib(const QImage& rgb888) {
    dlib::matrix<dlib::rgb_pixel> img(rgb888.height(), rgb888.width());
    for (int y = 0; y < rgb888.height(); ++y) {
        const uchar* row = rgb888.constScanLine(y);
        for (int x = 0; x < rgb888.width(); ++x)
            img(y, x) = dlib::rgb_pixel(row[3 * x], row[3 * x + 1], row[3 * x + 2]);
    }
    return img;
}

QImage toQImage(const dlib::matrix<dlib::rgb_pixel>& img) {
    QImage out(int(img.nc()), int(img.nr()), QImage::Format_RGB888);
    for (long y = 0; y < img.nr(); ++y) {
        uchar* row = out.scanLine(int(y));
        for (long x = 0; x < img.nc(); ++x) {
            row[3 * x] = img(y, x).red;
            row[3 * x + 1] = img(y, x).green;
            row[3 * x + 2] = img(y, x).blue;
        }
    }
    return out;
}

}  // namespace

struct FaceAligner::Models {
    dlib::frontal_face_detector detector = dlib::get_frontal_face_detector();
    dlib::shape_predictor landmarks;
};

QString FaceAligner::defaultLandmarksPath() {
    return QStringLiteral(KIOSK_DLIB_LANDMARKS_DEFAULT);
}

Result<FaceAligner, FaceError> FaceAligner::load(const QString& landmarksPath) {
    if (!QFileInfo(landmarksPath).isFile())
        return fail(FaceError{FaceErrc::ModelMissing,
                              QStringLiteral("landmark model not found: %1 (install libdlib-data)")
                                  .arg(landmarksPath)});
    try {
        auto models = std::make_unique<Models>();
        dlib::deserialize(landmarksPath.toStdString()) >> models->landmarks;
        if (models->landmarks.num_parts() != kLandmarkCount)
            return fail(FaceError{FaceErrc::ModelMismatch,
                                  QStringLiteral("%1 predicts %2 landmarks, expected %3")
                                      .arg(landmarksPath)
                                      .arg(models->landmarks.num_parts())
                                      .arg(kLandmarkCount)});
        return FaceAligner(std::move(models));
    } catch (const std::exception& e) {
        return fail(FaceError{FaceErrc::ModelCorrupt,
                              QStringLiteral("cannot read landmark model %1: %2")
                                  .arg(landmarksPath, QString::fromLocal8Bit(e.what()))});
    }
}

Result<std::vector<AlignedFace>, FaceError> FaceAligner::alignAll(const QImage& image) {
    auto rgb = toRgbImage(image, m_maxPixels);
    if (!rgb)
        return fail(rgb.error());
    try {
        dlib::matrix<dlib::rgb_pixel> img = toDlib(*rgb);
        // Native resolution first: a camera frame's face is large enough.
        // Only a small image without a face found is searched again at 2x.
        // HOG on grey: a third of the gradient work of colour, the same faces.
        dlib::array2d<unsigned char> gray;
        dlib::assign_image(gray, img);
        std::vector<dlib::rectangle> boxes = m_models->detector(gray);
        bool upsampled = false;
        dlib::pyramid_down<2> pyramid;
        if (boxes.empty() && qint64(rgb->width()) * rgb->height() < kUpsampleBelowPixels) {
            dlib::pyramid_up(img, pyramid);
            dlib::assign_image(gray, img);
            upsampled = true;
            boxes = m_models->detector(gray);
        }
        // Back to input pixels when we worked on the upsampled image.
        auto toInput = [&](const dlib::point& p) {
            const dlib::dpoint q =
                upsampled ? pyramid.point_down(dlib::dpoint(p)) : dlib::dpoint(p);
            return QPointF(q.x(), q.y());
        };

        std::sort(
            boxes.begin(), boxes.end(),
            [](const dlib::rectangle& a, const dlib::rectangle& b) { return a.area() > b.area(); });
        std::vector<AlignedFace> faces;
        for (const dlib::rectangle& box : boxes) {
            const dlib::full_object_detection shape = m_models->landmarks(gray, box);
            dlib::matrix<dlib::rgb_pixel> chip;
            dlib::extract_image_chip(
                img, dlib::get_face_chip_details(shape, kFaceChipSize, kChipPadding), chip);
            AlignedFace face;
            face.chip = toQImage(chip);
            face.box =
                QRect(toInput(box.tl_corner()).toPoint(), toInput(box.br_corner()).toPoint());
            for (unsigned long i = 0; i < shape.num_parts(); ++i)
                face.landmarks.push_back(toInput(shape.part(i)));
            faces.push_back(std::move(face));
        }
        return faces;
    } catch (const std::exception& e) {
        return fail(FaceError{FaceErrc::Internal,
                              QStringLiteral("dlib: ") + QString::fromLocal8Bit(e.what())});
    }
}

Result<AlignedFace, FaceError> FaceAligner::alignSingle(const QImage& image) {
    auto faces = alignAll(image);
    if (!faces)
        return fail(faces.error());
    if (faces->empty())
        return fail(FaceError{FaceErrc::NoFace, QStringLiteral("no face found")});
    if (faces->size() > 1)
        return fail(FaceError{FaceErrc::MultipleFaces,
                              QStringLiteral("%1 faces found, expected one").arg(faces->size())});
    return std::move(faces->front());
}

Result<AlignedFace, FaceError> FaceAligner::alignSingleFile(const QString& imagePath) {
    auto image = loadFaceImage(imagePath, m_maxPixels);
    if (!image)
        return fail(image.error());
    return alignSingle(*image);
}

Result<std::vector<QRect>, FaceError> FaceAligner::detect(const QImage& image, double downscale) {
    auto rgb = toRgbImage(image, m_maxPixels);
    if (!rgb)
        return fail(rgb.error());
    if (!(downscale >= 1.0))
        return fail(FaceError{FaceErrc::BadInput, QStringLiteral("downscale must be >= 1")});
    try {
        const QImage small = downscale > 1.0
                                 ? rgb->scaled(qMax(1, int(rgb->width() / downscale)),
                                               qMax(1, int(rgb->height() / downscale)),
                                               Qt::IgnoreAspectRatio, Qt::FastTransformation)
                                 : *rgb;
        const double sx = double(rgb->width()) / small.width();
        const double sy = double(rgb->height()) / small.height();
        dlib::array2d<unsigned char> gray;
        dlib::assign_image(gray, toDlib(small));
        std::vector<dlib::rectangle> boxes = m_models->detector(gray);
        std::sort(
            boxes.begin(), boxes.end(),
            [](const dlib::rectangle& a, const dlib::rectangle& b) { return a.area() > b.area(); });
        std::vector<QRect> out;
        for (const dlib::rectangle& b : boxes)
            out.emplace_back(QPoint(qRound(b.left() * sx), qRound(b.top() * sy)),
                             QPoint(qRound(b.right() * sx), qRound(b.bottom() * sy)));
        return out;
    } catch (const std::exception& e) {
        return fail(FaceError{FaceErrc::Internal,
                              QStringLiteral("dlib: ") + QString::fromLocal8Bit(e.what())});
    }
}

Result<std::vector<QPointF>, FaceError> FaceAligner::landmarks(const QImage& image,
                                                               const QRect& box) {
    auto rgb = toRgbImage(image, m_maxPixels);
    if (!rgb)
        return fail(rgb.error());
    if (box.isEmpty())
        return fail(FaceError{FaceErrc::BadInput, QStringLiteral("empty face box")});
    try {
        dlib::array2d<unsigned char> gray;
        dlib::assign_image(gray, toDlib(*rgb));
        const dlib::full_object_detection shape = m_models->landmarks(
            gray, dlib::rectangle(box.left(), box.top(), box.right(), box.bottom()));
        std::vector<QPointF> points;
        points.reserve(shape.num_parts());
        for (unsigned long i = 0; i < shape.num_parts(); ++i)
            points.emplace_back(shape.part(i).x(), shape.part(i).y());
        return points;
    } catch (const std::exception& e) {
        return fail(FaceError{FaceErrc::Internal,
                              QStringLiteral("dlib: ") + QString::fromLocal8Bit(e.what())});
    }
}

Result<QImage, FaceError> FaceAligner::chip(const QImage& image,
                                            const std::vector<QPointF>& landmarks) {
    auto rgb = toRgbImage(image, m_maxPixels);
    if (!rgb)
        return fail(rgb.error());
    if (landmarks.size() != kLandmarkCount)
        return fail(FaceError{
            FaceErrc::BadInput,
            QStringLiteral("%1 landmarks, expected %2").arg(landmarks.size()).arg(kLandmarkCount)});
    try {
        std::vector<dlib::point> parts;
        for (const QPointF& p : landmarks)
            parts.emplace_back(qRound(p.x()), qRound(p.y()));
        const dlib::matrix<dlib::rgb_pixel> img = toDlib(*rgb);
        const dlib::full_object_detection shape(dlib::get_rect(img), parts);
        dlib::matrix<dlib::rgb_pixel> out;
        dlib::extract_image_chip(
            img, dlib::get_face_chip_details(shape, kFaceChipSize, kChipPadding), out);
        return toQImage(out);
    } catch (const std::exception& e) {
        return fail(FaceError{FaceErrc::Internal,
                              QStringLiteral("dlib: ") + QString::fromLocal8Bit(e.what())});
    }
}

FaceAligner::FaceAligner(std::unique_ptr<Models> models) : m_models(std::move(models)) {}
FaceAligner::FaceAligner(FaceAligner&&) noexcept = default;
FaceAligner& FaceAligner::operator=(FaceAligner&&) noexcept = default;
FaceAligner::~FaceAligner() = default;

}  // namespace kiosk::vision
