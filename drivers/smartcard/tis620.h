// TIS-620 (Thai Industrial Standard 620-2533), the character set of the Thai
// ID card's text fields. 0x00-0x7F is ASCII; 0xA1-0xDA and 0xDF-0xFB map to
// U+0E01-U+0E3A and U+0E3F-U+0E5B (Thai letters, vowels, tone marks, Thai
// digits ๐-๙ at 0xF0-0xF9). Every other byte is undefined in TIS-620.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>
#include <optional>

namespace kiosk::card::tis620 {

// Undefined bytes become U+FFFD, so a corrupt field stays visible as such.
QString decode(QByteArrayView bytes);

// nullopt when `text` holds a character TIS-620 cannot represent.
std::optional<QByteArray> encode(QStringView text);

// True for the 0x80-0xA0, 0xDB-0xDE and 0xFC-0xFF bytes TIS-620 leaves undefined.
bool isUndefined(unsigned char byte);

}  // namespace kiosk::card::tis620
