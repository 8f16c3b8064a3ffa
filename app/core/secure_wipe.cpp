#include "secure_wipe.h"

#include <cstring>

namespace kiosk {

void secureWipe(void* data, std::size_t size) {
    if (data && size > 0) {
        // explicit_bzero cannot be optimised away like a memset before free.
        ::explicit_bzero(data, size);
    }
}

void zeroize(QByteArray& bytes) {
    if (!bytes.isEmpty() && bytes.isDetached()) {
        ::explicit_bzero(bytes.data(), static_cast<size_t>(bytes.size()));
    }
}

void zeroize(QString& text) {
    if (!text.isEmpty() && text.isDetached()) {
        ::explicit_bzero(text.data(), static_cast<size_t>(text.size()) * sizeof(QChar));
    }
}

void secureWipe(QByteArray& bytes) {
    zeroize(bytes);
    bytes.clear();
}

void secureWipe(QString& text) {
    zeroize(text);
    text.clear();
}

}  // namespace kiosk
