// Overwrites personal data and keys in memory before they are released.
//
// Qt containers are implicitly shared: a buffer still referenced elsewhere is
// not ours to overwrite (that copy's owner wipes it), so these only clear our
// reference then. Buffers we own alone are zeroed in place.
#pragma once

#include <QByteArray>
#include <QString>
#include <cstddef>

namespace kiosk {

// Overwrites raw memory (keys, key material) in a way the compiler may not
// optimize away.
void secureWipe(void* data, std::size_t size);

// Zeroes the bytes in place when no one else shares the buffer (size kept).
void zeroize(QByteArray& bytes);
void zeroize(QString& text);
// zeroize() then release.
void secureWipe(QByteArray& bytes);
void secureWipe(QString& text);

}  // namespace kiosk
