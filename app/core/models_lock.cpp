#include "models_lock.h"

#include <QFile>
#include <QFileInfo>

namespace kiosk {

Result<QList<ModelPackage>, QString> readModelsLock(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return fail(QStringLiteral("%1: %2").arg(path, f.errorString()));
    }
    QList<ModelPackage> packages;
    int lineNo = 0;
    while (!f.atEnd()) {
        ++lineNo;
        const QString line = QString::fromUtf8(f.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) {
            continue;
        }
        const QStringList cols = line.split(QLatin1Char('\t'));
        if (cols.size() != 5 || !cols[2].startsWith(QLatin1String("sha512-")) ||
            cols[4].isEmpty()) {
            return fail(
                QStringLiteral("%1:%2: want package, version, sha512 integrity, licence, files")
                    .arg(path)
                    .arg(lineNo));
        }
        ModelPackage p{cols[0], cols[1], cols[2], cols[3], {}};
        for (const QString& file : cols[4].split(QLatin1Char(','))) {
            p.files << QFileInfo(file).fileName();
        }
        packages << p;
    }
    if (packages.isEmpty()) {
        return fail(QStringLiteral("%1: lists no model").arg(path));
    }
    return packages;
}

}  // namespace kiosk
