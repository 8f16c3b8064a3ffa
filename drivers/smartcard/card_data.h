// What the Thai ID card tells about its holder. Personal data: it lives for
// one session and its buffers are zeroized when it is cleared or destroyed.
#pragma once

#include "thai_id_fields.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace kiosk::card {

struct CardData {
    QString cid;  // 13 ASCII digits
    PersonName nameTh;
    PersonName nameEn;
    CardDate birthDate;
    Sex sex = Sex::Unknown;
    QString issuer;  // issuing office, Thai text
    CardDate issueDate;
    CardDate expiryDate;          // empty (year 0) when expiryLifelong
    bool expiryLifelong = false;  // cards of citizens over 70 never expire
    Address address;
    QByteArray photoJpeg;  // empty when the photo was not read
    QString laserCode;     // empty when the chip does not expose it
    QByteArray atr;        // not personal

    CardData() = default;
    CardData(const CardData&) = default;
    CardData(CardData&&) noexcept = default;
    CardData& operator=(const CardData&) = default;
    CardData& operator=(CardData&&) noexcept = default;
    ~CardData() { clear(); }

    // Zeroizes every personal field and empties it.
    void clear();

    bool cidValid() const;
    bool isExpired(const QDate& today) const;
    QString photoSha256() const;  // hex, empty without a photo

    // The JSON `kioskctl card read --json` prints (personal data: never log it).
    QJsonObject toJson() const;
};

// True when `jpeg` starts with SOI (FF D8) and, after padding, ends with EOI (FF D9).
bool isCompleteJpeg(QByteArrayView jpeg);
// Drops the card's padding after the JPEG's EOI marker; returns the JPEG itself.
QByteArray trimJpegPadding(const QByteArray& raw);

}  // namespace kiosk::card
