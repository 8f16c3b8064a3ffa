#include "virtual_citizen.h"

#include "frame_source.h"

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QImageWriter>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace kiosk::sim::vcard {

namespace {

constexpr int kPhotoWidth = 148;
constexpr int kPhotoHeight = 178;
constexpr int kPhotoArea = 20 * 255;

Result<QStringList, QString> parts(const QJsonObject& o, const char* key,
                                   const QStringList& names) {
    const QJsonValue v = o.value(QLatin1String(key));
    QStringList out;
    if (v.isObject()) {
        for (const QString& n : names) {
            out.append(v.toObject().value(n).toString());
        }
        return out;
    }
    if (v.isArray()) {
        for (const auto& e : v.toArray()) {
            out.append(e.toString());
        }
        return out;
    }
    return fail(QStringLiteral("\"%1\" must be an object or an array").arg(QLatin1String(key)));
}

}  // namespace

Result<VirtualCitizen, QString> VirtualCitizen::fromJson(const QByteArray& json) {
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (!doc.isObject()) {
        return fail(QStringLiteral("not a JSON object: %1").arg(err.errorString()));
    }
    const QJsonObject o = doc.object();
    VirtualCitizen c;
    auto str = [&o](const char* key) { return o.value(QLatin1String(key)).toString(); };
    c.cid = str("cid");
    c.birthDate = str("birth_date");
    c.sex = str("sex");
    c.issuer = str("issuer");
    c.issueDate = str("issue_date");
    c.expiryDate = str("expiry_date");
    c.laserCode = str("laser_code");
    c.photoPath = str("photo");
    if (o.contains(QLatin1String("photo_at_seconds"))) {
        c.photoAtSeconds = o.value(QLatin1String("photo_at_seconds")).toDouble(-1);
        if (c.photoAtSeconds < 0) {
            return fail(QStringLiteral("\"photo_at_seconds\" must be a time >= 0 in the clip"));
        }
    }
    if (o.contains(QLatin1String("photo_crop"))) {
        const QJsonArray r = o.value(QLatin1String("photo_crop")).toArray();
        c.photoCrop =
            r.size() == 4 ? QRect(r[0].toInt(), r[1].toInt(), r[2].toInt(), r[3].toInt()) : QRect();
        if (c.photoCrop.width() < 16 || c.photoCrop.height() < 16 || c.photoCrop.x() < 0 ||
            c.photoCrop.y() < 0) {
            return fail(QStringLiteral("\"photo_crop\" must be [x, y, width, height] in pixels"));
        }
    }
    const QStringList nameKeys{QStringLiteral("prefix"), QStringLiteral("first"),
                               QStringLiteral("middle"), QStringLiteral("last")};
    auto th = parts(o, "name_th", nameKeys);
    auto en = parts(o, "name_en", nameKeys);
    auto addr =
        parts(o, "address",
              {QStringLiteral("house_no"), QStringLiteral("village_no"), QStringLiteral("lane"),
               QStringLiteral("soi"), QStringLiteral("road"), QStringLiteral("subdistrict"),
               QStringLiteral("district"), QStringLiteral("province")});
    if (!th || !en || !addr) {
        return fail(!th ? th.error() : !en ? en.error() : addr.error());
    }
    c.nameTh = *th;
    c.nameEn = *en;
    c.address = *addr;
    if (c.cid.size() != 13) {
        return fail(QStringLiteral("\"cid\" must have 13 digits"));
    }
    for (const QString* d : {&c.birthDate, &c.issueDate, &c.expiryDate}) {
        if (d->size() != 8) {
            return fail(QStringLiteral("dates must be BE YYYYMMDD (8 digits)"));
        }
    }
    return c;
}

Result<VirtualCitizen, QString> VirtualCitizen::fromFile(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return fail(QStringLiteral("%1: %2").arg(path, f.errorString()));
    }
    auto c = fromJson(f.readAll());
    if (!c) {
        return fail(QStringLiteral("%1: %2").arg(path, c.error()));
    }
    return c;
}

Result<QImage, QString> VirtualCitizen::loadPortrait(const QString& dataDir) const {
    if (photoPath.isEmpty()) {
        return fail(QStringLiteral("the card file names no \"photo\""));
    }
    const QString path = dataDir + QLatin1Char('/') + photoPath;
    QImage image;
    if (photoAtSeconds >= 0) {
        camera::VideoFileSource clip(path);
        if (auto r = clip.open(); !r) {
            return fail(
                QStringLiteral("cannot open clip %1 (is ../shared/data present?)").arg(path));
        }
        const auto wantMs = qint64(photoAtSeconds * 1000);
        for (;;) {
            auto frame = clip.next();
            if (!frame) {
                return fail(
                    QStringLiteral("clip %1 ends before %2 s").arg(path).arg(photoAtSeconds));
            }
            if (frame->timestampMs >= wantMs) {
                image = camera::toQImage(frame->image);
                break;
            }
        }
    } else {
        image = QImage(path);
        if (image.isNull()) {
            return fail(
                QStringLiteral("cannot load face image %1 (is ../shared/data present?)").arg(path));
        }
    }
    if (!photoCrop.isEmpty()) {
        if (!image.rect().contains(photoCrop)) {
            return fail(QStringLiteral("\"photo_crop\" lies outside the %1x%2 image %3")
                            .arg(image.width())
                            .arg(image.height())
                            .arg(path));
        }
        image = image.copy(photoCrop);
    }
    return image;
}

Result<void, QString> VirtualCitizen::loadPhoto(const QString& dataDir) {
    auto portrait = loadPortrait(dataDir);
    if (!portrait) {
        return fail(portrait.error());
    }
    auto jpeg = cardPhotoFromImage(*portrait, kPhotoArea);
    if (!jpeg) {
        return fail(QStringLiteral("%1: %2").arg(photoPath, jpeg.error()));
    }
    photoJpeg = *jpeg;
    return {};
}

Result<QByteArray, QString> cardPhotoFromImage(const QString& imagePath, int maxBytes) {
    QImage image(imagePath);
    if (image.isNull()) {
        return fail(QStringLiteral("cannot load face image %1 (is ../shared/data present?)")
                        .arg(imagePath));
    }
    auto jpeg = cardPhotoFromImage(image, maxBytes);
    if (!jpeg) {
        return fail(QStringLiteral("%1: %2").arg(imagePath, jpeg.error()));
    }
    return jpeg;
}

Result<QByteArray, QString> cardPhotoFromImage(const QImage& image, int maxBytes) {
    // Fill the card's portrait frame, cropping the overflow evenly.
    QImage scaled = image.convertToFormat(QImage::Format_RGB888)
                        .scaled(kPhotoWidth, kPhotoHeight, Qt::KeepAspectRatioByExpanding,
                                Qt::SmoothTransformation);
    scaled = scaled.copy((scaled.width() - kPhotoWidth) / 2, (scaled.height() - kPhotoHeight) / 2,
                         kPhotoWidth, kPhotoHeight);
    for (int quality = 85; quality >= 10; quality -= 5) {
        QByteArray out;
        QBuffer buffer(&out);
        buffer.open(QIODevice::WriteOnly);
        QImageWriter writer(&buffer, "jpeg");
        writer.setQuality(quality);
        if (!writer.write(scaled)) {
            return fail(QStringLiteral("cannot encode JPEG: %1").arg(writer.errorString()));
        }
        if (out.size() <= maxBytes) {
            return out;
        }
    }
    return fail(QStringLiteral("the portrait does not fit the card's photo area"));
}

}  // namespace kiosk::sim::vcard
