#include "virtual_citizen.h"

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

Result<void, QString> VirtualCitizen::loadPhoto(const QString& dataDir) {
    if (photoPath.isEmpty()) {
        return fail(QStringLiteral("the card file names no \"photo\""));
    }
    auto jpeg = cardPhotoFromImage(dataDir + QLatin1Char('/') + photoPath, kPhotoArea);
    if (!jpeg) {
        return fail(jpeg.error());
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
    return fail(QStringLiteral("%1 does not fit the card's photo area").arg(imagePath));
}

}  // namespace kiosk::sim::vcard
