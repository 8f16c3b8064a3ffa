#include "ocr_image.h"

#include <QBuffer>
#include <QFileInfo>
#include <QImageReader>
#include <opencv2/imgproc.hpp>

namespace kiosk::ocr {

namespace {

Result<cv::Mat, OcrError> readFrom(QImageReader& reader, const QString& what) {
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (!size.isValid()) {
        return fail(OcrError{OcrErrc::ImageUnreadable,
                             QStringLiteral("not a readable image: ") + what +
                                 QStringLiteral(" (") + reader.errorString() + QLatin1Char(')')});
    }
    const qint64 pixels = qint64(size.width()) * size.height();
    if (pixels > kMaxImagePixels) {
        return fail(
            OcrError{OcrErrc::ImageTooLarge, QStringLiteral("image has %1 pixels, the limit is %2")
                                                 .arg(pixels)
                                                 .arg(kMaxImagePixels)});
    }
    const QImage image = reader.read();
    if (image.isNull()) {
        return fail(OcrError{
            OcrErrc::ImageUnreadable,
            QStringLiteral("cannot decode ") + what + QStringLiteral(": ") + reader.errorString()});
    }
    return fromQImage(image);
}

}  // namespace

Result<cv::Mat, OcrError> loadImageFile(const QString& path) {
    if (!QFileInfo(path).isFile()) {
        return fail(
            OcrError{OcrErrc::ImageUnreadable, QStringLiteral("no such image file: ") + path});
    }
    QImageReader reader(path);
    return readFrom(reader, path);
}

Result<cv::Mat, OcrError> decodeImage(const QByteArray& bytes) {
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    return readFrom(reader, QStringLiteral("image data"));
}

Result<cv::Mat, OcrError> fromQImage(const QImage& image) {
    if (image.isNull()) {
        return fail(OcrError{OcrErrc::ImageUnreadable, QStringLiteral("empty image")});
    }
    if (qint64(image.width()) * image.height() > kMaxImagePixels) {
        return fail(OcrError{OcrErrc::ImageTooLarge, QStringLiteral("image over the pixel limit")});
    }
    if (image.width() < kMinImageWidth || image.height() < kMinImageHeight) {
        return fail(OcrError{OcrErrc::ImageTooSmall,
                             QStringLiteral("image is %1x%2, at least %3x%4 is needed")
                                 .arg(image.width())
                                 .arg(image.height())
                                 .arg(kMinImageWidth)
                                 .arg(kMinImageHeight)});
    }
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    const cv::Mat view(rgb.height(), rgb.width(), CV_8UC3, const_cast<uchar*>(rgb.constBits()),
                       size_t(rgb.bytesPerLine()));
    cv::Mat bgr;
    try {
        cv::cvtColor(view, bgr, cv::COLOR_RGB2BGR);
    } catch (const cv::Exception& e) {
        return fail(OcrError{OcrErrc::Internal, QString::fromStdString(e.msg)});
    }
    return bgr;
}

}  // namespace kiosk::ocr
