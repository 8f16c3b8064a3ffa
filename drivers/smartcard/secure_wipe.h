// Overwrites personal data in memory before it is released.
//
// Qt containers are implicitly shared: a buffer still referenced elsewhere is
// not ours to overwrite (that copy's owner wipes it), so these only clear our
// reference then. Buffers we own alone are zeroed in place.
#pragma once

#include <QByteArray>
#include <QString>

namespace kiosk::card {

// Zeroes the bytes in place when no one else shares the buffer (size kept).
void zeroize(QByteArray& bytes);
void zeroize(QString& text);
// zeroize() then release.
void secureWipe(QByteArray& bytes);
void secureWipe(QString& text);

}  // namespace kiosk::card
