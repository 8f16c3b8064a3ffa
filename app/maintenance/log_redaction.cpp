#include "log_redaction.h"

#include "cid.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>

namespace kiosk::maintenance {

QString redactLogLine(const QString& line) {
    // Thai block U+0E00..U+0E7F, with the spaces between Thai words, so a
    // full name or address becomes one mark.
    static const QRegularExpression thai(
        QStringLiteral("[\\x{0E00}-\\x{0E7F}]+(?:\\s+[\\x{0E00}-\\x{0E7F}]+)*"));
    static const QRegularExpression email(
        QStringLiteral("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"));
    // Digit runs with optional separators; 9+ digits. Masked CIDs
    // (1-1017-xxxxx-xx-5) and timestamps (dashes and colons between short
    // groups) stay apart because the x's and colons break the run.
    static const QRegularExpression digits(
        QStringLiteral("(?<![\\d-])\\d(?:[ -]?\\d){8,}(?![\\d-])"));
    QString out = cid::maskInText(line);
    out.replace(thai, QStringLiteral("[th]"));
    out.replace(email, QStringLiteral("[email]"));
    out.replace(digits, QStringLiteral("[number]"));
    return out;
}

LogLine parseLogLine(const QString& line) {
    // "2026-11-23T09:12:03.123Z I kiosk.ui.session: message"
    static const QRegularExpression re(
        QStringLiteral("^(\\d{4}-\\d{2}-\\d{2}T(\\d{2}:\\d{2}:\\d{2})[.\\d]*Z?) ([DIWEF]) (.*)$"));
    const auto m = re.match(line);
    if (!m.hasMatch()) {
        return {QString(), QString(), redactLogLine(line)};
    }
    return {m.captured(2), m.captured(3), redactLogLine(m.captured(4))};
}

QJsonObject redactedLogBundle(const QString& kioskId, const QStringList& lines) {
    QJsonArray out;
    for (const QString& l : lines) {
        // The timestamp is kept whole in the bundle (an operator compares kiosks).
        const QString stamp = l.section(QLatin1Char(' '), 0, 0);
        const bool stamped = stamp.size() >= 20 && stamp.at(10) == QLatin1Char('T');
        out.append(stamped
                       ? stamp + QLatin1Char(' ') + redactLogLine(l.section(QLatin1Char(' '), 1))
                       : redactLogLine(l));
    }
    return {{QStringLiteral("format"), QStringLiteral("smart-kiosk-logs-1")},
            {QStringLiteral("kiosk"), kioskId},
            {QStringLiteral("created_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
            {QStringLiteral("redacted"), true},
            {QStringLiteral("lines"), out}};
}

}  // namespace kiosk::maintenance
