// Decoding untrusted images for the card OCR: the size is read from the header
// and checked before any pixel is decoded (decompression bombs), tiny images
// are refused (no card could be read from them), EXIF orientation is applied.
#pragma once

#include "ocr_error.h"
#include "result.h"

#include <QByteArray>
#include <QImage>
#include <QString>
#include <opencv2/core.hpp>

namespace kiosk::ocr {

inline constexpr qint64 kMaxImagePixels = 40'000'000;
inline constexpr int kMinImageWidth = 160;
inline constexpr int kMinImageHeight = 100;

// A file as 8-bit BGR.
Result<cv::Mat, OcrError> loadImageFile(const QString& path);
// Encoded bytes (JPEG, PNG, ...) as 8-bit BGR.
Result<cv::Mat, OcrError> decodeImage(const QByteArray& bytes);
// A QImage (e.g. a camera frame) as 8-bit BGR, with the same size checks.
Result<cv::Mat, OcrError> fromQImage(const QImage& image);

}  // namespace kiosk::ocr
