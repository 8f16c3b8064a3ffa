// A kiosk receipt and its ESC/POS encoding. Printers without a Thai code
// page (most cheap 58/80 mm printers) get the whole receipt as a raster image
// drawn with QPainter in a Thai font; printers with one get text lines in
// TIS-620 after ESC t <page>. Thai vowels and tone marks above or below a
// consonant need a printer that composes them; the image path always works.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QImage>
#include <QList>
#include <QString>

namespace kiosk::printer {

struct ReceiptContent {
    QString title;
    QList<std::pair<QString, QString>> lines;  // label, value
    QString reference;
    QString footer;
};

struct PrinterProfile {
    int widthDots = 576;    // 80 mm paper at 203 dpi; 384 for 58 mm
    int thaiCodePage = -1;  // ESC t value of the printer's TIS-620 page; -1: print as image
};

// The receipt drawn as the printer would print it (black on white).
QImage renderReceiptImage(const ReceiptContent& receipt, int widthDots);

// True when every character can be sent as text in the Thai code page.
bool fitsThaiCodePage(const QString& text);

QByteArray encodeReceipt(const ReceiptContent& receipt, const PrinterProfile& profile);

}  // namespace kiosk::printer
