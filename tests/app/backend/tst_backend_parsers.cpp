// Parsers of the government backends' answers: the documented shapes parse,
// anything missing, mistyped or out of range is BadResponse (never a default
// value that looks like an answer), and a PromptPay QR with a broken CRC or
// another amount never reaches the caller.
#include "backend_parsers.h"
#include "promptpay.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace kiosk;
using namespace kiosk::backend;

namespace {

// The shape of a CheckCardByLaser answer as the public service returns it
// (SOAP 1.2, whitespace inside the elements as some gateways indent it).
const QByteArray kDopaValid =
    QStringLiteral(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
        "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\">"
        "<soap:Body><CheckCardByLaserResponse "
        "xmlns=\"http://tempuri.org/\"><CheckCardByLaserResult>"
        "<IsError>\n false\n</IsError><ErrorMessage/><Code>\n 0\n</Code><Desc>\n สถานะปกติ\n</Desc>"
        "</CheckCardByLaserResult></CheckCardByLaserResponse></soap:Body></soap:Envelope>")
        .toUtf8();

}  // namespace

class TestBackendParsers : public QObject {
    Q_OBJECT
private slots:
    void parseDopaResponse_validCard_code0() {
        const auto r = parseDopaResponse(kDopaValid);
        QVERIFY2(r.has_value(), qPrintable(r.has_value() ? QString() : r.error().message));
        QCOMPARE(r->code, 0);
        QVERIFY(!r->isError);
        QCOMPARE(r->description, QStringLiteral("สถานะปกติ"));
    }

    void parseDopaResponse_notNormal_code4() {
        QByteArray body = kDopaValid;
        body.replace("false", "true").replace("\n 0\n", "4");
        const auto r = parseDopaResponse(body);
        QVERIFY(r.has_value());
        QCOMPARE(r->code, 4);
        QVERIFY(r->isError);
    }

    void parseDopaResponse_soapFault_rejected() {
        const QByteArray fault =
            "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Body>"
            "<soap:Fault><soap:Reason><soap:Text>Server was unable to read request.</soap:Text>"
            "</soap:Reason></soap:Fault></soap:Body></soap:Envelope>";
        const auto r = parseDopaResponse(fault);
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().code, BackendError::Code::Rejected);
        QVERIFY(r.error().message.contains(QStringLiteral("unable to read")));
    }

    void parseDopaResponse_broken_badResponse_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("html error page") << QByteArray("<html><body>502 Bad Gateway</body></html>");
        QTest::newRow("truncated") << kDopaValid.left(kDopaValid.size() / 2);
        QTest::newRow("no code") << QByteArray(kDopaValid).replace("<Code>\n 0\n</Code>", "");
        QTest::newRow("code not a number") << QByteArray(kDopaValid).replace("\n 0\n", "zero");
        QTest::newRow("IsError not boolean")
            << QByteArray(kDopaValid).replace("\n false\n", "maybe");
    }
    void parseDopaResponse_broken_badResponse() {
        QFETCH(QByteArray, body);
        const auto r = parseDopaResponse(body);
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().code, BackendError::Code::BadResponse);
        QVERIFY(!r.error().retryable());
    }

    void dopaRequestXml_roundTrip_sameFields() {
        const CardCheckRequest req{QStringLiteral("1101700230708"), QStringLiteral("สมชาย <&>"),
                                   QStringLiteral("ทดสอบดี"), QStringLiteral("25300115"),
                                   QStringLiteral("JT0123456789")};
        const QByteArray xml = dopaRequestXml(req);
        QVERIFY(xml.contains("http://www.w3.org/2003/05/soap-envelope"));
        QVERIFY(xml.contains("&lt;&amp;&gt;"));
        const auto back = parseDopaRequest(xml);
        QVERIFY(back.has_value());
        QCOMPARE(back->firstNameTh, req.firstNameTh);
        QCOMPARE(back->laserCode, req.laserCode);
        QCOMPARE(back->birthDateBe, req.birthDateBe);
    }

    void parseFvsResponse_outOfRange_badResponse() {
        QVERIFY(parseFvsResponse(R"({"similarity": 87.5, "transaction_id": "t"})").has_value());
        QVERIFY(!parseFvsResponse(R"({"similarity": 187.5})").has_value());
        QVERIFY(!parseFvsResponse(R"({"similarity": "high"})").has_value());
        QVERIFY(!parseFvsResponse(R"([1,2])").has_value());
    }

    void parseIdpAccount_unknownLevel_badResponse() {
        QCOMPARE(parseIdpAccount(R"({"account_id":"ACC-1","ial":"2.3"})")->ial,
                 QStringLiteral("2.3"));
        QVERIFY(!parseIdpAccount(R"({"account_id":"ACC-1","ial":"9.9"})").has_value());
        QVERIFY(!parseIdpAccount(R"({"ial":"2.3"})").has_value());
    }

    void parsePaymentIntent_checksQr() {
        const QByteArray qr = *promptpay::buildPayload(
            {promptpay::Target::Kind::NationalId, QStringLiteral("0999999999999")}, 2000);
        auto body = [&](const QByteArray& payload, qint64 amount) {
            return QJsonDocument(
                       QJsonObject{{QStringLiteral("payment_id"), QStringLiteral("PAY-1")},
                                   {QStringLiteral("amount_satang"), amount},
                                   {QStringLiteral("qr_payload"), QString::fromLatin1(payload)},
                                   {QStringLiteral("status"), QStringLiteral("pending")}})
                .toJson();
        };
        const auto ok = parsePaymentIntent(body(qr, 2000));
        QVERIFY2(ok.has_value(), qPrintable(ok.has_value() ? QString() : ok.error().message));
        QCOMPARE(ok->qrPayload, qr);
        const auto otherAmount = parsePaymentIntent(body(qr, 3000));
        QVERIFY(!otherAmount.has_value());
        QVERIFY(otherAmount.error().message.contains(QStringLiteral("amount")));
        QByteArray broken = qr;
        broken[broken.size() - 1] = broken.back() == '0' ? '1' : '0';
        const auto badCrc = parsePaymentIntent(body(broken, 2000));
        QVERIFY(!badCrc.has_value());
        QVERIFY(badCrc.error().message.contains(QStringLiteral("CRC")));
    }

    void parseCatalogue_negativeFee_badResponse() {
        QCOMPARE(parseCatalogue(
                     R"({"services":[{"id":"a","name_th":"ก","name_en":"A","fee_satang":0}]})")
                     ->size(),
                 1);
        QVERIFY(!parseCatalogue(
                     R"({"services":[{"id":"a","name_th":"ก","name_en":"A","fee_satang":-5}]})")
                     .has_value());
        QVERIFY(!parseCatalogue(R"({"services":{}})").has_value());
    }

    void parseBindingChallenge_expiry_checked() {
        QVERIFY(parseBindingChallenge(R"({"challenge_id":"c","expires_in_s":300})").has_value());
        QVERIFY(!parseBindingChallenge(R"({"challenge_id":"c","expires_in_s":0})").has_value());
    }
};

QTEST_GUILESS_MAIN(TestBackendParsers)
#include "tst_backend_parsers.moc"
