// Thai national identification numbers (CID): check digit and masking.
#pragma once

#include <QString>
#include <QStringView>
#include <optional>

namespace kiosk::cid {

// Digits only, separators (dashes, spaces) removed; Thai digits mapped to ASCII.
QString normalize(QStringView text);

// The mod-11 check digit for the first 12 digits, or nullopt if `first12` is
// not exactly 12 ASCII digits.
std::optional<int> checkDigit(QStringView first12);

// True when `cid` (after normalize) is 13 digits with a correct check digit.
bool isValid(QStringView cid);

// "1-1017-xxxxx-xx-5": the first five digits and the check digit stay, so a
// technician can tell two citizens apart in a log without learning who they are.
// Anything that is not 13 digits is masked completely.
QString mask(QStringView cid);

// Masks every 13-digit run (with or without the usual 1-4-5-2-1 separators) in
// free text. The log message handler runs every message through this.
QString maskInText(const QString& text);

}  // namespace kiosk::cid
