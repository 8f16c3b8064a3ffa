// One message handler for the whole kiosk: timestamps, category, level, and
// CID masking applied to every message as a last line of defence.
#pragma once

#include <QLoggingCategory>
#include <QString>
#include <QStringList>

Q_DECLARE_LOGGING_CATEGORY(lcCoreConfig)  // kiosk.core.config
Q_DECLARE_LOGGING_CATEGORY(lcCoreLog)     // kiosk.core.log

namespace kiosk::logging {

struct Options {
    // Debug-level messages ("traces") of kiosk.* categories are off unless asked for.
    bool traces = false;
    // Extra QLoggingCategory filter rules, one per line (e.g. "kiosk.drivers.*.debug=true").
    QString rules;
};

// Installs the handler and the filter rules. Safe to call again (rules are replaced).
void install(const Options& options);

// The line the handler writes, without the trailing newline. Exposed for tests.
QString formatLine(QtMsgType type, const char* category, const QString& message);

// The filter rules `install` applies, exposed for tests.
QString filterRules(const Options& options);

// The last lines the handler wrote (oldest first, at most `max`), already
// CID-masked: what the maintenance menu and a fleet log upload read, after
// redacting them again. Thread-safe. The buffer keeps kRecentLines lines.
inline constexpr int kRecentLines = 2000;
QStringList recentLines(int max = kRecentLines);
// Appends a line as the handler does (for tests of the readers).
void keepLine(const QString& line);

}  // namespace kiosk::logging
