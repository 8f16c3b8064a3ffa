// kiosk-os/setup/models.lock: the model weights the kiosk uses, pinned by
// npm package, version and tarball integrity. Read by the self-test and tests.
#pragma once

#include "result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace kiosk {

struct ModelPackage {
    QString package;    // npm name, e.g. "@vladmandic/face-api"
    QString version;    // exact version
    QString integrity;  // "sha512-..." of the tarball
    QString licence;
    QStringList files;  // base names, as fetch-models.sh stores them
};

// Tab-separated rows; '#' starts a comment line. A malformed row is an error
// naming its line, never skipped.
Result<QList<ModelPackage>, QString> readModelsLock(const QString& path);

}  // namespace kiosk
