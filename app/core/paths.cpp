#include "paths.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace kiosk::paths {

QString configFile(const QString& fromCommandLine) {
    if (!fromCommandLine.isEmpty()) {
        return fromCommandLine;
    }
    if (const QString env = qEnvironmentVariable("KIOSK_CONFIG"); !env.isEmpty()) {
        return env;
    }
    return QStringLiteral("/etc/smart-kiosk/kiosk.json");
}

QString dataDir(const QString& fromCommandLine) {
    if (!fromCommandLine.isEmpty()) {
        return QDir(fromCommandLine).absolutePath();
    }
    if (const QString env = qEnvironmentVariable("KIOSK_DATA_DIR"); !env.isEmpty()) {
        return QDir(env).absolutePath();
    }
    const QFileInfo system(QStringLiteral("/var/lib/smart-kiosk"));
    if (system.isDir() && system.isWritable()) {
        return system.absoluteFilePath();
    }
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/smart-kiosk");
}

QString lastGoodConfig(const QString& dataDir) {
    return dataDir + QStringLiteral("/config/last-good.json");
}

QString modelsDir() {
    if (const QString env = qEnvironmentVariable("KIOSK_MODELS_DIR"); !env.isEmpty()) {
        return QDir(env).absolutePath();
    }
    const QFileInfo system(QStringLiteral("/usr/share/smart-kiosk/models"));
    if (system.isDir()) {
        return system.absoluteFilePath();
    }
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) +
           QStringLiteral("/smart-kiosk/models");
}

QString modelFile(const QString& package, const QString& version, const QString& file) {
    QString folder = package;
    folder.replace(QLatin1Char('/'), QLatin1Char('+'));
    return QStringLiteral("%1/%2@%3/%4").arg(modelsDir(), folder, version, file);
}

QString cardTemplatesDir(const QString& sharedDataDir) {
    if (const QString env = qEnvironmentVariable("KIOSK_CARD_TEMPLATES"); !env.isEmpty()) {
        return QDir(env).absolutePath();
    }
    const QFileInfo system(QStringLiteral("/usr/share/smart-kiosk/cards/templates"));
    if (system.isDir()) {
        return system.absoluteFilePath();
    }
    return QDir(sharedDataDir).filePath(QStringLiteral("cards/templates"));
}

}  // namespace kiosk::paths
