#include "card_error.h"

namespace kiosk::card {

QString CardError::codeName() const {
    switch (code) {
        case Code::NoService:
            return QStringLiteral("no_service");
        case Code::NoReader:
            return QStringLiteral("no_reader");
        case Code::NoCard:
            return QStringLiteral("no_card");
        case Code::CardRemoved:
            return QStringLiteral("card_removed");
        case Code::CardReset:
            return QStringLiteral("card_reset");
        case Code::SharingViolation:
            return QStringLiteral("sharing_violation");
        case Code::Timeout:
            return QStringLiteral("timeout");
        case Code::Cancelled:
            return QStringLiteral("cancelled");
        case Code::NotThaiIdCard:
            return QStringLiteral("not_thai_id_card");
        case Code::Protocol:
            return QStringLiteral("protocol");
        case Code::CorruptData:
            return QStringLiteral("corrupt_data");
        case Code::Transport:
            return QStringLiteral("transport");
    }
    return QStringLiteral("transport");
}

QString CardError::summary() const {
    return codeName() + QStringLiteral(": ") + message;
}

bool CardError::isRetryable() const {
    switch (code) {
        case Code::NoCard:
        case Code::CardRemoved:
        case Code::CardReset:
        case Code::SharingViolation:
        case Code::Timeout:
        case Code::Protocol:
        case Code::CorruptData:
            return true;
        default:
            return false;
    }
}

}  // namespace kiosk::card
