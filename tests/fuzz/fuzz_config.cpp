// Feeds arbitrary bytes to the configuration loader (JSON parse, schema
// validation, cross-field rules). It must return a value or an error, never
// crash, hang or leak.
#include "cid.h"
#include "config.h"

#include <QCoreApplication>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const auto result = kiosk::ConfigLoader::parse(bytes, QStringLiteral("fuzz.json"));
    if (!result && result.error().fields.isEmpty()) {
        __builtin_trap();  // every error must name at least one field or the file
    }
    // The log masker runs on every log line: it must cope with any text.
    (void)kiosk::cid::maskInText(QString::fromUtf8(bytes));
    return 0;
}
