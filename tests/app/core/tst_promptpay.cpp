// PromptPay payloads against published reference payloads. The expected
// strings are the outputs of the widely used `promptpay-qr` npm package as
// quoted in public test suites of other projects (phone target with and
// without an amount, a 13-digit national id with 20.50 baht, a 15-digit
// e-wallet), and the CRC-16/CCITT-FALSE check value of "123456789" (29B1) from
// the CRC catalogue.
#include "promptpay.h"

#include <QTest>

using namespace kiosk::promptpay;

class TestPromptPay : public QObject {
    Q_OBJECT
private slots:
    void crc16_checkString_catalogueValue() {
        QCOMPARE(crc16CcittFalse("123456789"), quint16(0x29B1));
    }

    void buildPayload_publishedExamples_match_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("id");
        QTest::addColumn<qint64>("satang");  // -1: no amount
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("phone, static")
            << int(Target::Kind::Phone) << "0812345678" << qint64(-1)
            << QByteArray(
                   "00020101021129370016A000000677010111011300668123456785802TH530376463045D82");
        QTest::newRow("phone, 100 baht")
            << int(Target::Kind::Phone) << "0812345678" << qint64(10000)
            << QByteArray(
                   "00020101021229370016A000000677010111011300668123456785802TH53037645406100."
                   "006304BB8A");
        QTest::newRow("phone, 150 baht")
            << int(Target::Kind::Phone) << "0812345678" << qint64(15000)
            << QByteArray(
                   "00020101021229370016A000000677010111011300668123456785802TH53037645406150."
                   "006304CC46");
        QTest::newRow("national id, 20.50 baht")
            << int(Target::Kind::NationalId) << "1101700207030" << qint64(2050)
            << QByteArray(
                   "00020101021229370016A000000677010111021311017002070305802TH5303764540520."
                   "506304E68D");
        QTest::newRow("e-wallet, static")
            << int(Target::Kind::EWallet) << "123456789012345" << qint64(-1)
            << QByteArray(
                   "00020101021129390016A00000067701011103151234567890123455802TH5303764630473AF");
    }
    void buildPayload_publishedExamples_match() {
        QFETCH(int, kind);
        QFETCH(QString, id);
        QFETCH(qint64, satang);
        QFETCH(QByteArray, expected);
        const auto p = buildPayload({static_cast<Target::Kind>(kind), id},
                                    satang < 0 ? std::nullopt : std::optional<qint64>(satang));
        QVERIFY2(p.has_value(), qPrintable(p.has_value() ? QString() : p.error()));
        QCOMPARE(*p, expected);
        const auto parsed = parsePayload(*p);
        QVERIFY(parsed.has_value());
        QCOMPARE(parsed->amountSatang.value_or(-1), satang);
        QCOMPARE(parsed->dynamic, satang >= 0);
    }

    void buildPayload_badTarget_error() {
        QVERIFY(!buildPayload({Target::Kind::Phone, QStringLiteral("12345")}, {}).has_value());
        QVERIFY(!buildPayload({Target::Kind::NationalId, QStringLiteral("11017")}, {}).has_value());
        QVERIFY(!buildPayload({Target::Kind::NationalId, QStringLiteral("1101700207030")}, 0)
                     .has_value());
    }

    void parsePayload_flippedDigit_crcError() {
        QByteArray p =
            "00020101021229370016A000000677010111011300668123456785802TH53037645406100.006304BB8A";
        p[60] = p[60] == '1' ? '2' : '1';  // inside the amount
        const auto r = parsePayload(p);
        QVERIFY(!r.has_value());
        QVERIFY(r.error().contains(QStringLiteral("CRC")));
    }

    void parsePayload_otherCurrency_rejected() {
        // A well-formed payload (CRC right) that asks for another currency.
        QByteArray body =
            "000201010211"
            "29370016A00000067701011101130066812345678"
            "5802TH"
            "5303840"
            "6304";
        body += QByteArray::number(crc16CcittFalse(body), 16).toUpper().rightJustified(4, '0');
        const auto r = parsePayload(body);
        QVERIFY(!r.has_value());
        QVERIFY(r.error().contains(QStringLiteral("764")));
    }

    void parsePayload_truncated_error() {
        QVERIFY(!parsePayload("0002").has_value());
        QVERIFY(!parsePayload("").has_value());
    }
};

QTEST_GUILESS_MAIN(TestPromptPay)
#include "tst_promptpay.moc"
