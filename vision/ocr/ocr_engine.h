// The seam to the text recogniser: one line image in, text and confidence out.
// TesseractEngine is the production implementation; tests may supply a fake.
// An engine is not thread-safe (Tesseract handles are not): one per worker.
#pragma once

#include "ocr_error.h"
#include "result.h"

#include <QString>
#include <memory>
#include <opencv2/core.hpp>

namespace kiosk::ocr {

enum class Script { Thai, Latin };

struct LineRequest {
    Script script = Script::Latin;
    QString whitelist;  // empty: any character of the script
};

struct OcrLine {
    QString text;
    double confidence = 0;  // 0..1
};

class OcrEngine {
public:
    virtual ~OcrEngine() = default;
    // `line` is 8-bit grey, dark text on a light background, one text line.
    virtual Result<OcrLine, OcrError> readLine(const cv::Mat& line, const LineRequest& request) = 0;
};

// Tesseract 5 with the Debian `tha` and `eng` LSTM models.
class TesseractEngine final : public OcrEngine {
public:
    // `tessdataDir` empty: Tesseract's default (Debian: /usr/share/tesseract-ocr/5/tessdata).
    static Result<std::unique_ptr<TesseractEngine>, OcrError> create(
        const QString& tessdataDir = {});
    ~TesseractEngine() override;
    Result<OcrLine, OcrError> readLine(const cv::Mat& line, const LineRequest& request) override;

private:
    struct Impl;
    explicit TesseractEngine(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace kiosk::ocr
