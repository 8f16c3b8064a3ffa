// Errors of the camera layer: one code callers branch on, a message for logs.
#pragma once

#include <QString>

namespace kiosk::camera {

struct CameraError {
    enum class Code {
        NoDevice,     // the webcam node does not exist: set-up or cabling problem
        Busy,         // the device exists but cannot be opened now (another process holds it)
        NotFound,     // a video file, folder or image named by the caller does not exist
        Unreadable,   // a file exists but does not decode (corrupt, unsupported codec)
        TooLarge,     // an image over the pixel limit; refused before decoding
        EndOfStream,  // a file source has no more frames: normal termination
        NotOpen,      // next() before open() or after close()
        BadArgument,  // e.g. fps <= 0, an empty image list
        ReadFailed,   // a live device stopped delivering frames
        Internal,     // an exception from OpenCV caught at the library edge
    };

    Code code = Code::Internal;
    QString message;  // file names and device paths only, never image content

    // Stable snake_case name, e.g. "no_device", "end_of_stream".
    QString codeName() const;
    // "no_device: ..." for logs and the CLI.
    QString summary() const;
    // Worth retrying later (a busy or stalled device) vs. a fault or a finished file.
    bool isRetryable() const;
};

inline CameraError cameraError(CameraError::Code code, QString message) {
    return CameraError{code, std::move(message)};
}

}  // namespace kiosk::camera
