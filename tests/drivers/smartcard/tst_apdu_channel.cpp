// The protocol state machine (61xx, 6Cxx, GET RESPONSE P2, limits, tracing)
// against a scripted fake transport.
#include "apdu_channel.h"

#include <QList>
#include <QPair>
#include <QTest>
#include <thread>

using namespace kiosk;
using namespace kiosk::card;

namespace {

QByteArray h(const char* hex) {
    return QByteArray::fromHex(hex);
}

// Answers each expected command with a scripted response, in order.
class ScriptedTransport : public CardTransport {
public:
    explicit ScriptedTransport(QByteArray atr = h("3B781800000073C84013009000"))
        : m_atr(std::move(atr)) {}
    void expect(const QByteArray& command, const QByteArray& response) {
        m_script.append({command, response});
    }

    Result<QByteArray, CardError> transmit(const QByteArray& command) override {
        sent.append(command);
        if (delayMs > 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
        }
        if (m_script.isEmpty()) {
            return fail(
                makeError(CardError::Code::Transport, QStringLiteral("unexpected command")));
        }
        const auto [want, response] = m_script.takeFirst();
        if (!want.isEmpty() && want != command) {
            return fail(makeError(
                CardError::Code::Transport,
                QStringLiteral("expected %1, got %2").arg(apdu::hex(want), apdu::hex(command))));
        }
        return response;
    }
    QByteArray atr() const override { return m_atr; }
    Protocol protocol() const override { return Protocol::T0; }
    Result<void, CardError> reconnect() override { return {}; }

    QList<QByteArray> sent;
    int delayMs = 0;
    bool done() const { return m_script.isEmpty(); }

private:
    QByteArray m_atr;
    QList<QPair<QByteArray, QByteArray>> m_script;
};

QStringList g_log;
void captureLog(QtMsgType, const QMessageLogContext& ctx, const QString& msg) {
    g_log.append(QString::fromLatin1(ctx.category) + QLatin1Char(' ') + msg);
}

}  // namespace

class TstApduChannel : public QObject {
    Q_OBJECT
private slots:
    void exchange_9000_returnsDataInOneApdu() {
        ScriptedTransport t;
        t.expect(h("80B0000402000D"), h("31313031373030323330373038") + h("9000"));
        ApduChannel ch(t);
        auto r = ch.exchangeOk(h("80B0000402000D"), QStringLiteral("cid"));
        QVERIFY(r);
        QCOMPARE(*r, QByteArray("1101700230708"));
        QCOMPARE(ch.stats().apdus, 1);
        QCOMPARE(ch.stats().bytesSent, 7);
        QCOMPARE(ch.stats().bytesReceived, 15);
    }

    void exchange_61xx_followsWithGetResponseP2Zero() {
        ScriptedTransport t;
        t.expect(h("80B0000402000D"), h("610D"));
        t.expect(h("00C000000D"), QByteArray(13, '1') + h("9000"));
        ApduChannel ch(t);
        auto r = ch.exchangeOk(h("80B0000402000D"), QStringLiteral("cid"));
        QVERIFY2(r, qPrintable(r ? QString() : r.error().summary()));
        QCOMPARE(r->size(), 13);
        QCOMPARE(ch.stats().apdus, 2);
        QVERIFY(t.done());
    }

    void exchange_atr3B67_usesGetResponseP2One() {
        ScriptedTransport t(h("3B6700007320006C689000"));
        t.expect(h("80B0000402000D"), h("610D"));
        t.expect(h("00C000010D"), QByteArray(13, '1') + h("9000"));
        ApduChannel ch(t);
        QCOMPARE(ch.getResponseP2(), quint8(1));
        QVERIFY(ch.exchangeOk(h("80B0000402000D"), QStringLiteral("cid")));
        QVERIFY(t.done());
    }

    void exchange_6Cxx_resendsWithCorrectLe() {
        ScriptedTransport t;
        t.expect(h("8000000010"), h("6C17"));
        t.expect(h("8000000017"), QByteArray(23, 'L') + h("9000"));
        ApduChannel ch(t);
        auto r = ch.exchangeOk(h("8000000010"), QStringLiteral("laser"));
        QVERIFY(r);
        QCOMPARE(r->size(), 23);
        QCOMPARE(ch.stats().apdus, 2);
    }

    void exchange_6CxxOnGetResponse_resendsGetResponse() {
        ScriptedTransport t;
        t.expect(h("80B0000402000D"), h("610D"));
        t.expect(h("00C000000D"), h("6C0C"));
        t.expect(h("00C000000C"), QByteArray(12, '1') + h("9000"));
        ApduChannel ch(t);
        auto r = ch.exchangeOk(h("80B0000402000D"), QStringLiteral("cid"));
        QVERIFY(r);
        QCOMPARE(r->size(), 12);
    }

    void exchange_chained61xx_concatenatesData() {
        ScriptedTransport t;
        t.expect(h("80B0000402000D"), h("610D"));
        t.expect(h("00C000000D"), QByteArray(5, 'a') + h("6108"));
        t.expect(h("00C0000008"), QByteArray(8, 'b') + h("9000"));
        ApduChannel ch(t);
        auto r = ch.exchangeOk(h("80B0000402000D"), QStringLiteral("cid"));
        QVERIFY(r);
        QCOMPARE(*r, QByteArray("aaaaabbbbbbbb"));
    }

