#include "thai_id_fields.h"

#include "secure_wipe.h"
#include "tis620.h"

#include <QStringList>

namespace kiosk::card {

namespace {

bool isPadding(char c) {
    return c == ' ' || c == '\0' || c == '\xFF';
}

QByteArrayView stripPadding(QByteArrayView raw) {
    qsizetype end = raw.size();
    while (end > 0 && isPadding(raw[end - 1])) {
        --end;
    }
    return raw.first(end);
}

QString joinNonEmpty(std::initializer_list<const QString*> parts) {
    QString out;
    for (const QString* p : parts) {
        if (!p->isEmpty()) {
            if (!out.isEmpty()) {
                out += QLatin1Char(' ');
            }
            out += *p;
        }
    }
    return out;
}

int twoDigits(QByteArrayView s, qsizetype at) {
    return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

// Buddhist era = CE + 543; keep to years an ID card can plausibly hold.
constexpr int kBeOffset = 543;
constexpr int kMinBeYear = 2350;
constexpr int kMaxBeYear = 2700;

}  // namespace

QString decodeTextField(QByteArrayView raw) {
    return tis620::decode(stripPadding(raw)).trimmed();
}

QString PersonName::display() const {
    return joinNonEmpty({&prefix, &first, &middle, &last});
}

void PersonName::wipe() {
    secureWipe(prefix);
    secureWipe(first);
    secureWipe(middle);
    secureWipe(last);
}

PersonName parseName(const QString& text) {
    QStringList parts = text.split(QLatin1Char('#'));
    while (parts.size() > 4) {
        const QString extra = parts.takeLast();
        parts.last() += QLatin1Char(' ') + extra;
    }
    PersonName n;
    QString* fields[] = {&n.prefix, &n.first, &n.middle, &n.last};
    for (qsizetype i = 0; i < parts.size(); ++i) {
        *fields[i] = parts[i].simplified();
    }
    return n;
}

QString Address::display() const {
    return joinNonEmpty(
        {&houseNo, &villageNo, &lane, &soi, &road, &subdistrict, &district, &province});
}

void Address::wipe() {
    for (QString* s :
         {&houseNo, &villageNo, &lane, &soi, &road, &subdistrict, &district, &province}) {
        secureWipe(*s);
    }
}

Address parseAddress(const QString& text) {
    QStringList parts = text.split(QLatin1Char('#'));
    while (parts.size() > 8) {
        const QString extra = parts.takeLast();
        parts.last() += QLatin1Char(' ') + extra;
    }
    Address a;
    QString* fields[] = {&a.houseNo, &a.villageNo,   &a.lane,     &a.soi,
                         &a.road,    &a.subdistrict, &a.district, &a.province};
    for (qsizetype i = 0; i < parts.size(); ++i) {
        *fields[i] = parts[i].simplified();
    }
    return a;
}

QString CardDate::toIso() const {
    const QString y = QStringLiteral("%1").arg(year, 4, 10, QLatin1Char('0'));
    if (month == 0) {
        return y;
    }
    const QString ym = y + QStringLiteral("-%1").arg(month, 2, 10, QLatin1Char('0'));
    if (day == 0) {
        return ym;
    }
    return ym + QStringLiteral("-%1").arg(day, 2, 10, QLatin1Char('0'));
}

QString CardDate::toBuddhistYmd() const {
    if (year == 0) {
        return {};
    }
    return QStringLiteral("%1%2%3")
        .arg(year + 543, 4, 10, QLatin1Char('0'))
        .arg(month, 2, 10, QLatin1Char('0'))
        .arg(day, 2, 10, QLatin1Char('0'));
}

QDate CardDate::latestPossible() const {
    if (month == 0) {
        return QDate(year, 12, 31);
    }
    if (day == 0) {
        return QDate(year, month, 1).addMonths(1).addDays(-1);
    }
    return QDate(year, month, day);
}

Result<CardDate, QString> parseBuddhistDate(QByteArrayView raw) {
    const QByteArrayView s = stripPadding(raw);
    if (s.size() != 8) {
        return fail(QStringLiteral("date is %1 characters, expected 8").arg(s.size()));
    }
    for (const char c : s) {
        if (c < '0' || c > '9') {
            return fail(QStringLiteral("date has a non-digit"));
        }
    }
    const int beYear = twoDigits(s, 0) * 100 + twoDigits(s, 2);
    const int month = twoDigits(s, 4);
    const int day = twoDigits(s, 6);
    if (beYear < kMinBeYear || beYear > kMaxBeYear) {
        return fail(QStringLiteral("year %1 BE out of range").arg(beYear));
    }
    if (month > 12) {
        return fail(QStringLiteral("month %1 out of range").arg(month));
    }
    if (month == 0 && day != 0) {
        return fail(QStringLiteral("day given without a month"));
    }
    const CardDate d{beYear - kBeOffset, month, day};
    if (day != 0 && !QDate(d.year, d.month, d.day).isValid()) {
        return fail(QStringLiteral("no such day"));
    }
    return d;
}

Sex parseSex(QByteArrayView raw) {
    const QByteArrayView s = stripPadding(raw);
    if (s.size() == 1 && s[0] == '1') {
        return Sex::Male;
    }
    if (s.size() == 1 && s[0] == '2') {
        return Sex::Female;
    }
    return Sex::Unknown;
}

QString sexName(Sex sex) {
    switch (sex) {
        case Sex::Male:
            return QStringLiteral("male");
        case Sex::Female:
            return QStringLiteral("female");
        case Sex::Unknown:
            break;
    }
    return QStringLiteral("unknown");
}

Result<QString, QString> parseCid(QByteArrayView raw) {
    const QByteArrayView s = stripPadding(raw);
    if (s.size() != 13) {
        return fail(QStringLiteral("CID is %1 characters, expected 13").arg(s.size()));
    }
    for (const char c : s) {
        if (c < '0' || c > '9') {
            return fail(QStringLiteral("CID has a non-digit"));
        }
    }
    return QString::fromLatin1(s);
}

}  // namespace kiosk::card
