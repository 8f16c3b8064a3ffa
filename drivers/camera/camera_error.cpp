#include "camera_error.h"

namespace kiosk::camera {

QString CameraError::codeName() const {
    switch (code) {
        case Code::NoDevice:
            return QStringLiteral("no_device");
        case Code::Busy:
            return QStringLiteral("busy");
        case Code::NotFound:
            return QStringLiteral("not_found");
        case Code::Unreadable:
            return QStringLiteral("unreadable");
        case Code::TooLarge:
            return QStringLiteral("too_large");
        case Code::EndOfStream:
            return QStringLiteral("end_of_stream");
        case Code::NotOpen:
            return QStringLiteral("not_open");
        case Code::BadArgument:
            return QStringLiteral("bad_argument");
        case Code::ReadFailed:
            return QStringLiteral("read_failed");
        case Code::Internal:
            return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

QString CameraError::summary() const {
    return codeName() + QStringLiteral(": ") + message;
}

bool CameraError::isRetryable() const {
    return code == Code::Busy || code == Code::ReadFailed;
}

}  // namespace kiosk::camera
