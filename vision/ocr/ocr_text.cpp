#include "ocr_text.h"

#include "cid.h"

#include <QDate>
#include <QRegularExpression>
#include <QStringList>
#include <algorithm>
#include <array>
#include <optional>
#include <vector>

namespace kiosk::ocr {

namespace {

constexpr int kBeOffset = 543;
constexpr int kMinCeYear = 1850;
constexpr int kMaxCeYear = 2200;

struct ThaiMonth {
    const char16_t* abbrev;  // without dots, as compared
    const char16_t* full;
};
// ม.ค. ก.พ. มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย. ต.ค. พ.ย. ธ.ค.
constexpr std::array<ThaiMonth, 12> kThaiMonths{{
    {u"มค", u"มกราคม"},
    {u"กพ", u"กุมภาพันธ์"},
    {u"มีค", u"มีนาคม"},
    {u"เมย", u"เมษายน"},
    {u"พค", u"พฤษภาคม"},
    {u"มิย", u"มิถุนายน"},
    {u"กค", u"กรกฎาคม"},
    {u"สค", u"สิงหาคม"},
    {u"กย", u"กันยายน"},
    {u"ตค", u"ตุลาคม"},
    {u"พย", u"พฤศจิกายน"},
    {u"ธค", u"ธันวาคม"},
}};

constexpr std::array<const char*, 12> kEnglishMonths{"jan", "feb", "mar", "apr", "may", "jun",
                                                     "jul", "aug", "sep", "oct", "nov", "dec"};

bool isDigit(QChar c) {
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

Result<CardDate, QString> makeDate(int year, int month, int day) {
    if (year < kMinCeYear || year > kMaxCeYear) {
        return fail(QStringLiteral("year out of range"));
    }
    if (!QDate::isValid(year, month, day)) {
        return fail(QStringLiteral("no such day"));
    }
    return CardDate{year, month, day};
}

// Splits "15 ม.ค. 2530" into day digits, the text between, and year digits.
struct DateParts {
    int day = -1;
    int year = -1;
    QString middle;
};

std::optional<DateParts> splitDate(const QString& text) {
    static const QRegularExpression re(
        QStringLiteral("(\\d{1,2})[\\s.,]*([^\\d]+?)[\\s.,]*(\\d{4})"));
    const auto m = re.match(text);
    if (!m.hasMatch()) {
        return std::nullopt;
    }
    DateParts p;
    p.day = m.captured(1).toInt();
    p.year = m.captured(3).toInt();
    p.middle = m.captured(2);
    return p;
}

QString stripForMonth(QStringView s) {
    QString out;
    for (QChar c : s) {
        if (!c.isSpace() && c != QLatin1Char('.') && c != QLatin1Char(',')) {
            out += c;
        }
    }
    return out;
}

int thaiMonth(const QString& token) {
    if (token.isEmpty()) {
        return 0;
    }
    for (size_t i = 0; i < kThaiMonths.size(); ++i) {
        if (token == QStringView(kThaiMonths[i].abbrev) ||
            token == QStringView(kThaiMonths[i].full)) {
            return int(i) + 1;
        }
    }
    // One OCR slip is tolerated only when it points at a single month.
    int best = 0;
    int bestDist = 2;
    bool tie = false;
    for (size_t i = 0; i < kThaiMonths.size(); ++i) {
        const int d = std::min(editDistance(token, QStringView(kThaiMonths[i].abbrev)),
                               editDistance(token, QStringView(kThaiMonths[i].full)));
        if (d < bestDist) {
            bestDist = d;
            best = int(i) + 1;
            tie = false;
        } else if (d == bestDist) {
            tie = true;
        }
    }
    return (bestDist <= 1 && !tie) ? best : 0;
}

// Letter-looking digits and digit-looking letters, for fields whose position
// tells which kind of character it must be.
QChar asDigit(QChar c) {
    switch (c.toUpper().unicode()) {
        case 'O':
        case 'D':
        case 'Q':
            return QLatin1Char('0');
        case 'I':
        case 'L':
        case '|':
        case 'J':
            return QLatin1Char('1');
        case 'Z':
            return QLatin1Char('2');
        case 'S':
            return QLatin1Char('5');
        case 'G':
            return QLatin1Char('6');
        case 'T':
            return QLatin1Char('7');
        case 'B':
            return QLatin1Char('8');
        default:
            return c;
    }
}

QChar asLetter(QChar c) {
    switch (c.unicode()) {
        case '0':
            return QLatin1Char('O');
        case '1':
            return QLatin1Char('I');
        case '2':
            return QLatin1Char('Z');
        case '5':
            return QLatin1Char('S');
        case '6':
            return QLatin1Char('G');
        case '7':
            return QLatin1Char('T');
        case '8':
            return QLatin1Char('B');
        default:
            return c.toUpper();
    }
}

bool isAsciiUpper(QChar c) {
    return c >= QLatin1Char('A') && c <= QLatin1Char('Z');
}

struct Prefix {
    const char16_t* text;
    const char16_t* canonical;
};
// Longest first so "นางสาว" wins over "นาง".
constexpr std::array<Prefix, 8> kThaiPrefixes{{
    {u"เด็กหญิง", u"เด็กหญิง"},
    {u"เด็กชาย", u"เด็กชาย"},
    {u"นางสาว", u"นางสาว"},
    {u"น.ส.", u"นางสาว"},
    {u"ด.ญ.", u"เด็กหญิง"},
    {u"ด.ช.", u"เด็กชาย"},
    {u"นาง", u"นาง"},
    {u"นาย", u"นาย"},
}};

QStringList words(QStringView line) {
    return line.toString().simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

}  // namespace

QString asciiDigits(QStringView text) {
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        if (c.unicode() >= 0x0E50 && c.unicode() <= 0x0E59) {
            out += QChar(u'0' + (c.unicode() - 0x0E50));
        } else {
            out += c;
        }
    }
    return out;
}

Result<CidText, QString> findCid(QStringView text) {
    // Digits with the index of the printed group each belongs to (groups are
    // split by anything that is not a digit).
    const QString ascii = asciiDigits(text);
    QString digits;
    QList<int> groupOf;
    int group = 0;
    bool inGroup = false;
    for (QChar c : ascii) {
        if (c >= u'0' && c <= u'9') {
            digits.append(c);
            groupOf.append(group);
            inGroup = true;
        } else if (inGroup) {
            ++group;
            inGroup = false;
        }
    }
    if (digits.size() < 13) {
        return fail(QStringLiteral("fewer than 13 digits"));
    }
    // A stray digit (the edge of the label beside the number, a speck) can
    // make two windows pass the check digit, one time in ten. The card prints
    // the CID in groups of 1-4-5-2-1: the window that starts and ends on group
    // boundaries and splits into those groups is the printed number; failing
    // that, the rightmost valid window (the label sits on the left).
    const auto printedGroups = [&](qsizetype start) {
        const qsizetype end = start + 13;
        if ((start > 0 && groupOf[start - 1] == groupOf[start]) ||
            (end < digits.size() && groupOf[end - 1] == groupOf[end])) {
            return false;
        }
        QList<int> sizes;
        for (qsizetype i = start; i < end; ++i) {
            if (i == start || groupOf[i] != groupOf[i - 1]) {
                sizes.append(0);
            }
            ++sizes.back();
        }
        return sizes == QList<int>{1, 4, 5, 2, 1};
    };
    std::optional<qsizetype> rightmost;
    for (qsizetype i = 0; i + 13 <= digits.size(); ++i) {
        if (!cid::isValid(digits.mid(i, 13))) {
            continue;
        }
        if (printedGroups(i)) {
            return CidText{digits.mid(i, 13), true};
        }
        rightmost = i;
    }
    if (rightmost) {
        return CidText{digits.mid(*rightmost, 13), false};
    }
    if (digits.size() == 13) {
        return CidText{digits, printedGroups(0)};
    }
    return fail(QStringLiteral("more than 13 digits and no valid window"));
}

Result<QString, QString> extractCid(QStringView text) {
    auto found = findCid(text);
    if (!found) {
        return fail(found.error());
    }
    return found->cid;
}

Result<CardDate, QString> parseThaiDate(QStringView text) {
    const auto parts = splitDate(asciiDigits(text));
    if (!parts) {
        return fail(QStringLiteral("not a day, month and year"));
    }
    const int month = thaiMonth(stripForMonth(parts->middle));
    if (month == 0) {
        return fail(QStringLiteral("unknown Thai month"));
    }
    return makeDate(parts->year - kBeOffset, month, parts->day);
}

Result<CardDate, QString> parseEnglishDate(QStringView text) {
    const auto parts = splitDate(asciiDigits(text));
    if (!parts) {
        return fail(QStringLiteral("not a day, month and year"));
    }
    const QString token = stripForMonth(parts->middle).toLower();
    if (token.size() < 3) {
        return fail(QStringLiteral("unknown English month"));
    }
    for (size_t i = 0; i < kEnglishMonths.size(); ++i) {
        if (token.startsWith(QLatin1String(kEnglishMonths[i]))) {
            return makeDate(parts->year, int(i) + 1, parts->day);
        }
    }
    return fail(QStringLiteral("unknown English month"));
}

bool isLifelong(QStringView text) {
    const QString s = stripForMonth(text).toLower();
    return s.contains(u"ตลอดชีพ") || s.contains(QLatin1String("lifelong"));
}

bool isValidLaserCode(QStringView code) {
    if (code.size() != 12 || !isAsciiUpper(code[0]) || !isAsciiUpper(code[1])) {
        return false;
    }
    return std::all_of(code.begin() + 2, code.end(), isDigit);
}

Result<QString, QString> parseLaserCode(QStringView text) {
    QString compact;
    for (QChar c : text) {
        if (c.isLetterOrNumber() || c == QLatin1Char('|')) {
            compact += c;
        }
    }
    compact = asciiDigits(compact);
    if (compact.size() < 12) {
        return fail(QStringLiteral("fewer than 12 characters"));
    }
    // Prefer a window that needs no substitution, then the first that fits.
    std::optional<QString> repaired;
    for (qsizetype i = 0; i + 12 <= compact.size(); ++i) {
        const QStringView w = QStringView(compact).mid(i, 12);
        if (isValidLaserCode(w)) {
            return w.toString();
        }
        if (!repaired) {
            QString fixed;
            fixed += asLetter(w[0]);
            fixed += asLetter(w[1]);
            for (qsizetype k = 2; k < 12; ++k) {
                fixed += asDigit(w[k]);
            }
            if (isValidLaserCode(fixed)) {
                repaired = fixed;
            }
        }
    }
    if (repaired) {
        return *repaired;
    }
    return fail(QStringLiteral("not 2 letters and 10 digits"));
}

QString formatLaserCode(QStringView code) {
    if (!isValidLaserCode(code)) {
        return code.toString();
    }
    return code.first(3).toString() + QLatin1Char('-') + code.mid(3, 7).toString() +
           QLatin1Char('-') + code.mid(10, 2).toString();
}

QString canonicalThaiPrefix(QStringView prefix) {
    const QString p = prefix.toString().simplified().remove(QLatin1Char(' '));
    for (const Prefix& k : kThaiPrefixes) {
        if (p == QStringView(k.text)) {
            return QString::fromUtf16(k.canonical);
        }
    }
    return p;
}

QString canonicalEnglishPrefix(QStringView prefix) {
    QString p = prefix.toString().toLower();
    p.remove(QLatin1Char('.')).remove(QLatin1Char(' '));
    if (p == QLatin1String("mr")) {
        return QStringLiteral("Mr.");
    }
    if (p == QLatin1String("mrs")) {
        return QStringLiteral("Mrs.");
    }
    if (p == QLatin1String("ms")) {
        return QStringLiteral("Ms.");
    }
    if (p == QLatin1String("miss")) {
        return QStringLiteral("Miss");
    }
    if (p == QLatin1String("master")) {
        return QStringLiteral("Master");
    }
    return prefix.toString();
}

QString repairThaiMarks(QStringView text) {
    QString s = text.toString();
    // A lone NIKHAHIT (not SARA AM's first half) in a name is THANTHAKHAT misread.
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s[i].unicode() == 0x0E4D && (i + 1 >= s.size() || s[i + 1].unicode() != 0x0E32)) {
            s[i] = QChar(0x0E4C);
        }
    }
    // SARA AI MAIMALAI is spelt in a closed list of about twenty words; the
    // recogniser reads it as SARA AI MALAI. "ไจ" is no Thai syllable while "ใจ"
    // (heart) is in many names (ใจดี, ดวงใจ), so that one is safe to repair.
    s.replace(QStringLiteral("\u0E44\u0E08"), QStringLiteral("\u0E43\u0E08"));
    // Two upper vowels cannot sit on one consonant: keep the second ("ิ็" -> "็").
    auto isUpperVowel = [](QChar c) {
        const char16_t u = c.unicode();
        return u == 0x0E31 || (u >= 0x0E34 && u <= 0x0E37) || u == 0x0E47;
    };
    QString out;
    out.reserve(s.size());
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (isUpperVowel(s[i]) && i + 1 < s.size() && isUpperVowel(s[i + 1])) {
            continue;
        }
        out += s[i];
    }
    return out;
}

