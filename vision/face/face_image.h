// Decoding untrusted images for the face pipeline: the size is checked from
// the header before any pixels are decoded, so a huge or hostile file cannot
// exhaust memory.
#pragma once

#include "face_error.h"
#include "result.h"

#include <QImage>
#include <QString>

namespace kiosk::vision {

// 24 MP: well above any kiosk camera or card photo, far below what a
// decompression bomb asks for.
inline constexpr qint64 kDefaultMaxImagePixels = 24'000'000;

// Reads an image file as RGB888 (EXIF orientation applied).
Result<QImage, FaceError> loadFaceImage(const QString& path,
                                        qint64 maxPixels = kDefaultMaxImagePixels);

// Checks an in-memory image the same way and converts it to RGB888.
Result<QImage, FaceError> toRgbImage(const QImage& image,
                                     qint64 maxPixels = kDefaultMaxImagePixels);

}  // namespace kiosk::vision
