#include "file_printer.h"

#include "escpos.h"

#include <QDir>
#include <QSaveFile>

namespace kiosk::printer {

FilePrinter::FilePrinter(QString folder, int widthDots, int thaiCodePage)
    : m_folder(std::move(folder)), m_widthDots(widthDots), m_thaiCodePage(thaiCodePage) {}

QString FilePrinter::description() const {
    return QStringLiteral("file:%1").arg(m_folder);
}

Result<void, PrinterError> FilePrinter::write(const QByteArray& escpos) {
    if (!QDir().mkpath(m_folder)) {
        return fail(PrinterError::Unavailable);
    }
    const QString base =
        QStringLiteral("%1/receipt-%2").arg(m_folder).arg(m_jobs + 1, 3, 10, QLatin1Char('0'));
    QSaveFile stream(base + QStringLiteral(".bin"));
    if (!stream.open(QIODevice::WriteOnly) || stream.write(escpos) != escpos.size() ||
        !stream.commit()) {
        return fail(PrinterError::Io);
    }
    const QImage paper = renderEscPos(parseEscPos(escpos), m_widthDots, m_thaiCodePage);
    if (!paper.save(base + QStringLiteral(".png"))) {
        return fail(PrinterError::Io);
    }
    ++m_jobs;
    m_lastStream = base + QStringLiteral(".bin");
    m_lastImage = base + QStringLiteral(".png");
    return {};
}

}  // namespace kiosk::printer
