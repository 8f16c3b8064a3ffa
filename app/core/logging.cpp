#include "logging.h"

#include "cid.h"

#include <QDateTime>
#include <QMutex>
#include <QStringList>
#include <algorithm>
#include <cstdio>
#include <deque>

Q_LOGGING_CATEGORY(lcCoreConfig, "kiosk.core.config")
Q_LOGGING_CATEGORY(lcCoreLog, "kiosk.core.log")

namespace kiosk::logging {

namespace {

QMutex g_recentMutex;
std::deque<QString>& recent() {
    static std::deque<QString> lines;
    return lines;
}

char levelLetter(QtMsgType type) {
    switch (type) {
        case QtDebugMsg:
            return 'D';
        case QtInfoMsg:
            return 'I';
        case QtWarningMsg:
            return 'W';
        case QtCriticalMsg:
            return 'E';
        case QtFatalMsg:
            return 'F';
    }
    return '?';
}

void handler(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    static QMutex mutex;
    const QString text = formatLine(type, context.category, message);
    keepLine(text);
    const QByteArray line = text.toUtf8();
    QMutexLocker lock(&mutex);
    std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stderr);
    std::fputc('\n', stderr);
    std::fflush(stderr);
}

}  // namespace

QString formatLine(QtMsgType type, const char* category, const QString& message) {
    const QString time = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    const QString cat =
        category && *category ? QString::fromLatin1(category) : QStringLiteral("default");
    return QStringLiteral("%1 %2 %3: %4")
        .arg(time, QChar::fromLatin1(levelLetter(type)), cat, cid::maskInText(message));
}

QString filterRules(const Options& options) {
    QString rules = options.traces ? QStringLiteral("kiosk.*.debug=true\n")
                                   : QStringLiteral("kiosk.*.debug=false\n");
    // Third-party categories stay quiet below warnings unless a rule says otherwise.
    rules += QStringLiteral("qt.*.debug=false\n");
    rules += options.rules;
    return rules;
}

void keepLine(const QString& line) {
    QMutexLocker lock(&g_recentMutex);
    recent().push_back(line);
    while (recent().size() > static_cast<size_t>(kRecentLines)) {
        recent().pop_front();
    }
}

QStringList recentLines(int max) {
    QMutexLocker lock(&g_recentMutex);
    const auto n = std::min(recent().size(), static_cast<size_t>(std::max(0, max)));
    QStringList out;
    out.reserve(static_cast<qsizetype>(n));
    for (auto it = recent().end() - static_cast<std::ptrdiff_t>(n); it != recent().end(); ++it) {
        out << *it;
    }
    return out;
}

void install(const Options& options) {
    qInstallMessageHandler(handler);
    QLoggingCategory::setFilterRules(filterRules(options));
}

}  // namespace kiosk::logging