    void exchange_statusOnly_skipsGetResponse() {
        ScriptedTransport t;
        t.expect(h("00A4040008A000000054480001"), h("610A"));
        ApduChannel ch(t);
        auto r = ch.exchange(h("00A4040008A000000054480001"), ApduChannel::Want::StatusOnly);
        QVERIFY(r);
        QVERIFY(r->ok());
        QCOMPARE(ch.stats().apdus, 1);
    }

    void exchangeOk_errorStatus_mapsToProtocolError() {
        ScriptedTransport t;
        t.expect({}, h("6A82"));
        ApduChannel ch(t);
        auto r = ch.exchangeOk(h("00A4040008A000000054480001"), QStringLiteral("select"));
        QVERIFY(!r);
        QCOMPARE(r.error().code, CardError::Code::Protocol);
        QCOMPARE(r.error().sw, quint16(0x6A82));
        QVERIFY(r.error().message.contains(QStringLiteral("not found")));
    }

    void exchange_responseWithoutStatusWord_isProtocolError() {
        ScriptedTransport t;
        t.expect({}, h("5A"));
        ApduChannel ch(t);
        auto r = ch.exchange(h("80B0000402000D"));
        QVERIFY(!r);
        QCOMPARE(r.error().code, CardError::Code::Protocol);
    }

    void exchange_endless61xx_isCutOff() {
        ScriptedTransport t;
        for (int i = 0; i < 40; ++i) {
            t.expect({}, h("6101"));
        }
        ApduChannel ch(t);
        auto r = ch.exchange(h("80B0000402000D"));
        QVERIFY(!r);
        QCOMPARE(r.error().code, CardError::Code::Protocol);
        QVERIFY(ch.stats().apdus <= 33);
    }

    void exchange_transportError_isPassedThrough() {
        ScriptedTransport t;  // empty script: every command fails
        ApduChannel ch(t);
        auto r = ch.exchange(h("80B0000402000D"));
        QVERIFY(!r);
        QCOMPARE(r.error().code, CardError::Code::Transport);
    }

    void exchange_slowApdu_timesOut() {
        ScriptedTransport t;
        t.delayMs = 30;
        t.expect({}, h("9000"));
        ApduChannel ch(t);
        ch.setLimits(std::chrono::milliseconds(5), ApduChannel::Clock::time_point::max());
        auto r = ch.exchange(h("80B0000402000D"));
        QVERIFY(!r);
        QCOMPARE(r.error().code, CardError::Code::Timeout);
    }

    void exchange_pastDeadline_sendsNothing() {
        ScriptedTransport t;
        ApduChannel ch(t);
        ch.setLimits(std::chrono::milliseconds(1000),
                     ApduChannel::Clock::now() - std::chrono::milliseconds(1));
        auto r = ch.exchange(h("80B0000402000D"));
        QVERIFY(!r);
        QCOMPARE(r.error().code, CardError::Code::Timeout);
        QVERIFY(t.sent.isEmpty());
    }

    void exchange_traceOn_logsHeadersButNoDataBytes() {
        ScriptedTransport t;
        t.expect({}, h("610D"));
        t.expect({}, QByteArray("1101700230708") + h("9000"));
        QLoggingCategory::setFilterRules(QStringLiteral("kiosk.drivers.smartcard.apdu.debug=true"));
        g_log.clear();
        const auto previous = qInstallMessageHandler(captureLog);
        ApduChannel ch(t);
        auto r = ch.exchangeOk(h("80B0000402000D"), QStringLiteral("cid"));
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());
        QVERIFY(r);
        const QString all = g_log.join(QLatin1Char('\n'));
        QVERIFY2(g_log.size() == 4, qPrintable(all));
        QVERIFY(all.contains(QStringLiteral("80 B0 00 04")));
        QVERIFY(all.contains(QStringLiteral("SW=9000")));
        QVERIFY(!all.contains(QStringLiteral("1101700230708")));
        QVERIFY(!all.contains(QStringLiteral("31 31 30 31")));
        QVERIFY(all.startsWith(QStringLiteral("kiosk.drivers.smartcard.apdu")));
    }

    void exchange_traceOff_logsNothing() {
        ScriptedTransport t;
        t.expect({}, h("9000"));
        g_log.clear();
        const auto previous = qInstallMessageHandler(captureLog);
        ApduChannel ch(t);
        QVERIFY(ch.exchange(h("80B0000402000D")));
        qInstallMessageHandler(previous);
        QVERIFY(g_log.isEmpty());
    }

    void withLe_commandCases_setLe() {
        QCOMPARE(apdu::withLe(h("80000000"), 0x17), h("8000000017"));
        QCOMPARE(apdu::withLe(h("8000000010"), 0x17), h("8000000017"));
        QCOMPARE(apdu::withLe(h("80B0000402000D"), 0x0D), h("80B0000402000D0D"));
        QCOMPARE(apdu::withLe(h("80B0000402000D0D"), 0x0C), h("80B0000402000D0C"));
    }

    void redactCommand_selectWithData_hidesData() {
        QCOMPARE(apdu::redactCommand(h("00A4040008A000000054480001")),
                 QStringLiteral("00 A4 04 00 Lc=8 [data]"));
        QCOMPARE(apdu::redactCommand(h("00C000000D")), QStringLiteral("00 C0 00 00 Le=13"));
    }
};

QTEST_GUILESS_MAIN(TstApduChannel)
#include "tst_apdu_channel.moc"
