// PromptPay QR codes drawn with libqrencode: finder patterns in three
// corners, a white quiet zone, module size as asked, nothing for no payload.
#include "qr_code.h"

#include <QTest>

using kiosk::ui::renderQrCode;

class TestQrCode : public QObject {
    Q_OBJECT
private slots:
    void render_payload_finderPatternsAndQuietZone() {
        const QString payload = QStringLiteral(
            "00020101021230570016A000000677010112011509940000000000102150000000000045125303764"
            "5405100.005802TH6304ABCD");
        const int module = 4;
        const QImage qr = renderQrCode(payload, module);
        QVERIFY(!qr.isNull());
        QCOMPARE(qr.width(), qr.height());
        QCOMPARE(qr.width() % module, 0);
        const int modules = qr.width() / module;
        QVERIFY(modules >= 21 + 8);  // version 1 at least, plus the quiet zone
        auto dark = [&](int mx, int my) {
            return qGray(qr.pixel(mx * module + module / 2, my * module + module / 2)) < 128;
        };
        // Quiet zone: the outer four modules are white.
        for (int i = 0; i < modules; ++i) {
            QVERIFY(!dark(i, 0) && !dark(0, i) && !dark(i, 3) && !dark(modules - 1, i));
        }
        // Finder patterns: dark corners at (4,4), (n-5,4), (4,n-5) with a light ring inside.
        const int n = modules - 8;
        for (const auto& [x, y] :
             {std::pair{4, 4}, std::pair{4 + n - 7, 4}, std::pair{4, 4 + n - 7}}) {
            QVERIFY(dark(x, y));
            QVERIFY(!dark(x + 1, y + 1));
            QVERIFY(dark(x + 3, y + 3));
        }
    }

    void render_empty_null() {
        QVERIFY(renderQrCode(QString(), 8).isNull());
        QVERIFY(renderQrCode(QStringLiteral("x"), 0).isNull());
    }

    void render_longerPayload_moreModules() {
        const QImage small = renderQrCode(QStringLiteral("PAY-1"), 1);
        const QImage large = renderQrCode(QString(300, QLatin1Char('7')), 1);
        QVERIFY(large.width() > small.width());
    }
};

QTEST_GUILESS_MAIN(TestQrCode)
#include "tst_qr_code.moc"
