#include "qr_code.h"

#include <qrencode.h>

#include <memory>

namespace kiosk::ui {

QImage renderQrCode(const QString& payload, int moduleSize) {
    if (payload.isEmpty() || moduleSize < 1) {
        return {};
    }
    const QByteArray utf8 = payload.toUtf8();
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString8bit(utf8.constData(), 0, QR_ECLEVEL_M), &QRcode_free);
    if (!code) {
        return {};
    }
    constexpr int kQuiet = 4;
    const int modules = code->width + 2 * kQuiet;
    QImage image(modules * moduleSize, modules * moduleSize, QImage::Format_RGB32);
    image.fill(Qt::white);
    for (int y = 0; y < code->width; ++y) {
        for (int x = 0; x < code->width; ++x) {
            if (code->data[y * code->width + x] & 1) {
                for (int dy = 0; dy < moduleSize; ++dy) {
                    auto* line =
                        reinterpret_cast<QRgb*>(image.scanLine((y + kQuiet) * moduleSize + dy));
                    for (int dx = 0; dx < moduleSize; ++dx) {
                        line[(x + kQuiet) * moduleSize + dx] = qRgb(0, 0, 0);
                    }
                }
            }
        }
    }
    return image;
}

}  // namespace kiosk::ui
