// Feeds arbitrary text to every parser of OCR output (CID, Thai and English
// dates, laser code, names, normalisers, edit distance) and arbitrary bytes to
// the image decoder the card OCR uses. OCR text is untrusted: every path must
// end in a value or an error, never a crash, hang or leak.
//
// Input: byte 0 selects the target (even: text parsers, odd: image decode),
// the rest is UTF-8 text or an encoded image.
#include "ocr_image.h"
#include "ocr_text.h"

#include <QByteArray>
#include <QString>
#include <cstdint>

using namespace kiosk::ocr;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) {
        return 0;
    }
    const QByteArray rest(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));
    if (data[0] % 2 == 1) {
        (void)decodeImage(rest);
        return 0;
    }
    const QString text = QString::fromUtf8(rest);
    (void)extractCid(text);
    (void)parseThaiDate(text);
    (void)parseEnglishDate(text);
    (void)isLifelong(text);
    if (const auto code = parseLaserCode(text); code) {
        if (!isValidLaserCode(*code)) {
            __builtin_trap();  // the parser promised a valid code
        }
        (void)formatLaserCode(*code);
    }
    const qsizetype half = text.size() / 2;
    (void)parseThaiName(text);
    (void)parseEnglishName(QStringView(text).first(half), QStringView(text).sliced(half));
    (void)normalizeThai(text);
    (void)normalizeEnglish(text);
    (void)canonicalThaiPrefix(text);
    (void)canonicalEnglishPrefix(text);
    // Bounded: edit distance is quadratic.
    const QStringView a = QStringView(text).first(std::min<qsizetype>(half, 256));
    const QStringView b =
        QStringView(text).sliced(half).first(std::min<qsizetype>(text.size() - half, 256));
    const double cer = characterErrorRate(a, b);
    if (cer < 0) {
        __builtin_trap();
    }
    return 0;
}
