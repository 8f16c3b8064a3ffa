#include "ocr_error.h"

namespace kiosk::ocr {

QString errcName(OcrErrc code) {
    switch (code) {
        case OcrErrc::ImageUnreadable:
            return QStringLiteral("image-unreadable");
        case OcrErrc::ImageTooSmall:
            return QStringLiteral("image-too-small");
        case OcrErrc::ImageTooLarge:
            return QStringLiteral("image-too-large");
        case OcrErrc::DataMissing:
            return QStringLiteral("data-missing");
        case OcrErrc::EngineFailed:
            return QStringLiteral("engine-failed");
        case OcrErrc::NoCard:
            return QStringLiteral("no-card");
        case OcrErrc::WrongDocument:
            return QStringLiteral("wrong-document");
        case OcrErrc::Internal:
            return QStringLiteral("internal");
    }
    return QStringLiteral("unknown");
}

bool isRetryable(OcrErrc code) {
    switch (code) {
        case OcrErrc::EngineFailed:
        case OcrErrc::NoCard:
        case OcrErrc::WrongDocument:
            return true;
        default:
            return false;
    }
}

}  // namespace kiosk::ocr
