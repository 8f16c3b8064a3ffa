#include "store_error.h"

#include <QCoreApplication>

namespace kiosk::store {

QString StoreError::codeName() const {
    switch (code) {
        case Code::KeyMissing:
            return QStringLiteral("key_missing");
        case Code::KeyStore:
            return QStringLiteral("key_store");
        case Code::WrongKey:
            return QStringLiteral("wrong_key");
        case Code::Corrupt:
            return QStringLiteral("corrupt");
        case Code::DiskFull:
            return QStringLiteral("disk_full");
        case Code::LimitReached:
            return QStringLiteral("store_full");
        case Code::SchemaTooNew:
            return QStringLiteral("schema_too_new");
        case Code::Io:
            return QStringLiteral("io");
        case Code::Busy:
            return QStringLiteral("busy");
        case Code::NotFound:
            return QStringLiteral("not_found");
        case Code::InvalidArgument:
            return QStringLiteral("invalid_argument");
        case Code::Internal:
            return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

bool StoreError::isTransient() const {
    return code == Code::Busy || code == Code::DiskFull || code == Code::LimitReached;
}

QString citizenMessage(const StoreError& error) {
    switch (error.code) {
        case StoreError::Code::LimitReached:
        case StoreError::Code::DiskFull:
        case StoreError::Code::Busy:
            return QCoreApplication::translate(
                "StoreStatus",
                "This kiosk cannot accept new requests right now because it is waiting to send "
                "earlier ones. Please try again later or ask at the service counter.");
        default:
            return QCoreApplication::translate(
                "StoreStatus",
                "This kiosk is out of service. Please ask at the service counter; a technician "
                "has been notified.");
    }
}

}  // namespace kiosk::store
