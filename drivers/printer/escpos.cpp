#include "escpos.h"

#include <QFont>
#include <QFontMetrics>
#include <QPainter>

#include <algorithm>

namespace kiosk::printer {

namespace {
constexpr char ESC = 0x1b;
constexpr char GS = 0x1d;
constexpr char LF = 0x0a;
// Receipts are short; a larger raster is a corrupt or hostile stream.
constexpr int kMaxRasterWidthBytes = 256;  // 2048 dots
constexpr int kMaxRasterHeight = 8192;
constexpr int kMaxElements = 10000;
}  // namespace

EscPosEncoder& EscPosEncoder::initialize() {
    m_bytes.append(ESC).append('@');
    return *this;
}

EscPosEncoder& EscPosEncoder::codePage(int page) {
    m_bytes.append(ESC).append('t').append(char(std::clamp(page, 0, 255)));
    return *this;
}

EscPosEncoder& EscPosEncoder::align(int mode) {
    m_bytes.append(ESC).append('a').append(char(std::clamp(mode, 0, 2)));
    return *this;
}

EscPosEncoder& EscPosEncoder::bold(bool on) {
    m_bytes.append(ESC).append('E').append(char(on ? 1 : 0));
    return *this;
}

EscPosEncoder& EscPosEncoder::line(const QByteArray& encoded) {
    // Control bytes inside text would be read as commands: drop them.
    for (char c : encoded) {
        if (static_cast<unsigned char>(c) >= 0x20) {
            m_bytes.append(c);
        }
    }
    m_bytes.append(LF);
    return *this;
}

EscPosEncoder& EscPosEncoder::feed(int lines) {
    m_bytes.append(ESC).append('d').append(char(std::clamp(lines, 0, 255)));
    return *this;
}

EscPosEncoder& EscPosEncoder::raster(const QImage& source) {
    if (source.isNull()) {
        return *this;
    }
    const QImage gray = source.convertToFormat(QImage::Format_Grayscale8);
    const int widthBytes = std::min((gray.width() + 7) / 8, kMaxRasterWidthBytes);
    // GS v 0 carries at most 65535 rows per command; receipts stay far below,
    // but send bands so a long receipt never overflows a printer's buffer.
    constexpr int kBand = 256;
    for (int top = 0; top < gray.height(); top += kBand) {
        const int rows = std::min(kBand, gray.height() - top);
        m_bytes.append(GS).append('v').append('0').append(char(0));
        m_bytes.append(char(widthBytes & 0xff)).append(char(widthBytes >> 8));
        m_bytes.append(char(rows & 0xff)).append(char(rows >> 8));
        for (int y = top; y < top + rows; ++y) {
            const uchar* line = gray.constScanLine(y);
            for (int xb = 0; xb < widthBytes; ++xb) {
                uchar byte = 0;
                for (int bit = 0; bit < 8; ++bit) {
                    const int x = xb * 8 + bit;
                    if (x < gray.width() && line[x] < 128) {
                        byte |= uchar(0x80 >> bit);
                    }
                }
                m_bytes.append(char(byte));
            }
        }
    }
    return *this;
}

EscPosEncoder& EscPosEncoder::cut() {
    m_bytes.append(GS).append('V').append(char(66)).append(char(0));
    return *this;
}

QByteArray toTis620(const QString& text) {
    QByteArray out;
    out.reserve(text.size());
    for (QChar c : text) {
        const ushort u = c.unicode();
        if (u < 0x80) {
            out.append(char(u));
        } else if (u >= 0x0E01 && u <= 0x0E5B) {
            out.append(char(u - 0x0E00 + 0xA0));
        } else {
            out.append('?');
        }
    }
    return out;
}

QString fromTis620(const QByteArray& bytes) {
    QString out;
    out.reserve(bytes.size());
    for (char ch : bytes) {
        const auto b = static_cast<unsigned char>(ch);
        if (b < 0x80) {
            out.append(QChar(ushort(b)));
        } else if (b >= 0xA1 && b <= 0xFB) {
            out.append(QChar(ushort(b - 0xA0 + 0x0E00)));
        } else {
            out.append(QChar(0xFFFD));
        }
    }
    return out;
}

EscPosDocument parseEscPos(const QByteArray& s) {
    EscPosDocument doc;
    int codePage = 0;
    int align = 0;
    bool bold = false;
    QByteArray text;
    const qsizetype n = s.size();
    qsizetype i = 0;
    auto need = [&](qsizetype count) {
        if (i + count > n) {
            doc.truncated = true;
            return false;
        }
        return true;
    };
    auto flushText = [&](bool force) {
        if ((force || !text.isEmpty()) && doc.elements.size() < kMaxElements) {
            EscPosElement e;
            e.kind = EscPosElement::Kind::Text;
            e.text = text;
            e.codePage = codePage;
            e.align = align;
            e.bold = bold;
            doc.elements.append(e);
        }
        text.clear();
    };
    while (i < n && !doc.truncated) {
        const char c = s.at(i);
        if (c == LF) {
            flushText(true);
            ++i;
        } else if (c == ESC) {
            if (!need(2)) {
                break;
            }
            const char cmd = s.at(i + 1);
            if (cmd == '@') {
                codePage = 0;
                align = 0;
                bold = false;
                i += 2;
            } else if (cmd == 't' || cmd == 'a' || cmd == 'E' || cmd == 'd') {
                if (!need(3)) {
                    break;
                }
                const int arg = static_cast<unsigned char>(s.at(i + 2));
                if (cmd == 't') {
                    codePage = arg;
                } else if (cmd == 'a') {
                    align = std::clamp(arg & 0x03, 0, 2);
                } else if (cmd == 'E') {
                    bold = arg & 1;
                } else {
                    flushText(false);
                    if (doc.elements.size() < kMaxElements) {
                        EscPosElement e;
                        e.kind = EscPosElement::Kind::Feed;
                        e.lines = arg;
                        doc.elements.append(e);
                    }
                }
                i += 3;
            } else {
                ++doc.unknownCommands;
                i += 2;
            }
        } else if (c == GS) {
            if (!need(2)) {
                break;
            }
            const char cmd = s.at(i + 1);
            if (cmd == 'v') {
                if (!need(8) || s.at(i + 2) != '0') {
                    if (!doc.truncated) {
                        ++doc.unknownCommands;
                        i += 3;
                    }
                    continue;
                }
                const int wBytes = static_cast<unsigned char>(s.at(i + 4)) |
                                   (static_cast<unsigned char>(s.at(i + 5)) << 8);
                const int rows = static_cast<unsigned char>(s.at(i + 6)) |
                                 (static_cast<unsigned char>(s.at(i + 7)) << 8);
                i += 8;
                const qsizetype dataSize = qsizetype(wBytes) * rows;
                if (!need(dataSize)) {
                    break;
                }
                flushText(false);
                if (wBytes > 0 && rows > 0 && wBytes <= kMaxRasterWidthBytes &&
                    rows <= kMaxRasterHeight && doc.elements.size() < kMaxElements) {
                    QImage img(wBytes * 8, rows, QImage::Format_Mono);
                    img.setColor(0, qRgb(255, 255, 255));
                    img.setColor(1, qRgb(0, 0, 0));
                    for (int y = 0; y < rows; ++y) {
                        std::copy_n(s.constData() + i + qsizetype(y) * wBytes, wBytes,
                                    img.scanLine(y));
                    }
                    EscPosElement e;
                    e.kind = EscPosElement::Kind::Raster;
                    e.image = img;
                    e.align = align;
                    doc.elements.append(e);
                }
                i += dataSize;
            } else if (cmd == 'V') {
                if (!need(3)) {
                    break;
                }
                const int m = static_cast<unsigned char>(s.at(i + 2));
                // Function B (65/66) carries a feed amount byte.
                const qsizetype len = (m == 65 || m == 66) ? 4 : 3;
                if (!need(len)) {
                    break;
                }
                flushText(false);
                if (doc.elements.size() < kMaxElements) {
                    EscPosElement e;
                    e.kind = EscPosElement::Kind::Cut;
                    doc.elements.append(e);
                }
                i += len;
            } else {
                ++doc.unknownCommands;
                i += 2;
            }
        } else {
            if (static_cast<unsigned char>(c) >= 0x20 && text.size() < 4096) {
                text.append(c);
            }
            ++i;
        }
    }
    flushText(false);
    return doc;
}

QImage renderEscPos(const EscPosDocument& document, int widthDots, int thaiCodePage) {
    widthDots = std::clamp(widthDots, 64, 2048);
    QFont regular(QStringLiteral("Laksaman"));
    regular.setPixelSize(28);
    QFont strong = regular;
    strong.setBold(true);
    const int lineHeight = QFontMetrics(regular).height();

    // First pass: height.
    int height = 16;
    for (const EscPosElement& e : document.elements) {
        switch (e.kind) {
            case EscPosElement::Kind::Text:
                height += lineHeight;
                break;
            case EscPosElement::Kind::Raster:
                height += e.image.height();
                break;
            case EscPosElement::Kind::Feed:
                height += lineHeight * std::min(e.lines, 32);
                break;
            case EscPosElement::Kind::Cut:
                height += 24;
                break;
        }
        if (height > 60000) {
            height = 60000;
            break;
        }
    }
    QImage paper(widthDots, height + 16, QImage::Format_RGB32);
    paper.fill(Qt::white);
    QPainter p(&paper);
    int y = 16;
    for (const EscPosElement& e : document.elements) {
        if (y >= paper.height()) {
            break;
        }
        switch (e.kind) {
            case EscPosElement::Kind::Text: {
                const QString text = (thaiCodePage >= 0 && e.codePage == thaiCodePage)
                                         ? fromTis620(e.text)
                                         : QString::fromLatin1(e.text);
                p.setFont(e.bold ? strong : regular);
                p.setPen(Qt::black);
                const int flags = e.align == 1   ? Qt::AlignHCenter
                                  : e.align == 2 ? Qt::AlignRight
                                                 : Qt::AlignLeft;
                p.drawText(QRect(8, y, widthDots - 16, lineHeight), flags | Qt::AlignVCenter, text);
                y += lineHeight;
                break;
            }
            case EscPosElement::Kind::Raster: {
                const int w = std::min(e.image.width(), widthDots);
                const int x = e.align == 1 ? (widthDots - w) / 2 : e.align == 2 ? widthDots - w : 0;
                p.drawImage(x, y, e.image);
                y += e.image.height();
                break;
            }
            case EscPosElement::Kind::Feed:
                y += lineHeight * std::min(e.lines, 32);
                break;
            case EscPosElement::Kind::Cut:
                p.setPen(QPen(Qt::gray, 2, Qt::DashLine));
                p.drawLine(0, y + 12, widthDots, y + 12);
                y += 24;
                break;
        }
    }
    return paper;
}

}  // namespace kiosk::printer
