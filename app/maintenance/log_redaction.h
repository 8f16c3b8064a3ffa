// Redaction of the kiosk's log lines before anyone outside the process sees
// them (the maintenance menu's log page, a fleet log upload). The log handler
// already masks CIDs; this is the second line of defence and also removes
// what could name or locate a citizen: Thai-script text (kiosk logs are
// English by convention, so Thai text in a log is a name, an address or
// something the citizen typed), e-mail addresses and long digit runs (phone
// and account numbers).
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace kiosk::maintenance {

// One line with CIDs masked (1-1017-xxxxx-xx-5), Thai text as "[th]", e-mail
// addresses as "[email]" and other runs of 9 or more digits as "[number]".
QString redactLogLine(const QString& line);

struct LogLine {
    QString time;   // "09:12:03" (UTC), or "" when the line has no timestamp
    QString level;  // D I W E F, or ""
    QString text;   // category and message, redacted
};
// Splits a line the kiosk's log handler wrote and redacts it.
LogLine parseLogLine(const QString& line);

// The redacted bundle a fleet upload sends: {"format": "smart-kiosk-logs-1",
// "kiosk", "created_at", "lines": [...], "redacted": true}.
QJsonObject redactedLogBundle(const QString& kioskId, const QStringList& lines);

}  // namespace kiosk::maintenance
