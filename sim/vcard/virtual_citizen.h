// A fictional citizen as the virtual card carries them, loaded from a JSON
// card file in sim/cards/. Text is as the chip stores it (BE dates, `#`-joined
// names); the photo is built at run time from a face image in the shared data,
// or from one frame of a clip there (the demo citizen is the person in the
// recorded clip the demo camera plays).
#pragma once

#include "result.h"

#include <QByteArray>
#include <QImage>
#include <QRect>
#include <QString>
#include <QStringList>

namespace kiosk::sim::vcard {

struct VirtualCitizen {
    QString cid;
    QStringList nameTh;  // prefix, first, middle, last
    QStringList nameEn;
    QString birthDate;  // BE YYYYMMDD, "00" for unknown day/month
    QString sex;        // "1" male, "2" female
    QString issuer;
    QString issueDate;           // BE YYYYMMDD
    QString expiryDate;          // BE YYYYMMDD, or 99999999 for a lifelong card
    QStringList address;         // house, moo, lane, soi, road, subdistrict, district, province
    QString laserCode;           // empty: the chip has no extension applet
    QString photoPath;           // relative to the data dir, e.g. "faces/dlib-johns/..."
    double photoAtSeconds = -1;  // >= 0: photoPath is a clip, take the frame at this time
    QRect photoCrop;             // portrait region of the source image (empty: whole image)
    QByteArray photoJpeg;        // filled by loadPhoto()

    // Parses a card file; does not load the photo yet.
    static Result<VirtualCitizen, QString> fromJson(const QByteArray& json);
    static Result<VirtualCitizen, QString> fromFile(const QString& path);

    // The portrait at full resolution: photoPath under `dataDir` (an image, or
    // the frame of a clip at photoAtSeconds), cropped to photoCrop.
    Result<QImage, QString> loadPortrait(const QString& dataDir) const;

    // loadPortrait(), scaled to 148x178 and encoded as a JPEG small enough for
    // the card's 5100-byte photo area.
    Result<void, QString> loadPhoto(const QString& dataDir);
};

// The JPEG of a portrait as the card would hold it (<= maxBytes).
Result<QByteArray, QString> cardPhotoFromImage(const QImage& portrait, int maxBytes);
Result<QByteArray, QString> cardPhotoFromImage(const QString& imagePath, int maxBytes);

}  // namespace kiosk::sim::vcard
