#include "face_error.h"

namespace kiosk::vision {

QString errcName(FaceErrc code) {
    switch (code) {
        case FaceErrc::ModelMissing:
            return QStringLiteral("model-missing");
        case FaceErrc::ModelCorrupt:
            return QStringLiteral("model-corrupt");
        case FaceErrc::ModelMismatch:
            return QStringLiteral("model-mismatch");
        case FaceErrc::ImageUnreadable:
            return QStringLiteral("image-unreadable");
        case FaceErrc::ImageTooLarge:
            return QStringLiteral("image-too-large");
        case FaceErrc::BadInput:
            return QStringLiteral("bad-input");
        case FaceErrc::NoFace:
            return QStringLiteral("no-face");
        case FaceErrc::MultipleFaces:
            return QStringLiteral("multiple-faces");
        case FaceErrc::Internal:
            return QStringLiteral("internal");
    }
    return QStringLiteral("unknown");
}

}  // namespace kiosk::vision
