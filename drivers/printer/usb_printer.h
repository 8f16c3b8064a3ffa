// ESC/POS over USB with libusb: finds the printer by vendor/product id,
// claims its printer-class interface and writes to its bulk OUT endpoint.
// The kiosk's udev rule (kiosk-os) gives the kiosk user access to the device.
#pragma once

#include "printer.h"

#include <QString>
#include <cstdint>
#include <memory>
#include <optional>

struct libusb_config_descriptor;
struct libusb_context;
struct libusb_device_handle;

namespace kiosk::printer {

struct BulkOutEndpoint {
    int interfaceNumber = 0;
    int altSetting = 0;
    std::uint8_t address = 0;
    int maxPacketSize = 64;
};

// The bulk OUT endpoint to print to: a printer-class (7) interface first,
// else any interface with a bulk OUT endpoint (vendor-class printers).
std::optional<BulkOutEndpoint> findBulkOutEndpoint(const libusb_config_descriptor& config);

// libusb error code -> our error.
PrinterError fromLibusbError(int code);

class UsbPrinter : public Printer {
public:
    ~UsbPrinter() override;
    static Result<std::unique_ptr<UsbPrinter>, PrinterError> open(std::uint16_t vendorId,
                                                                  std::uint16_t productId,
                                                                  int timeoutMs = 5000);
    Result<void, PrinterError> write(const QByteArray& escpos) override;
    QString description() const override;

private:
    UsbPrinter() = default;
    libusb_context* m_context = nullptr;
    libusb_device_handle* m_handle = nullptr;
    BulkOutEndpoint m_endpoint;
    int m_timeoutMs = 5000;
    std::uint16_t m_vendor = 0;
    std::uint16_t m_product = 0;
};

}  // namespace kiosk::printer