PersonName parseThaiName(QStringView line) {
    QString s = repairThaiMarks(line).simplified();
    static const QString label = QStringLiteral("ชื่อตัวและชื่อสกุล");
    if (s.startsWith(label)) {
        s = s.mid(label.size()).trimmed();
    }
    PersonName n;
    // A stray mark before the prefix (a label's tail, a speck) is dropped: the
    // prefix is searched near the start, not only at it.
    qsizetype at = -1;
    const Prefix* found = nullptr;
    for (const Prefix& k : kThaiPrefixes) {
        const qsizetype i = s.indexOf(QStringView(k.text));
        if (i >= 0 && i <= 4 && (at < 0 || i < at)) {
            at = i;
            found = &k;
        }
    }
    if (found) {
        n.prefix = QString::fromUtf16(found->canonical);
        s = s.mid(at + QStringView(found->text).size()).trimmed();
    } else {
        // No prefix: drop leading characters that cannot start a Thai name.
        while (!s.isEmpty() && !(s[0].unicode() >= 0x0E01 && s[0].unicode() <= 0x0E2E) &&
               !(s[0].unicode() >= 0x0E40 && s[0].unicode() <= 0x0E44)) {
            s.remove(0, 1);
        }
        s = s.trimmed();
    }
    const QStringList parts = words(s);
    if (parts.isEmpty()) {
        return n;
    }
    n.first = parts.first();
    if (parts.size() >= 2) {
        n.last = parts.last();
        n.middle = parts.mid(1, parts.size() - 2).join(QLatin1Char(' '));
    }
    return n;
}

