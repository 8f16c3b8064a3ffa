#include "liveness_error.h"

namespace kiosk::vision {

QString LivenessError::codeName() const {
    switch (code) {
        case Code::ModelMissing:
            return QStringLiteral("model_missing");
        case Code::ModelCorrupt:
            return QStringLiteral("model_corrupt");
        case Code::BadConfig:
            return QStringLiteral("bad_config");
        case Code::BadInput:
            return QStringLiteral("bad_input");
        case Code::Internal:
            return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

}  // namespace kiosk::vision
