// One error type for vision/ocr: a code callers branch on, plus a detail for
// logs. Details never contain card text (CIDs, names) or image content.
#pragma once

#include <QString>

namespace kiosk::ocr {

enum class OcrErrc {
    ImageUnreadable,  // missing, corrupt or unsupported image file
    ImageTooSmall,    // too few pixels to hold a readable card
    ImageTooLarge,    // over the pixel limit; refused before decoding
    DataMissing,      // Tesseract tha/eng data or the card templates are absent: set-up, fatal
    EngineFailed,     // Tesseract refused an image: retry with the next frame
    NoCard,           // retry: no card in view
    WrongDocument,    // retry: something other than a Thai national ID card
    Internal,         // an exception from OpenCV or Tesseract caught at the library edge
};

struct OcrError {
    OcrErrc code;
    QString detail;
};

// Stable short name for logs, tests and the CLI, e.g. "no-card".
QString errcName(OcrErrc code);

// True for errors that a new frame or a better-held card can cure.
bool isRetryable(OcrErrc code);

}  // namespace kiosk::ocr