PersonName parseEnglishName(QStringView nameLine, QStringView lastNameLine) {
    PersonName n;
    QStringList first = words(nameLine);
    if (!first.isEmpty() &&
        first.first().compare(QLatin1String("name"), Qt::CaseInsensitive) == 0) {
        first.removeFirst();
    }
    // The prefix may follow a fragment of the "Name" label, as a separate word
    // or glued to it ("iMr."): look in the first two words, at their ends.
    static const QStringList known{QStringLiteral("Mr."), QStringLiteral("Mrs."),
                                   QStringLiteral("Ms."), QStringLiteral("Miss"),
                                   QStringLiteral("Master")};
    for (qsizetype w = 0; w < std::min<qsizetype>(2, first.size()); ++w) {
        const QString& word = first[w];
        bool hit = false;
        for (qsizetype cut = 0; cut <= 2 && cut < word.size(); ++cut) {
            const QString canon = canonicalEnglishPrefix(word.mid(cut));
            if (known.contains(canon)) {
                n.prefix = canon;
                first = first.mid(w + 1);
                hit = true;
                break;
            }
        }
        if (hit) {
            break;
        }
    }
    if (!first.isEmpty()) {
        n.first = first.first();
        n.middle = first.mid(1).join(QLatin1Char(' '));
    }
    QStringList last = words(lastNameLine);
    if (last.size() >= 2 && last[0].compare(QLatin1String("last"), Qt::CaseInsensitive) == 0 &&
        last[1].compare(QLatin1String("name"), Qt::CaseInsensitive) == 0) {
        last = last.mid(2);
    }
    n.last = last.join(QLatin1Char(' '));
    return n;
}

