// Feeds arbitrary bytes to the ESC/POS reader and renderer the file printer
// uses (a receipt stream is untrusted input once it comes from a file or a
// network printer share). Every input must parse to a document and draw,
// never crash, hang or allocate without bound.
#include "escpos.h"

#include <QGuiApplication>
#include <cstdint>
#include <cstdlib>

// fontconfig keeps its caches for the life of the process; not our leak.
extern "C" const char* __lsan_default_suppressions() {
    return "leak:libfontconfig\n";
}

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
    // Text drawing needs a GUI application; offscreen needs no display.
    setenv("QT_QPA_PLATFORM", "offscreen", 0);
    static QGuiApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QByteArray stream(reinterpret_cast<const char*>(data), qsizetype(size));
    const kiosk::printer::EscPosDocument doc = kiosk::printer::parseEscPos(stream);
    // The first byte picks the paper width and the Thai code page, so both paths are drawn.
    const int width = size > 0 ? 64 + (data[0] % 8) * 64 : 576;
    const int thaiPage = size > 1 ? int(data[1] % 32) - 1 : -1;
    const QImage paper = kiosk::printer::renderEscPos(doc, width, thaiPage);
    return paper.isNull() ? 0 : 0;
}
