#include "cross_check.h"

#include "cid.h"

#include <QJsonArray>

namespace kiosk::ocr {

namespace {

QString thaiKey(const PersonName& n) {
    return normalizeThai(canonicalThaiPrefix(n.prefix) + n.first + n.middle + n.last);
}

QString englishKey(const PersonName& n) {
    return normalizeEnglish(canonicalEnglishPrefix(n.prefix) + n.first + n.middle + n.last);
}

FieldCheck compareNames(const QString& field, const QString& printed, const QString& chip,
                        const CrossCheckOptions& o) {
    FieldCheck c{field, CheckStatus::NotChecked, {}};
    if (chip.isEmpty()) {
        c.reason = QStringLiteral("chip has no such name");
        return c;
    }
    if (printed.isEmpty()) {
        c.status = CheckStatus::Unreadable;
        c.reason = QStringLiteral("name not read");
        return c;
    }
    const int d = editDistance(chip, printed);
    const double cer = double(d) / double(chip.size());
    if (d == 0) {
        c.status = CheckStatus::Match;
    } else if (cer <= o.maxNameCer) {
        c.status = CheckStatus::Approximate;
        c.reason = QStringLiteral("%1 character(s) differ, within OCR noise").arg(d);
    } else {
        c.status = CheckStatus::Differs;
        c.reason = QStringLiteral("%1 of %2 characters differ").arg(d).arg(chip.size());
    }
    return c;
}

FieldCheck compareDates(const QString& field, const std::optional<CardDate>& printed,
                        const CardDate& chip) {
    FieldCheck c{field, CheckStatus::NotChecked, {}};
    if (chip.year == 0) {
        c.reason = QStringLiteral("chip has no date");
        return c;
    }
    if (!printed) {
        c.status = CheckStatus::Unreadable;
        c.reason = QStringLiteral("date not read");
        return c;
    }
    // A partial chip date (unknown month or day) is compared as far as it goes.
    const bool same = printed->year == chip.year &&
                      (chip.month == 0 || printed->month == chip.month) &&
                      (chip.day == 0 || printed->day == chip.day);
    c.status = same ? CheckStatus::Match : CheckStatus::Differs;
    if (!same) {
        c.reason = printed->year != chip.year     ? QStringLiteral("year differs")
                   : printed->month != chip.month ? QStringLiteral("month differs")
                                                  : QStringLiteral("day differs");
    }
    return c;
}

}  // namespace

QString checkStatusName(CheckStatus s) {
    switch (s) {
        case CheckStatus::Match:
            return QStringLiteral("match");
        case CheckStatus::Approximate:
            return QStringLiteral("approximate");
        case CheckStatus::Differs:
            return QStringLiteral("differs");
        case CheckStatus::Unreadable:
            return QStringLiteral("unreadable");
        case CheckStatus::NotChecked:
            break;
    }
    return QStringLiteral("not_checked");
}

bool CrossCheckReport::consistent() const {
    return mismatches().isEmpty();
}

QList<FieldCheck> CrossCheckReport::mismatches() const {
    QList<FieldCheck> out;
    for (const FieldCheck& c : checks) {
        if (c.status == CheckStatus::Differs) {
            out << c;
        }
    }
    return out;
}

QJsonObject CrossCheckReport::toJson() const {
    QJsonArray arr;
    for (const FieldCheck& c : checks) {
        arr.append(QJsonObject{{QStringLiteral("field"), c.field},
                               {QStringLiteral("status"), checkStatusName(c.status)},
                               {QStringLiteral("reason"), c.reason}});
    }
    return QJsonObject{{QStringLiteral("consistent"), consistent()},
                       {QStringLiteral("checks"), arr}};
}

CrossCheckReport crossCheck(const std::optional<FrontFields>& front,
                            const std::optional<BackFields>& back, const card::CardData& chip,
                            const CrossCheckOptions& options) {
    CrossCheckReport report;
    if (front) {
        FieldCheck c{QStringLiteral("cid"), CheckStatus::NotChecked, {}};
        if (front->cid.isEmpty()) {
            c.status = CheckStatus::Unreadable;
            c.reason = QStringLiteral("CID not read");
        } else if (!front->cidValid) {
            // The chip's CID always passes; a printed one that fails is either
            // misread or forged: a retry settles which.
            c.status = front->cid == chip.cid ? CheckStatus::Differs : CheckStatus::Unreadable;
            c.reason = QStringLiteral("printed CID fails its check digit");
        } else if (front->cid != chip.cid) {
            int n = 0;
            for (qsizetype i = 0; i < std::min(front->cid.size(), chip.cid.size()); ++i) {
                n += front->cid[i] != chip.cid[i] ? 1 : 0;
            }
            c.status = CheckStatus::Differs;
            c.reason = QStringLiteral("%1 of 13 digits differ").arg(n);
        } else {
            c.status = CheckStatus::Match;
        }
        report.checks << c;
        report.checks << compareNames(QStringLiteral("name_th"), thaiKey(front->nameTh),
                                      thaiKey(chip.nameTh), options);
        report.checks << compareNames(QStringLiteral("name_en"), englishKey(front->nameEn),
                                      englishKey(chip.nameEn), options);
        report.checks << compareDates(QStringLiteral("birth_date"), front->birthDate,
                                      chip.birthDate);
        if (chip.expiryLifelong || front->lifelong) {
            const bool same = chip.expiryLifelong == front->lifelong;
            report.checks << FieldCheck{QStringLiteral("expiry_date"),
                                        same ? CheckStatus::Match : CheckStatus::Differs,
                                        same ? QString() : QStringLiteral("lifelong on one only")};
        } else {
            report.checks << compareDates(QStringLiteral("expiry_date"), front->expiryDate,
                                          chip.expiryDate);
        }
    }
    if (back) {
        FieldCheck c{QStringLiteral("laser_code"), CheckStatus::NotChecked, {}};
        QString chipCode = chip.laserCode;
        chipCode.remove(QLatin1Char('-'));
        if (chipCode.isEmpty()) {
            c.reason = QStringLiteral("chip does not expose the laser code");
        } else if (back->laserCode.isEmpty()) {
            c.status = CheckStatus::Unreadable;
            c.reason = QStringLiteral("laser code not read");
        } else if (back->laserCode == chipCode) {
            c.status = CheckStatus::Match;
        } else {
            c.status = CheckStatus::Differs;
            c.reason = QStringLiteral("laser code differs");
        }
        report.checks << c;
    }
    return report;
}

}  // namespace kiosk::ocr
