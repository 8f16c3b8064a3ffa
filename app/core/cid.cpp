#include "cid.h"

#include <QRegularExpression>

namespace kiosk::cid {

namespace {

constexpr char16_t kThaiZero = u'\u0E50';
constexpr char16_t kThaiNine = u'\u0E59';

std::optional<int> digitValue(QChar c) {
    if (c >= u'0' && c <= u'9') {
        return c.unicode() - u'0';
    }
    if (c.unicode() >= kThaiZero && c.unicode() <= kThaiNine) {
        return c.unicode() - kThaiZero;
    }
    return std::nullopt;
}

}  // namespace

QString normalize(QStringView text) {
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        if (auto d = digitValue(c)) {
            out.append(QChar(u'0' + *d));
        }
    }
    return out;
}

std::optional<int> checkDigit(QStringView first12) {
    if (first12.size() != 12) {
        return std::nullopt;
    }
    int sum = 0;
    for (int i = 0; i < 12; ++i) {
        const QChar c = first12[i];
        if (c < u'0' || c > u'9') {
            return std::nullopt;
        }
        sum += (c.unicode() - u'0') * (13 - i);
    }
    return (11 - sum % 11) % 10;
}

bool isValid(QStringView cid) {
    // Only separators may be dropped: letters inside a CID make it invalid.
    for (QChar c : cid) {
        if (!digitValue(c) && c != u'-' && c != u' ') {
            return false;
        }
    }
    const QString digits = normalize(cid);
    if (digits.size() != 13) {
        return false;
    }
    const auto expected = checkDigit(QStringView(digits).first(12));
    return expected && *expected == digits.back().unicode() - u'0';
}

QString mask(QStringView cid) {
    const QString d = normalize(cid);
    if (d.size() != 13) {
        return QStringLiteral("x-xxxx-xxxxx-xx-x");
    }
    return QStringLiteral("%1-%2-xxxxx-xx-%3").arg(d.first(1), d.mid(1, 4), d.last(1));
}

QString maskInText(const QString& text) {
    // Cheap pre-check: most log lines have no long digit runs.
    int run = 0;
    int longest = 0;
    for (QChar c : text) {
        run = digitValue(c) ? run + 1 : (c == u'-' || c == u' ') ? run : 0;
        longest = std::max(longest, run);
    }
    if (longest < 13) {
        return text;
    }
    static const QRegularExpression re(
        QStringLiteral("(?<![0-9\\x{0E50}-\\x{0E59}])"
                       "([0-9\\x{0E50}-\\x{0E59}])[- ]?([0-9\\x{0E50}-\\x{0E59}]{4})[- ]?"
                       "[0-9\\x{0E50}-\\x{0E59}]{5}[- ]?[0-9\\x{0E50}-\\x{0E59}]{2}[- ]?"
                       "([0-9\\x{0E50}-\\x{0E59}])"
                       "(?![0-9\\x{0E50}-\\x{0E59}])"));
    QString out;
    out.reserve(text.size());
    qsizetype last = 0;
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        out.append(QStringView(text).mid(last, m.capturedStart() - last));
        out.append(mask(m.captured(0)));
        last = m.capturedEnd();
    }
    out.append(QStringView(text).mid(last));
    return out;
}

}  // namespace kiosk::cid
