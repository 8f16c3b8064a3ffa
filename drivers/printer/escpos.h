// ESC/POS: building the byte stream for thermal receipt printers, and
// reading one back (the file printer draws what a printer would print).
//
// Commands used (Epson ESC/POS reference): ESC @ initialize, ESC t n code
// page, ESC a n alignment, ESC E n bold, ESC d n feed lines, LF, GS v 0
// raster bit image, GS V m [n] cut.
#pragma once

#include <QByteArray>
#include <QImage>
#include <QList>
#include <QString>

namespace kiosk::printer {

class EscPosEncoder {
public:
    EscPosEncoder& initialize();
    EscPosEncoder& codePage(int page);
    EscPosEncoder& align(int mode);  // 0 left, 1 centre, 2 right
    EscPosEncoder& bold(bool on);
    // Bytes already in the selected code page, then LF.
    EscPosEncoder& line(const QByteArray& encoded);
    EscPosEncoder& feed(int lines);
    // 1 bit per dot, black where the image is dark; width padded to a byte.
    EscPosEncoder& raster(const QImage& image);
    EscPosEncoder& cut();  // feed to the cutter, partial cut
    QByteArray bytes() const { return m_bytes; }

private:
    QByteArray m_bytes;
};

// Thai text in TIS-620 (the byte layout of the printers' Thai code pages);
// characters outside ASCII and Thai become '?'.
QByteArray toTis620(const QString& text);
QString fromTis620(const QByteArray& bytes);

// What a stream contains, in order.
struct EscPosElement {
    enum class Kind { Text, Raster, Cut, Feed };
    Kind kind = Kind::Text;
    QByteArray text;  // Text: the line's bytes (code page `codePage`)
    int codePage = 0;
    int align = 0;
    bool bold = false;
    QImage image;   // Raster: Format_Mono
    int lines = 0;  // Feed
};

struct EscPosDocument {
    QList<EscPosElement> elements;
    int unknownCommands = 0;  // skipped, as a printer would
    bool truncated = false;   // the stream ended inside a command
};

// Parses untrusted input: never reads past the end, caps image sizes.
EscPosDocument parseEscPos(const QByteArray& stream);

// Draws the document as a paper strip `widthDots` wide (576 for 80 mm paper).
// Text in a Thai code page is decoded as TIS-620.
QImage renderEscPos(const EscPosDocument& document, int widthDots = 576, int thaiCodePage = -1);

}  // namespace kiosk::printer
