#include "ocr_engine.h"

#include <dlfcn.h>
#include <tesseract/baseapi.h>
#include <QByteArray>
#include <exception>
#include <mutex>

namespace kiosk::ocr {

namespace {

struct ApiDeleter {
    void operator()(tesseract::TessBaseAPI* api) const {
        if (api) {
            api->End();
            delete api;
        }
    }
};
using Api = std::unique_ptr<tesseract::TessBaseAPI, ApiDeleter>;

Result<Api, OcrError> initApi(const QByteArray& dataDir, const char* language) {
    Api api(new tesseract::TessBaseAPI());
    // Tesseract prints warnings (resolution, empty pages) to stderr; keep the
    // kiosk's and kioskctl's output clean.
    api->SetVariable("debug_file", "/dev/null");
    const int rc = api->Init(dataDir.isEmpty() ? nullptr : dataDir.constData(), language,
                             tesseract::OEM_LSTM_ONLY);
    if (rc != 0) {
        return fail(OcrError{OcrErrc::DataMissing,
                             QStringLiteral("Tesseract cannot load the '%1' model; install "
                                            "tesseract-ocr-%1")
                                 .arg(QLatin1String(language))});
    }
    api->SetPageSegMode(tesseract::PSM_SINGLE_LINE);
    return api;
}

// Debian's Tesseract runs its LSTM layers in OpenMP regions of four threads.
// A line of a card is a tiny job: on the kiosk's two cores the team's threads
// spin-wait for each other and reading a card took three times the CPU and
// wall time it takes on one thread. OMP_THREAD_LIMIT would fix it, but the
// OpenMP runtime reads it when it is loaded, before main(); making parallel
// regions inactive (max active levels 0) does the same at run time. Looked up
// by name so that a Tesseract built without OpenMP needs nothing.
void keepTesseractSingleThreaded() {
    static std::once_flag once;
    std::call_once(once, [] {
        using SetLevels = void (*)(int);
        if (auto set =
                reinterpret_cast<SetLevels>(dlsym(RTLD_DEFAULT, "omp_set_max_active_levels"))) {
            set(0);
        }
    });
}

}  // namespace

struct TesseractEngine::Impl {
    Api thai;
    Api latin;
};

TesseractEngine::TesseractEngine(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
TesseractEngine::~TesseractEngine() = default;

Result<std::unique_ptr<TesseractEngine>, OcrError> TesseractEngine::create(
    const QString& tessdataDir) {
    keepTesseractSingleThreaded();
    try {
        const QByteArray dir = tessdataDir.toLocal8Bit();
        auto thai = initApi(dir, "tha");
        if (!thai) {
            return fail(thai.error());
        }
        auto latin = initApi(dir, "eng");
        if (!latin) {
            return fail(latin.error());
        }
        auto impl = std::make_unique<Impl>();
        impl->thai = std::move(*thai);
        impl->latin = std::move(*latin);
        return std::unique_ptr<TesseractEngine>(new TesseractEngine(std::move(impl)));
    } catch (const std::exception& e) {
        return fail(OcrError{OcrErrc::Internal, QString::fromUtf8(e.what())});
    }
}

Result<OcrLine, OcrError> TesseractEngine::readLine(const cv::Mat& line,
                                                    const LineRequest& request) {
    if (line.empty() || line.type() != CV_8UC1) {
        return fail(
            OcrError{OcrErrc::EngineFailed, QStringLiteral("line image must be 8-bit grey")});
    }
    tesseract::TessBaseAPI* api =
        request.script == Script::Thai ? m_impl->thai.get() : m_impl->latin.get();
    try {
        const QByteArray whitelist = request.whitelist.toUtf8();
        api->SetVariable("tessedit_char_whitelist", whitelist.constData());
        api->SetImage(line.data, line.cols, line.rows, 1, int(line.step));
        api->SetSourceResolution(300);
        if (api->Recognize(nullptr) != 0) {
            api->SetVariable("tessedit_char_whitelist", "");
            return fail(OcrError{OcrErrc::EngineFailed, QStringLiteral("recognition failed")});
        }
        std::unique_ptr<char[]> text(api->GetUTF8Text());
        OcrLine out;
        out.text = QString::fromUtf8(text ? text.get() : "").trimmed();
        out.confidence = std::max(0, api->MeanTextConf()) / 100.0;
        api->SetVariable("tessedit_char_whitelist", "");
        api->Clear();
        return out;
    } catch (const std::exception& e) {
        return fail(OcrError{OcrErrc::Internal, QString::fromUtf8(e.what())});
    }
}

}  // namespace kiosk::ocr
