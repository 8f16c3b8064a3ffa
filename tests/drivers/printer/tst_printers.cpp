// The file printer and the USB transport's error paths (no device needed):
// endpoint discovery on built descriptors, libusb error mapping, opening a
// printer that is not there.
#include "escpos.h"
#include "file_printer.h"
#include "usb_printer.h"

#include <libusb.h>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

using namespace kiosk::printer;

namespace {

libusb_endpoint_descriptor endpoint(uint8_t address, uint8_t type) {
    libusb_endpoint_descriptor ep{};
    ep.bEndpointAddress = address;
    ep.bmAttributes = type;
    ep.wMaxPacketSize = 64;
    return ep;
}

}  // namespace

class TestPrinters : public QObject {
    Q_OBJECT
private slots:
    void filePrinter_job_streamAndPicture() {
        QTemporaryDir dir;
        FilePrinter printer(dir.filePath(QStringLiteral("receipts")));
        EscPosEncoder enc;
        enc.initialize().line("Smart Kiosk").cut();
        QVERIFY(printer.write(enc.bytes()));
        QCOMPARE(printer.jobs(), 1);
        QFile stream(printer.lastStreamPath());
        QVERIFY(stream.open(QIODevice::ReadOnly));
        QCOMPARE(stream.readAll(), enc.bytes());
        const QImage picture(printer.lastImagePath());
        QCOMPARE(picture.width(), 576);
        QVERIFY(printer.lastImagePath().endsWith(QLatin1String("receipt-001.png")));
    }

    void filePrinter_unwritableFolder_unavailable() {
        FilePrinter printer(QStringLiteral("/proc/no-such-folder/receipts"));
        const auto r = printer.write("x");
        QVERIFY(!r);
        QCOMPARE(r.error(), PrinterError::Unavailable);
    }

    void findBulkOut_printerClass_preferredOverVendor() {
        libusb_endpoint_descriptor vendorEps[] = {endpoint(0x01, LIBUSB_TRANSFER_TYPE_BULK)};
        libusb_endpoint_descriptor printerEps[] = {endpoint(0x82, LIBUSB_TRANSFER_TYPE_BULK),
                                                   endpoint(0x03, LIBUSB_TRANSFER_TYPE_BULK)};
        libusb_interface_descriptor alts[2] = {};
        alts[0].bInterfaceNumber = 0;
        alts[0].bInterfaceClass = LIBUSB_CLASS_VENDOR_SPEC;
        alts[0].bNumEndpoints = 1;
        alts[0].endpoint = vendorEps;
        alts[1].bInterfaceNumber = 1;
        alts[1].bInterfaceClass = LIBUSB_CLASS_PRINTER;
        alts[1].bNumEndpoints = 2;
        alts[1].endpoint = printerEps;
        libusb_interface ifaces[2] = {};
        ifaces[0].altsetting = &alts[0];
        ifaces[0].num_altsetting = 1;
        ifaces[1].altsetting = &alts[1];
        ifaces[1].num_altsetting = 1;
        libusb_config_descriptor config{};
        config.bNumInterfaces = 2;
        config.interface = ifaces;
        const auto found = findBulkOutEndpoint(config);
        QVERIFY(found);
        QCOMPARE(found->interfaceNumber, 1);
        QCOMPARE(int(found->address), 0x03);  // 0x82 is IN

        // Without the printer interface, the vendor one is used.
        config.bNumInterfaces = 1;
        const auto fallback = findBulkOutEndpoint(config);
        QVERIFY(fallback);
        QCOMPARE(int(fallback->address), 0x01);
    }

    void findBulkOut_onlyInterruptAndIn_none() {
        libusb_endpoint_descriptor eps[] = {endpoint(0x81, LIBUSB_TRANSFER_TYPE_BULK),
                                            endpoint(0x02, LIBUSB_TRANSFER_TYPE_INTERRUPT)};
        libusb_interface_descriptor alt{};
        alt.bInterfaceClass = LIBUSB_CLASS_PRINTER;
        alt.bNumEndpoints = 2;
        alt.endpoint = eps;
        libusb_interface iface{};
        iface.altsetting = &alt;
        iface.num_altsetting = 1;
        libusb_config_descriptor config{};
        config.bNumInterfaces = 1;
        config.interface = &iface;
        QVERIFY(!findBulkOutEndpoint(config));
    }

    void fromLibusbError_codes_mapped() {
        QCOMPARE(fromLibusbError(LIBUSB_ERROR_TIMEOUT), PrinterError::Timeout);
        QCOMPARE(fromLibusbError(LIBUSB_ERROR_ACCESS), PrinterError::AccessDenied);
        QCOMPARE(fromLibusbError(LIBUSB_ERROR_BUSY), PrinterError::AccessDenied);
        QCOMPARE(fromLibusbError(LIBUSB_ERROR_NO_DEVICE), PrinterError::NotFound);
        QCOMPARE(fromLibusbError(LIBUSB_ERROR_PIPE), PrinterError::Io);
        QVERIFY(isRetryable(PrinterError::Timeout));
        QVERIFY(!isRetryable(PrinterError::NoEndpoint));
        QCOMPARE(errorName(PrinterError::NoEndpoint), QStringLiteral("no_endpoint"));
    }

    // No device has this id (0xffff is reserved): either libusb finds no such
    // device or there is no USB stack here; never a printer.
    void open_noSuchDevice_notFoundOrUnavailable() {
        const auto printer = UsbPrinter::open(0xffff, 0xfffe, 200);
        QVERIFY(!printer);
        QVERIFY2(printer.error() == PrinterError::NotFound ||
                     printer.error() == PrinterError::Unavailable,
                 qPrintable(errorName(printer.error())));
    }
};

QTEST_MAIN(TestPrinters)
#include "tst_printers.moc"
