// Decoding untrusted images for the face pipeline: the size is checked from
// the header before any pixels are decoded, so a huge or hostile file cannot
// exhaust memory.
#pragma once

#include "face_error.h"
#include "result.h"

#include <QByteArray>
#include <QImage>
#include <QPointF>
#include <QString>
#include <vector>

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

// An ICAO-like portrait cut from a frame for the Face Verification Service:
// the face (its 68 landmarks) centred, about half the picture's width, 3:4.
// Empty without 68 landmarks.
QImage icaoPortrait(const QImage& frame, const std::vector<QPointF>& landmarks);

// The image as JPEG at quality 90 (what the backends take); empty on failure.
QByteArray encodeJpeg(const QImage& image);

}  // namespace kiosk::vision
