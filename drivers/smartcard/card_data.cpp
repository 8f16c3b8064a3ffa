#include "card_data.h"

#include "cid.h"
#include "secure_wipe.h"

#include <QCryptographicHash>

namespace kiosk::card {

void CardData::clear() {
    secureWipe(cid);
    nameTh.wipe();
    nameEn.wipe();
    birthDate = {};
    sex = Sex::Unknown;
    secureWipe(issuer);
    issueDate = {};
    expiryDate = {};
    expiryLifelong = false;
    address.wipe();
    secureWipe(photoJpeg);
    secureWipe(laserCode);
    atr.clear();
}

bool CardData::cidValid() const {
    return kiosk::cid::isValid(cid);
}

bool CardData::isExpired(const QDate& today) const {
    // A card is valid through its expiry date; an unknown expiry never expires early.
    return expiryDate.year != 0 && expiryDate.latestPossible() < today;
}

QString CardData::photoSha256() const {
    if (photoJpeg.isEmpty()) {
        return {};
    }
    return QString::fromLatin1(
        QCryptographicHash::hash(photoJpeg, QCryptographicHash::Sha256).toHex());
}

namespace {

QJsonObject nameJson(const PersonName& n) {
    return {{QStringLiteral("prefix"), n.prefix},
            {QStringLiteral("first"), n.first},
            {QStringLiteral("middle"), n.middle},
            {QStringLiteral("last"), n.last},
            {QStringLiteral("display"), n.display()}};
}

QJsonValue dateJson(const CardDate& d) {
    return d.year == 0 ? QJsonValue() : QJsonValue(d.toIso());
}

}  // namespace

QJsonObject CardData::toJson() const {
    const QJsonObject addr{{QStringLiteral("house_no"), address.houseNo},
                           {QStringLiteral("village_no"), address.villageNo},
                           {QStringLiteral("lane"), address.lane},
                           {QStringLiteral("soi"), address.soi},
                           {QStringLiteral("road"), address.road},
                           {QStringLiteral("subdistrict"), address.subdistrict},
                           {QStringLiteral("district"), address.district},
                           {QStringLiteral("province"), address.province},
                           {QStringLiteral("display"), address.display()}};
    return {
        {QStringLiteral("cid"), cid},
        {QStringLiteral("cid_valid"), cidValid()},
        {QStringLiteral("name_th"), nameJson(nameTh)},
        {QStringLiteral("name_en"), nameJson(nameEn)},
        {QStringLiteral("birth_date"), dateJson(birthDate)},
        {QStringLiteral("birth_date_partial"), birthDate.isPartial()},
        {QStringLiteral("sex"), sexName(sex)},
        {QStringLiteral("issuer"), issuer},
        {QStringLiteral("issue_date"), dateJson(issueDate)},
        {QStringLiteral("expiry_date"), dateJson(expiryDate)},
        {QStringLiteral("expiry_lifelong"), expiryLifelong},
        {QStringLiteral("expired"), isExpired(QDate::currentDate())},
        {QStringLiteral("address"), addr},
        {QStringLiteral("laser_code"), laserCode.isEmpty() ? QJsonValue() : QJsonValue(laserCode)},
        {QStringLiteral("photo_sha256"),
         photoJpeg.isEmpty() ? QJsonValue() : QJsonValue(photoSha256())},
        {QStringLiteral("photo_bytes"), photoJpeg.size()},
        {QStringLiteral("atr"), QString::fromLatin1(atr.toHex(' ').toUpper())}};
}

bool isCompleteJpeg(QByteArrayView jpeg) {
    return jpeg.size() >= 4 && static_cast<unsigned char>(jpeg[0]) == 0xFF &&
           static_cast<unsigned char>(jpeg[1]) == 0xD8 &&
           static_cast<unsigned char>(jpeg[jpeg.size() - 2]) == 0xFF &&
           static_cast<unsigned char>(jpeg[jpeg.size() - 1]) == 0xD9;
}

QByteArray trimJpegPadding(const QByteArray& raw) {
    // The photo area is fixed (5100 bytes); the JPEG is followed by filler.
    // The last EOI marker ends the image (an embedded thumbnail has its own, earlier).
    const qsizetype eoi = raw.lastIndexOf(QByteArrayView("\xFF\xD9", 2));
    if (eoi < 0) {
        return raw;
    }
    return raw.first(eoi + 2);
}

}  // namespace kiosk::card
