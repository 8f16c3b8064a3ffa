#include "face_image.h"

#include <QBuffer>
#include <QFileInfo>
#include <QImageReader>
#include <QRectF>

namespace kiosk::vision {
namespace {

FaceError tooLarge(qint64 pixels, qint64 maxPixels) {
    return {FaceErrc::ImageTooLarge,
            QStringLiteral("image has %1 pixels, the limit is %2").arg(pixels).arg(maxPixels)};
}

}  // namespace

Result<QImage, FaceError> loadFaceImage(const QString& path, qint64 maxPixels) {
    // The file name is not logged-sensitive (it is ours), the content is.
    if (!QFileInfo::exists(path))
        return fail(
            FaceError{FaceErrc::ImageUnreadable, QStringLiteral("no such image file: ") + path});
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (!size.isValid())
        return fail(FaceError{FaceErrc::ImageUnreadable,
                              QStringLiteral("not a readable image: ") + path +
                                  QStringLiteral(" (") + reader.errorString() + QLatin1Char(')')});
    const qint64 pixels = qint64(size.width()) * size.height();
    if (pixels > maxPixels)
        return fail(tooLarge(pixels, maxPixels));
    QImage image = reader.read();
    if (image.isNull())
        return fail(FaceError{
            FaceErrc::ImageUnreadable,
            QStringLiteral("cannot decode ") + path + QStringLiteral(": ") + reader.errorString()});
    return toRgbImage(image, maxPixels);
}

Result<QImage, FaceError> toRgbImage(const QImage& image, qint64 maxPixels) {
    if (image.isNull())
        return fail(FaceError{FaceErrc::ImageUnreadable, QStringLiteral("empty image")});
    const qint64 pixels = qint64(image.width()) * image.height();
    if (pixels > maxPixels)
        return fail(tooLarge(pixels, maxPixels));
    // Alpha (32-bit PNG) is dropped, not blended: faces are opaque.
    return image.convertToFormat(QImage::Format_RGB888);
}

QImage icaoPortrait(const QImage& frame, const std::vector<QPointF>& landmarks) {
    if (landmarks.size() != 68) {
        return {};
    }
    QRectF bounds(landmarks.front(), QSizeF(0, 0));
    for (const QPointF& p : landmarks) {
        bounds |= QRectF(p, QSizeF(1, 1));
    }
    const double w = bounds.width() * 1.9;
    const double h = w * 4.0 / 3.0;
    const QPointF c = bounds.center();
    return frame.copy(QRectF(c.x() - w / 2, c.y() - h * 0.55, w, h).toRect());
}

QByteArray encodeJpeg(const QImage& image) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", 90);
    return bytes;
}

}  // namespace kiosk::vision
