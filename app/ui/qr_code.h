// QR codes for payment (PromptPay EMVCo payloads) through libqrencode.
#pragma once

#include <QImage>
#include <QString>

namespace kiosk::ui {

// Black modules on white with the 4-module quiet zone the standard asks for;
// medium error correction. A null image when the payload cannot be encoded.
QImage renderQrCode(const QString& payload, int moduleSize = 8);

}  // namespace kiosk::ui
