#include "printer_receipt_port.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcUiReceipt, "kiosk.ui.receipt")

namespace kiosk::ui {

PrinterReceiptPort::PrinterReceiptPort(std::unique_ptr<printer::Printer> printer,
                                       printer::PrinterProfile profile)
    : m_printer(std::move(printer)), m_profile(profile) {}

QString PrinterReceiptPort::print(const journey::Receipt& receipt) {
    if (!m_printer) {
        return QStringLiteral("not_found");
    }
    printer::ReceiptContent content;
    content.title = receipt.title;
    content.lines = receipt.lines;
    content.reference = receipt.reference;
    const auto written = m_printer->write(printer::encodeReceipt(content, m_profile));
    if (!written) {
        const QString name = printer::errorName(written.error());
        qCWarning(lcUiReceipt).noquote()
            << "receipt not printed on" << m_printer->description() << name;
        return name;
    }
    ++m_printed;
    return {};
}

}  // namespace kiosk::ui
