// One error type for vision/face: a code callers branch on, plus a detail for
// logs. Details never contain image content, names or descriptors.
#pragma once

#include <QString>

namespace kiosk::vision {

enum class FaceErrc {
    ModelMissing,     // a weights/landmarks file is absent: set-up problem, fatal
    ModelCorrupt,     // a model file is unreadable, truncated or malformed: fatal
    ModelMismatch,    // weights do not fit the network (count, name or shape): fatal
    ImageUnreadable,  // missing, corrupt or unsupported image
    ImageTooLarge,    // over the pixel limit; refused before decoding
    BadInput,         // e.g. a chip that is not 150x150
    NoFace,           // retry: ask the citizen to look at the camera
    MultipleFaces,    // retry: exactly one face must be in view
    Internal,         // an exception from dlib caught at the library edge
};

struct FaceError {
    FaceErrc code;
    QString detail;
};

// Stable short name for logs and tests, e.g. "no-face".
QString errcName(FaceErrc code);

}  // namespace kiosk::vision
