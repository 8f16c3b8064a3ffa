// Receipt printers: anything that accepts an ESC/POS byte stream. The USB
// transport (usb_printer.h) drives a real printer; the file printer
// (file_printer.h) keeps the stream and a picture of it for tests and the demo.
#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

namespace kiosk::printer {

enum class PrinterError {
    NotFound,      // no such device
    AccessDenied,  // udev rule missing / device busy
    NoEndpoint,    // the device has no printer-class bulk OUT endpoint
    Timeout,       // the printer stopped taking data (paper out, cover open)
    Io,            // transfer failed, device gone
    Unavailable,   // the USB stack or output folder cannot be used at all
};

// Stable short name for logs and kioskctl ("not_found", "timeout", ...).
QString errorName(PrinterError error);
// Worth retrying later (paper may be refilled, a cable replugged)?
bool isRetryable(PrinterError error);

class Printer {
public:
    virtual ~Printer() = default;
    virtual Result<void, PrinterError> write(const QByteArray& escpos) = 0;
    virtual QString description() const = 0;
};

}  // namespace kiosk::printer
