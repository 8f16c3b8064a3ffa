// Adapts a kiosk_printer Printer (USB or file) to the journey's ReceiptPort.
#pragma once

#include "journey_ports.h"
#include "printer.h"
#include "receipt.h"

#include <memory>

namespace kiosk::ui {

class PrinterReceiptPort : public journey::ReceiptPort {
public:
    PrinterReceiptPort(std::unique_ptr<printer::Printer> printer, printer::PrinterProfile profile);
    QString print(const journey::Receipt& receipt) override;
    printer::Printer* printer() const { return m_printer.get(); }
    int printed() const { return m_printed; }

private:
    std::unique_ptr<printer::Printer> m_printer;
    printer::PrinterProfile m_profile;
    int m_printed = 0;
};

}  // namespace kiosk::ui
