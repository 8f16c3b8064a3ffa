// Errors of vision/liveness: set-up faults (a missing model) and bad input.
// A presentation attack is a decision, not an error.
#pragma once

#include <QString>

namespace kiosk::vision {

struct LivenessError {
    enum class Code {
        ModelMissing,  // fr_liveness.onnx or the landmark model is absent: fatal
        ModelCorrupt,  // a model does not load or gives an unexpected output: fatal
        BadConfig,     // a threshold out of range or an unknown challenge name
        BadInput,      // an empty frame, timestamps going backwards
        Internal,      // an exception from OpenCV or dlib caught at the library edge
    };
    Code code = Code::Internal;
    QString message;

    // Stable snake_case name, e.g. "model_missing".
    QString codeName() const;
    QString summary() const { return codeName() + QStringLiteral(": ") + message; }
};

}  // namespace kiosk::vision
