// Whether a process listens on a unix stream socket (pcscd's, for example),
// without speaking its protocol.
#pragma once

#include <QString>

namespace kiosk {

bool unixSocketAnswers(const QString& path);

}  // namespace kiosk
