// The ESC/POS encoder and reader: bytes as the printer expects them, Thai in
// TIS-620, and a reader that survives broken streams.
#include "escpos.h"
#include "receipt.h"

#include <QPainter>
#include <QTest>

using namespace kiosk::printer;

class TestEscPos : public QObject {
    Q_OBJECT
private slots:
    void encoder_initCut_exactBytes() {
        EscPosEncoder enc;
        enc.initialize().codePage(21).align(1).bold(true).feed(3).cut();
        QCOMPARE(enc.bytes(),
                 QByteArray("\x1b@\x1bt\x15\x1b\x61\x01\x1b\x45\x01\x1b\x64\x03\x1dV\x42\x00", 18));
    }

    void encoder_line_controlBytesDropped() {
        EscPosEncoder enc;
        enc.line(QByteArray("A\x1b@B\x1d", 5));
        QCOMPARE(enc.bytes(), QByteArray("A@B\n"));
    }

    void encoder_raster_headerAndBits() {
        QImage img(10, 2, QImage::Format_RGB32);
        img.fill(Qt::white);
        img.setPixel(0, 0, qRgb(0, 0, 0));
        img.setPixel(9, 1, qRgb(0, 0, 0));
        EscPosEncoder enc;
        enc.raster(img);
        // GS v 0, m=0, xL=2 xH=0 (10 dots -> 2 bytes), yL=2 yH=0, then 4 data bytes.
        QCOMPARE(enc.bytes(), QByteArray("\x1dv0\x00\x02\x00\x02\x00\x80\x00\x00\x40", 12));
    }

    void tis620_thai_roundTrip() {
        const QString thai = QStringLiteral("ใบรับรายการ 123 ตู้บริการ");
        const QByteArray bytes = toTis620(thai);
        QCOMPARE(bytes.size(), thai.size());
        QCOMPARE(static_cast<unsigned char>(bytes.at(0)), 0xE3);  // ใ U+0E43
        QCOMPARE(fromTis620(bytes), thai);
        QCOMPARE(toTis620(QStringLiteral("é")), QByteArray("?"));
    }

    void parse_encodedStream_sameElements() {
        QImage img(16, 3, QImage::Format_RGB32);
        img.fill(Qt::black);
        EscPosEncoder enc;
        enc.initialize()
            .codePage(21)
            .align(1)
            .line(toTis620(QStringLiteral("สวัสดี")))
            .raster(img)
            .feed(2)
            .cut();
        const EscPosDocument doc = parseEscPos(enc.bytes());
        QVERIFY(!doc.truncated);
        QCOMPARE(doc.unknownCommands, 0);
        QCOMPARE(doc.elements.size(), 4);
        QCOMPARE(doc.elements.at(0).kind, EscPosElement::Kind::Text);
        QCOMPARE(doc.elements.at(0).codePage, 21);
        QCOMPARE(doc.elements.at(0).align, 1);
        QCOMPARE(fromTis620(doc.elements.at(0).text), QStringLiteral("สวัสดี"));
        QCOMPARE(doc.elements.at(1).kind, EscPosElement::Kind::Raster);
        QCOMPARE(doc.elements.at(1).image.size(), QSize(16, 3));
        QCOMPARE(doc.elements.at(1).image.pixelIndex(0, 0), 1);  // black dot
        QCOMPARE(doc.elements.at(2).kind, EscPosElement::Kind::Feed);
        QCOMPARE(doc.elements.at(2).lines, 2);
        QCOMPARE(doc.elements.at(3).kind, EscPosElement::Kind::Cut);
    }

    void parse_truncatedRaster_flaggedNoCrash() {
        const QByteArray stream("\x1dv0\x00\xff\x00\xff\x00\x01\x02", 10);
        const EscPosDocument doc = parseEscPos(stream);
        QVERIFY(doc.truncated);
        QVERIFY(doc.elements.isEmpty());
    }

    void parse_oversizedRaster_skipped() {
        // 300 bytes wide is over the 2048-dot cap: data consumed, no image made.
        QByteArray stream("\x1dv0\x00", 4);
        stream.append(char(300 & 0xff)).append(char(300 >> 8)).append(char(1)).append(char(0));
        stream.append(QByteArray(300, '\0'));
        stream.append("ok\n");
        const EscPosDocument doc = parseEscPos(stream);
        QVERIFY(!doc.truncated);
        QCOMPARE(doc.elements.size(), 1);
        QCOMPARE(doc.elements.at(0).text, QByteArray("ok"));
    }

    void parse_unknownCommand_counted() {
        const EscPosDocument doc = parseEscPos(QByteArray("\x1bZhi\n", 5));
        QCOMPARE(doc.unknownCommands, 1);
        QCOMPARE(doc.elements.size(), 1);
        QCOMPARE(doc.elements.at(0).text, QByteArray("hi"));
    }

    void encodeReceipt_noThaiCodePage_rasterOnly() {
        ReceiptContent r{QStringLiteral("ใบรับรายการ"),
                         {{QStringLiteral("บริการ"), QStringLiteral("จองคิว")}},
                         QStringLiteral("REQ-2026-000001"),
                         {}};
        const EscPosDocument doc = parseEscPos(encodeReceipt(r, {576, -1}));
        int rasters = 0;
        for (const auto& e : doc.elements) {
            QVERIFY(e.kind != EscPosElement::Kind::Text);
            rasters += e.kind == EscPosElement::Kind::Raster ? 1 : 0;
        }
        QVERIFY(rasters >= 1);
        QCOMPARE(doc.elements.last().kind, EscPosElement::Kind::Cut);
    }

    void encodeReceipt_thaiCodePage_textLines() {
        ReceiptContent r{QStringLiteral("ใบรับรายการ"),
                         {{QStringLiteral("บริการ"), QStringLiteral("จองคิว")}},
                         QStringLiteral("REQ-2026-000001"),
                         {}};
        const EscPosDocument doc = parseEscPos(encodeReceipt(r, {576, 21}));
        QStringList lines;
        for (const auto& e : doc.elements) {
            QVERIFY(e.kind != EscPosElement::Kind::Raster);
            if (e.kind == EscPosElement::Kind::Text) {
                QCOMPARE(e.codePage, 21);
                lines << fromTis620(e.text);
            }
        }
        QCOMPARE(lines, QStringList({QStringLiteral("ใบรับรายการ"), QStringLiteral("บริการ: จองคิว"),
                                     QStringLiteral("REQ-2026-000001")}));
    }

    void encodeReceipt_characterOutsideCodePage_fallsBackToImage() {
        ReceiptContent r{QStringLiteral("Receipt €"), {}, QStringLiteral("R-1"), {}};
        const EscPosDocument doc = parseEscPos(encodeReceipt(r, {576, 21}));
        bool raster = false;
        for (const auto& e : doc.elements) {
            raster = raster || e.kind == EscPosElement::Kind::Raster;
        }
        QVERIFY(raster);
    }

    void render_receipt_inkOnPaper() {
        ReceiptContent r{QStringLiteral("ใบรับรายการ"), {}, QStringLiteral("REQ-1"), {}};
        const QImage paper = renderEscPos(parseEscPos(encodeReceipt(r, {384, -1})), 384);
        QCOMPARE(paper.width(), 384);
        int dark = 0;
        for (int y = 0; y < paper.height(); ++y) {
            for (int x = 0; x < paper.width(); ++x) {
                dark += qGray(paper.pixel(x, y)) < 100 ? 1 : 0;
            }
        }
        QVERIFY2(dark > 200, qPrintable(QString::number(dark)));
    }
};

QTEST_MAIN(TestEscPos)
#include "tst_escpos.moc"
