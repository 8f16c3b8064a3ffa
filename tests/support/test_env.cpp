#include "test_env.h"

#include <QDir>

namespace kiosk::test {

QString sourceDir() {
    return QStringLiteral(KIOSK_SOURCE_DIR);
}

QString binDir() {
    return QStringLiteral(KIOSK_BUILD_BIN_DIR);
}

QString program(const QString& name) {
    return binDir() + QLatin1Char('/') + name;
}

QString sharedDataDir() {
    return qEnvironmentVariable("KIOSK_SHARED_DATA", QStringLiteral(KIOSK_SHARED_DATA_DIR));
}

QString artifactsDir(const QString& suite) {
    const QString dir = QStringLiteral(KIOSK_ARTIFACTS_DIR) + QLatin1Char('/') + suite;
    QDir().mkpath(dir);
    return dir;
}

}  // namespace kiosk::test
