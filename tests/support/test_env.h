// Where tests find the source tree, the built programs, the shared test
// data and the folder for artifacts (screenshots, logs).
#pragma once

#include <QString>

namespace kiosk::test {

QString sourceDir();
QString binDir();
QString program(const QString& name);  // binDir()/name
QString sharedDataDir();
// A per-suite artifacts folder, created on demand.
QString artifactsDir(const QString& suite);

}  // namespace kiosk::test
