#include "demo_challenges.h"

#include <QFile>
#include <QRegularExpression>
#include <algorithm>
#include <optional>

namespace kiosk::journey {

namespace {

// Splits one CSV line with double-quoted fields (no embedded newlines).
QStringList csvFields(const QString& line) {
    QStringList out;
    QString cur;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (c == QLatin1Char('"')) {
            if (quoted && i + 1 < line.size() && line.at(i + 1) == QLatin1Char('"')) {
                cur += c;
                ++i;
            } else {
                quoted = !quoted;
            }
        } else if (c == QLatin1Char(',') && !quoted) {
            out << cur;
            cur.clear();
        } else {
            cur += c;
        }
    }
    out << cur;
    return out;
}

std::optional<vision::Challenge> kindOf(const QString& part) {
    const QString p = part.toLower();
    if (p.contains(QLatin1String("blink"))) {
        return vision::Challenge::Blink;
    }
    if (p.contains(QLatin1String("smil"))) {
        return vision::Challenge::Smile;
    }
    if (p.contains(QLatin1String("turn")) && p.contains(QLatin1String("right"))) {
        return vision::Challenge::TurnRight;
    }
    if (p.contains(QLatin1String("turn")) && p.contains(QLatin1String("left"))) {
        return vision::Challenge::TurnLeft;
    }
    return std::nullopt;
}

}  // namespace

std::vector<AnnotatedAction> parseAnnotatedActions(const QString& actions) {
    static const QRegularExpression range(QStringLiteral("(\\d+(?:\\.\\d+)?)-(\\d+(?:\\.\\d+)?)"));
    static const QRegularExpression instant(QStringLiteral("~\\s*(\\d+(?:\\.\\d+)?)"));
    std::vector<AnnotatedAction> out;
    for (const QString& part : actions.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const auto kind = kindOf(part);
        if (!kind || std::any_of(out.begin(), out.end(),
                                 [&](const AnnotatedAction& a) { return a.challenge == *kind; })) {
            continue;
        }
        // A time range like "1.3-2.4" (angles are written "+25..32"), else "~0.95".
        if (const auto m = range.match(part); m.hasMatch()) {
            out.push_back({*kind, m.captured(1).toDouble(), m.captured(2).toDouble()});
        } else if (const auto i = instant.match(part); i.hasMatch()) {
            out.push_back({*kind, i.captured(1).toDouble(), i.captured(1).toDouble()});
        }
    }
    std::stable_sort(
        out.begin(), out.end(),
        [](const AnnotatedAction& a, const AnnotatedAction& b) { return a.startS < b.startS; });
    return out;
}

Result<std::vector<vision::Challenge>, QString> demoChallenges(const QString& annotationsCsv,
                                                               const QString& clipFileName) {
    QFile f(annotationsCsv);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) {
        return fail(annotationsCsv + QStringLiteral(": cannot read"));
    }
    const QStringList header = csvFields(QString::fromUtf8(f.readLine()).trimmed());
    const qsizetype fileCol = header.indexOf(QStringLiteral("file"));
    const qsizetype actionsCol = header.indexOf(QStringLiteral("actions"));
    if (fileCol < 0 || actionsCol < 0) {
        return fail(annotationsCsv + QStringLiteral(": no file/actions columns"));
    }
    while (!f.atEnd()) {
        const QStringList row = csvFields(QString::fromUtf8(f.readLine()).trimmed());
        if (row.size() <= std::max(fileCol, actionsCol) ||
            !row.at(fileCol).endsWith(QLatin1Char('/') + clipFileName)) {
            continue;
        }
        const auto actions = parseAnnotatedActions(row.at(actionsCol));
        std::vector<vision::Challenge> order;
        for (const AnnotatedAction& a : actions) {
            const bool ambiguous =
                std::any_of(actions.begin(), actions.end(), [&](const AnnotatedAction& b) {
                    return &b != &a && b.startS > a.startS && b.startS < a.endS;
                });
            if (!ambiguous) {
                order.push_back(a.challenge);
            }
        }
        if (order.empty()) {
            return fail(clipFileName + QStringLiteral(": no usable action in the annotations"));
        }
        return order;
    }
    return fail(clipFileName + QStringLiteral(": not in ") + annotationsCsv);
}

}  // namespace kiosk::journey
