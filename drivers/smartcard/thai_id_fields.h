// Decoders for the Thai ID applet's fields: padded TIS-620 text, `#`-separated
// names and addresses, Buddhist-era dates with unknown day or month, sex.
// Pure functions over bytes, so they are unit-tested and fuzzed directly.
#pragma once

#include "result.h"

#include <QByteArrayView>
#include <QDate>
#include <QString>
#include <optional>

namespace kiosk::card {

// Decodes a fixed-width field: trailing padding (spaces, NUL, 0xFF) dropped, TIS-620 to UTF-16.
QString decodeTextField(QByteArrayView raw);

struct PersonName {
    QString prefix;
    QString first;
    QString middle;
    QString last;

    // "prefix first middle last" with empty parts skipped.
    QString display() const;
    bool isEmpty() const {
        return prefix.isEmpty() && first.isEmpty() && middle.isEmpty() && last.isEmpty();
    }
    void wipe();
    bool operator==(const PersonName&) const = default;
};

// "prefix#first#middle#last"; missing parts stay empty, extra parts join the last name.
PersonName parseName(const QString& text);

struct Address {
    QString houseNo;      // บ้านเลขที่
    QString villageNo;    // หมู่ที่
    QString lane;         // ตรอก
    QString soi;          // ซอย
    QString road;         // ถนน
    QString subdistrict;  // ตำบล / แขวง
    QString district;     // อำเภอ / เขต
    QString province;     // จังหวัด

    // The parts joined by single spaces, empty ones skipped.
    QString display() const;
    bool isEmpty() const { return display().isEmpty(); }
    void wipe();
    bool operator==(const Address&) const = default;
};

// "house#moo#lane#soi#road#subdistrict#district#province"; extra parts join the province.
Address parseAddress(const QString& text);

// A date as the card holds it: the Buddhist-era year is converted to CE;
// month and day may be unknown (0), which happens for older birth records.
struct CardDate {
    int year = 0;   // CE
    int month = 0;  // 1-12, 0 = unknown
    int day = 0;    // 1-31, 0 = unknown

    bool isPartial() const { return month == 0 || day == 0; }
    // "YYYY-MM-DD", or "YYYY-MM" / "YYYY" when the day / month is unknown.
    QString toIso() const;
    // "YYYYMMDD" in the Buddhist era, as the chip stores it and DOPA's
    // CheckCardByLaser takes it (unknown month or day as "00"); empty when the
    // year is unknown.
    QString toBuddhistYmd() const;
    // The full date, or the last day it could be when partial (for age and expiry checks).
    QDate latestPossible() const;
    bool operator==(const CardDate&) const = default;
};

// "25300115" (BE YYYYMMDD, ASCII digits) -> 1987-01-15. Month "00" means the
// day is unknown too. Returns a reason when the text is not such a date.
Result<CardDate, QString> parseBuddhistDate(QByteArrayView raw);

enum class Sex { Unknown, Male, Female };
// '1' male, '2' female; anything else unknown.
Sex parseSex(QByteArrayView raw);
QString sexName(Sex sex);  // "male", "female", "unknown"

// The CID field: exactly 13 ASCII digits after padding, or a reason.
Result<QString, QString> parseCid(QByteArrayView raw);

}  // namespace kiosk::card
