// Feeds arbitrary bytes to portal-sim's HTTP request parser, in one piece
// and split in two, as a TCP stream may deliver them.
#include "http_message.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    for (qsizetype split : {bytes.size(), bytes.size() / 2}) {
        QByteArray buffer = bytes.left(split);
        kiosk::sim::HttpRequest request;
        QString error;
        auto status = kiosk::sim::parseHttpRequest(buffer, request, error);
        if (status == kiosk::sim::ParseStatus::Incomplete) {
            buffer += bytes.mid(split);
            status = kiosk::sim::parseHttpRequest(buffer, request, error);
        }
        if (status == kiosk::sim::ParseStatus::Error && error.isEmpty()) {
            __builtin_trap();  // a rejected request must say why
        }
        if (status == kiosk::sim::ParseStatus::Complete && !request.target.startsWith('/')) {
            __builtin_trap();
        }
    }
    return 0;
}