QString normalizeThai(QStringView text) {
    QString s = text.toString().normalized(QString::NormalizationForm_C);
    // NIKHAHIT + SARA AA is how OCR and some keyboards spell SARA AM.
    s.replace(QStringLiteral("\u0E4D\u0E32"), QStringLiteral("\u0E33"));
    QString out;
    out.reserve(s.size());
    for (QChar c : s) {
        const char16_t u = c.unicode();
        if (c.isSpace() || u == u'.' || u == 0x200B || u == 0x200C || u == 0x200D || u == 0xFEFF) {
            continue;
        }
        out += c;
    }
    return out;
}

QString normalizeEnglish(QStringView text) {
    QString out;
    for (QChar c : text) {
        if (c.isLetterOrNumber()) {
            out += c.toLower();
        }
    }
    return out;
}

int editDistance(QStringView a, QStringView b) {
    std::vector<int> prev(size_t(b.size()) + 1);
    std::vector<int> cur(size_t(b.size()) + 1);
    for (size_t j = 0; j < prev.size(); ++j) {
        prev[j] = int(j);
    }
    for (qsizetype i = 1; i <= a.size(); ++i) {
        cur[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int sub = prev[size_t(j - 1)] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[size_t(j)] = std::min({prev[size_t(j)] + 1, cur[size_t(j - 1)] + 1, sub});
        }
        std::swap(prev, cur);
    }
    return prev[size_t(b.size())];
}

double characterErrorRate(QStringView reference, QStringView hypothesis) {
    if (reference.isEmpty()) {
        return hypothesis.isEmpty() ? 0.0 : 1.0;
    }
    return double(editDistance(reference, hypothesis)) / double(reference.size());
}

}  // namespace kiosk::ocr
