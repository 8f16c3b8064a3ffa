#include "usb_printer.h"

#include <libusb.h>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcPrinterUsb, "kiosk.drivers.printer")

namespace kiosk::printer {

namespace {
constexpr int kPrinterClass = LIBUSB_CLASS_PRINTER;  // 7
}

std::optional<BulkOutEndpoint> findBulkOutEndpoint(const libusb_config_descriptor& config) {
    std::optional<BulkOutEndpoint> fallback;
    for (int i = 0; i < config.bNumInterfaces; ++i) {
        const libusb_interface& iface = config.interface[i];
        for (int a = 0; a < iface.num_altsetting; ++a) {
            const libusb_interface_descriptor& alt = iface.altsetting[a];
            for (int e = 0; e < alt.bNumEndpoints; ++e) {
                const libusb_endpoint_descriptor& ep = alt.endpoint[e];
                const bool bulk =
                    (ep.bmAttributes & LIBUSB_TRANSFER_TYPE_MASK) == LIBUSB_TRANSFER_TYPE_BULK;
                const bool out =
                    (ep.bEndpointAddress & LIBUSB_ENDPOINT_DIR_MASK) == LIBUSB_ENDPOINT_OUT;
                if (!bulk || !out) {
                    continue;
                }
                BulkOutEndpoint found{alt.bInterfaceNumber, alt.bAlternateSetting,
                                      ep.bEndpointAddress, ep.wMaxPacketSize};
                if (alt.bInterfaceClass == kPrinterClass) {
                    return found;
                }
                if (!fallback) {
                    fallback = found;
                }
            }
        }
    }
    return fallback;
}

PrinterError fromLibusbError(int code) {
    switch (code) {
        case LIBUSB_ERROR_NO_DEVICE:
        case LIBUSB_ERROR_NOT_FOUND:
            return PrinterError::NotFound;
        case LIBUSB_ERROR_ACCESS:
        case LIBUSB_ERROR_BUSY:
            return PrinterError::AccessDenied;
        case LIBUSB_ERROR_TIMEOUT:
            return PrinterError::Timeout;
        case LIBUSB_ERROR_NOT_SUPPORTED:
        case LIBUSB_ERROR_NO_MEM:
            return PrinterError::Unavailable;
        default:
            return PrinterError::Io;
    }
}

UsbPrinter::~UsbPrinter() {
    if (m_handle) {
        libusb_release_interface(m_handle, m_endpoint.interfaceNumber);
        libusb_close(m_handle);
    }
    if (m_context) {
        libusb_exit(m_context);
    }
}

Result<std::unique_ptr<UsbPrinter>, PrinterError> UsbPrinter::open(std::uint16_t vendorId,
                                                                   std::uint16_t productId,
                                                                   int timeoutMs) {
    std::unique_ptr<UsbPrinter> printer(new UsbPrinter);
    printer->m_timeoutMs = timeoutMs;
    printer->m_vendor = vendorId;
    printer->m_product = productId;
    if (const int rc = libusb_init(&printer->m_context); rc != 0) {
        printer->m_context = nullptr;
        qCWarning(lcPrinterUsb) << "libusb unavailable:" << libusb_error_name(rc);
        return fail(PrinterError::Unavailable);
    }
    printer->m_handle = libusb_open_device_with_vid_pid(printer->m_context, vendorId, productId);
    if (!printer->m_handle) {
        return fail(PrinterError::NotFound);
    }
    libusb_device* device = libusb_get_device(printer->m_handle);
    libusb_config_descriptor* config = nullptr;
    if (const int rc = libusb_get_active_config_descriptor(device, &config); rc != 0) {
        return fail(fromLibusbError(rc));
    }
    const std::optional<BulkOutEndpoint> endpoint = findBulkOutEndpoint(*config);
    libusb_free_config_descriptor(config);
    if (!endpoint) {
        return fail(PrinterError::NoEndpoint);
    }
    printer->m_endpoint = *endpoint;
    // usblp may own the interface; take it over for the kiosk's lifetime.
    libusb_set_auto_detach_kernel_driver(printer->m_handle, 1);
    if (const int rc = libusb_claim_interface(printer->m_handle, endpoint->interfaceNumber);
        rc != 0) {
        return fail(fromLibusbError(rc));
    }
    if (endpoint->altSetting != 0) {
        libusb_set_interface_alt_setting(printer->m_handle, endpoint->interfaceNumber,
                                         endpoint->altSetting);
    }
    return printer;
}

Result<void, PrinterError> UsbPrinter::write(const QByteArray& escpos) {
    if (!m_handle) {
        return fail(PrinterError::NotFound);
    }
    // Chunks keep each transfer's timeout meaningful on slow printers.
    constexpr int kChunk = 4096;
    for (qsizetype offset = 0; offset < escpos.size();) {
        const int length = int(std::min<qsizetype>(kChunk, escpos.size() - offset));
        int sent = 0;
        auto* data =
            reinterpret_cast<unsigned char*>(const_cast<char*>(escpos.constData() + offset));
        const int rc =
            libusb_bulk_transfer(m_handle, m_endpoint.address, data, length, &sent, m_timeoutMs);
        if (rc != 0) {
            qCWarning(lcPrinterUsb) << "bulk transfer failed:" << libusb_error_name(rc);
            return fail(fromLibusbError(rc));
        }
        if (sent <= 0) {
            return fail(PrinterError::Timeout);
        }
        offset += sent;
    }
    return {};
}

QString UsbPrinter::description() const {
    return QStringLiteral("usb:%1:%2 ep 0x%3")
        .arg(m_vendor, 4, 16, QLatin1Char('0'))
        .arg(m_product, 4, 16, QLatin1Char('0'))
        .arg(m_endpoint.address, 2, 16, QLatin1Char('0'));
}

}  // namespace kiosk::printer
