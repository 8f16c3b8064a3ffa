// A printer that writes each job to a folder: the ESC/POS stream
// (receipt-NNN.bin) and a picture of the paper (receipt-NNN.png), drawn by
// parsing the stream back. Used by tests and the demo instead of paper.
#pragma once

#include "printer.h"

#include <QString>

namespace kiosk::printer {

class FilePrinter : public Printer {
public:
    explicit FilePrinter(QString folder, int widthDots = 576, int thaiCodePage = -1);
    Result<void, PrinterError> write(const QByteArray& escpos) override;
    QString description() const override;

    int jobs() const { return m_jobs; }
    QString lastStreamPath() const { return m_lastStream; }
    QString lastImagePath() const { return m_lastImage; }

private:
    QString m_folder;
    int m_widthDots;
    int m_thaiCodePage;
    int m_jobs = 0;
    QString m_lastStream;
    QString m_lastImage;
};

}  // namespace kiosk::printer
