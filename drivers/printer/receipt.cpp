#include "receipt.h"

#include "escpos.h"

#include <QFontMetrics>
#include <QPainter>

#include <algorithm>

namespace kiosk::printer {

namespace {

QString lineText(const std::pair<QString, QString>& line) {
    return line.first.isEmpty() ? line.second : line.first + QStringLiteral(": ") + line.second;
}

}  // namespace

QImage renderReceiptImage(const ReceiptContent& receipt, int widthDots) {
    QFont body(QStringLiteral("Laksaman"));
    body.setPixelSize(26);
    QFont title = body;
    title.setPixelSize(34);
    title.setBold(true);
    QFont ref = body;
    ref.setPixelSize(40);
    ref.setBold(true);
    const int margin = 8;
    const int textWidth = widthDots - 2 * margin;

    // Measure, then draw: the strip is exactly as long as its content.
    struct Block {
        QString text;
        QFont font;
        int flags;
    };
    QList<Block> blocks;
    blocks.append({receipt.title, title, Qt::AlignHCenter});
    for (const auto& l : receipt.lines) {
        blocks.append({lineText(l), body, Qt::AlignLeft});
    }
    if (!receipt.reference.isEmpty()) {
        blocks.append({receipt.reference, ref, Qt::AlignHCenter});
    }
    if (!receipt.footer.isEmpty()) {
        blocks.append({receipt.footer, body, Qt::AlignHCenter});
    }
    int height = margin;
    QList<int> heights;
    for (const Block& b : blocks) {
        const QRect r = QFontMetrics(b.font).boundingRect(QRect(0, 0, textWidth, 10000),
                                                          b.flags | Qt::TextWordWrap, b.text);
        heights.append(r.height() + 10);
        height += r.height() + 10;
    }
    QImage image(widthDots, height + margin, QImage::Format_Grayscale8);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setPen(Qt::black);
    int y = margin;
    for (qsizetype i = 0; i < blocks.size(); ++i) {
        p.setFont(blocks.at(i).font);
        p.drawText(QRect(margin, y, textWidth, heights.at(i)),
                   blocks.at(i).flags | Qt::TextWordWrap, blocks.at(i).text);
        y += heights.at(i);
    }
    return image;
}

bool fitsThaiCodePage(const QString& text) {
    return std::all_of(text.begin(), text.end(), [](QChar c) {
        const ushort u = c.unicode();
        return (u >= 0x20 && u < 0x7f) || (u >= 0x0E01 && u <= 0x0E5B);
    });
}

QByteArray encodeReceipt(const ReceiptContent& receipt, const PrinterProfile& profile) {
    EscPosEncoder enc;
    enc.initialize();
    bool asText = profile.thaiCodePage >= 0 && fitsThaiCodePage(receipt.title) &&
                  fitsThaiCodePage(receipt.reference) && fitsThaiCodePage(receipt.footer);
    for (const auto& l : receipt.lines) {
        asText = asText && fitsThaiCodePage(lineText(l));
    }
    if (asText) {
        enc.codePage(profile.thaiCodePage)
            .align(1)
            .bold(true)
            .line(toTis620(receipt.title))
            .bold(false);
        enc.align(0);
        for (const auto& l : receipt.lines) {
            enc.line(toTis620(lineText(l)));
        }
        enc.align(1).bold(true).line(toTis620(receipt.reference)).bold(false);
        if (!receipt.footer.isEmpty()) {
            enc.line(toTis620(receipt.footer));
        }
    } else {
        enc.align(1).raster(renderReceiptImage(receipt, profile.widthDots));
    }
    enc.feed(3).cut();
    return enc.bytes();
}

}  // namespace kiosk::printer
