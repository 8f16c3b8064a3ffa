// The record's canonical encoding: sorted keys, no whitespace, minimal
// escapes, integers without a fraction; the same bytes however the object
// was built.
#include "canonical_json.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace kiosk::proofing;

class TestCanonicalJson : public QObject {
    Q_OBJECT
private slots:
    void canonicalJson_nestedObject_sortedCompact() {
        const QJsonObject o{
            {QStringLiteral("b"), 1},
            {QStringLiteral("a"), QJsonArray{true, QJsonValue(), QStringLiteral("x")}},
            {QStringLiteral("c"),
             QJsonObject{{QStringLiteral("z"), 2}, {QStringLiteral("y"), -3}}}};
        QCOMPARE(canonicalJson(o), QByteArray(R"({"a":[true,null,"x"],"b":1,"c":{"y":-3,"z":2}})"));
    }

    void canonicalJson_insertionOrder_sameBytes() {
        QJsonObject a;
        a.insert(QStringLiteral("kiosk_id"), QStringLiteral("K1"));
        a.insert(QStringLiteral("ial"), QStringLiteral("2.3"));
        QJsonObject b;
        b.insert(QStringLiteral("ial"), QStringLiteral("2.3"));
        b.insert(QStringLiteral("kiosk_id"), QStringLiteral("K1"));
        QCOMPARE(canonicalJson(a), canonicalJson(b));
    }

    void canonicalJson_escapes_minimal() {
        const QJsonObject o{{QStringLiteral("s"), QStringLiteral("q\"b\\n\nt\tc\x01 ไทย /")}};
        QCOMPARE(canonicalJson(o), QByteArray("{\"s\":\"q\\\"b\\\\n\\nt\\tc\\u0001 ") +
                                       QStringLiteral("ไทย").toUtf8() + QByteArray(" /\"}"));
    }

    void canonicalJson_numbers_integersPlain() {
        QCOMPARE(canonicalJson(QJsonValue(1700000000123.0)), QByteArray("1700000000123"));
        QCOMPARE(canonicalJson(QJsonValue(0.5)), QByteArray("0.5"));
        QCOMPARE(canonicalJson(QJsonValue(-0.0)), QByteArray("0"));
    }

    void canonicalJson_keysByUtf16_notLocale() {
        // Upper-case before lower-case, digits before letters (code-unit order).
        const QJsonObject o{
            {QStringLiteral("b"), 1}, {QStringLiteral("B"), 2}, {QStringLiteral("1"), 3}};
        QCOMPARE(canonicalJson(o), QByteArray(R"({"1":3,"B":2,"b":1})"));
    }
};

QTEST_GUILESS_MAIN(TestCanonicalJson)
#include "tst_canonical_json.moc"
