#include "tis620.h"

namespace kiosk::card::tis620 {

namespace {
// TIS-620 places Thai at a fixed offset from Unicode's Thai block.
constexpr char16_t kOffset = 0x0E01 - 0xA1;  // 0x0D60
}  // namespace

bool isUndefined(unsigned char b) {
    return (b >= 0x80 && b <= 0xA0) || (b >= 0xDB && b <= 0xDE) || b >= 0xFC;
}

QString decode(QByteArrayView bytes) {
    QString out(bytes.size(), Qt::Uninitialized);
    QChar* p = out.data();
    for (const char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        if (b < 0x80) {
            *p++ = QChar(static_cast<char16_t>(b));
        } else if (isUndefined(b)) {
            *p++ = QChar::ReplacementCharacter;
        } else {
            *p++ = QChar(static_cast<char16_t>(b + kOffset));
        }
    }
    return out;
}

std::optional<QByteArray> encode(QStringView text) {
    QByteArray out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x80) {
            out.append(static_cast<char>(u));
            continue;
        }
        if (u < 0x0E01 || u > 0x0E5B) {
            return std::nullopt;
        }
        const int b = u - kOffset;
        if (isUndefined(static_cast<unsigned char>(b))) {
            return std::nullopt;  // U+0E3B-U+0E3E are unassigned
        }
        out.append(static_cast<char>(b));
    }
    return out;
}

}  // namespace kiosk::card::tis620
