#include "printer.h"

namespace kiosk::printer {

QString errorName(PrinterError error) {
    switch (error) {
        case PrinterError::NotFound:
            return QStringLiteral("not_found");
        case PrinterError::AccessDenied:
            return QStringLiteral("access_denied");
        case PrinterError::NoEndpoint:
            return QStringLiteral("no_endpoint");
        case PrinterError::Timeout:
            return QStringLiteral("timeout");
        case PrinterError::Io:
            return QStringLiteral("io");
        case PrinterError::Unavailable:
            return QStringLiteral("unavailable");
    }
    return QStringLiteral("unknown");
}

bool isRetryable(PrinterError error) {
    return error == PrinterError::Timeout || error == PrinterError::Io ||
           error == PrinterError::NotFound;
}

}  // namespace kiosk::printer
