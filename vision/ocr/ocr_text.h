// Validators and parsers for what Tesseract reads off a Thai national ID card:
// CID, Thai and English names, Thai (BE, abbreviated months) and English dates,
// the laser code on the back. Pure functions over text: unit-tested and fuzzed.
// OCR output is untrusted and noisy, so each parser tolerates the usual
// confusions (O/0, I/1, missing dots and spaces) and says why it gave up.
#pragma once

#include "result.h"
#include "thai_id_fields.h"

#include <QString>
#include <QStringView>
#include <optional>

namespace kiosk::ocr {

using card::CardDate;
using card::PersonName;

// Thai digits to ASCII; everything else unchanged.
QString asciiDigits(QStringView text);

// The 13-digit CID in an OCR line (separators and stray characters dropped).
// When the line holds more than 13 digits, a 13-digit window with a valid check
// digit is preferred: the one printed as 1-4-5-2-1 groups, else the rightmost.
// The check digit is not corrected: a bad one must be flagged.
Result<QString, QString> extractCid(QStringView text);

// The same, telling whether the digits were grouped as the card prints them
// (1-4-5-2-1): a read that lost or merged a gap is more likely to hold a
// misread digit, even when the check digit passes (the third digit's weight
// is 11, so the check digit cannot see a misread there).
struct CidText {
    QString cid;
    bool printedGroups = false;
};
Result<CidText, QString> findCid(QStringView text);

// "15 ม.ค. 2530" / "15 มกราคม 2530" (Buddhist era) -> 1987-01-15.
Result<CardDate, QString> parseThaiDate(QStringView text);
// "15 Jan. 1987" / "15 JAN 1987" / "15 January 1987" -> 1987-01-15.
Result<CardDate, QString> parseEnglishDate(QStringView text);
// "ตลอดชีพ" / "LIFELONG": a card that never expires.
bool isLifelong(QStringView text);

// "JT0-1234567-89" and OCR variants -> "JT0123456789" (2 letters + 10 digits).
Result<QString, QString> parseLaserCode(QStringView text);
// "JT0123456789" -> "JT0-1234567-89" (the printed form); input must be valid.
QString formatLaserCode(QStringView code);
bool isValidLaserCode(QStringView code);

// Fixes mark sequences Thai spelling cannot have, as OCR produces them: a lone
// NIKHAHIT becomes THANTHAKHAT, doubled upper vowels keep the second, "ไจ"
// (no Thai syllable) becomes "ใจ".
QString repairThaiMarks(QStringView text);

// "นาย สมชาย ทดสอบดี" (prefix optional, spaces after it optional) -> parts.
// An empty first name means the line did not parse.
PersonName parseThaiName(QStringView line);
// The English name line ("Mr. Somchai", a leading "Name" label tolerated) and
// the last-name line ("Thotsopdee", a leading "Last name" label tolerated).
PersonName parseEnglishName(QStringView nameLine, QStringView lastNameLine);

// Canonical forms for comparing a printed name with the chip's: Unicode NFC,
// SARA AM composed, spaces, dots and zero-width characters removed; English
// names case-folded.
QString normalizeThai(QStringView text);
QString normalizeEnglish(QStringView text);
// The Thai prefix in a canonical spelling ("น.ส." -> "นางสาว"); unknown ones unchanged.
QString canonicalThaiPrefix(QStringView prefix);
QString canonicalEnglishPrefix(QStringView prefix);

// Levenshtein distance over UTF-16 code units (Thai has no surrogates).
int editDistance(QStringView a, QStringView b);
// editDistance / reference length (1.0 for an empty hypothesis of a non-empty reference).
double characterErrorRate(QStringView reference, QStringView hypothesis);

}  // namespace kiosk::ocr
