#include "json_schema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace kiosk;

namespace {

QJsonObject obj(const char* json) {
    return QJsonDocument::fromJson(json).object();
}
QJsonValue val(const char* json) {
    return QJsonDocument::fromJson(QByteArray("[") + json + "]").array().at(0);
}

QList<SchemaViolation> check(const char* schema, const char* instance) {
    auto s = JsonSchema::fromJson(obj(schema));
    if (!s) {
        qFatal("schema rejected: %s", qPrintable(s.error()));
    }
    return s->validate(val(instance));
}

}  // namespace

class TestJsonSchema : public QObject {
    Q_OBJECT
private slots:
    void fromJson_unsupportedKeyword_rejected() {
        const auto s = JsonSchema::fromJson(obj(R"({"type":"object","oneOf":[]})"));
        QVERIFY(!s);
        QVERIFY2(s.error().contains(QStringLiteral("oneOf")), qPrintable(s.error()));
    }

    void fromJson_nestedUnsupportedKeyword_rejected() {
        QVERIFY(!JsonSchema::fromJson(obj(R"({"properties":{"a":{"anyOf":[]}}})")));
        QVERIFY(!JsonSchema::fromJson(obj(R"({"items":{"not":{}}})")));
    }

    void fromJson_badPatternOrRef_rejected() {
        QVERIFY(!JsonSchema::fromJson(obj("{\"pattern\":\"(unclosed\"}")));
        QVERIFY(!JsonSchema::fromJson(obj(R"({"$ref":"#/$defs/missing"})")));
        QVERIFY(!JsonSchema::fromJson(obj("{\"$ref\":\"https://elsewhere/schema\"}")));
    }

    void validate_type_data() {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QString>("instance");
        QTest::addColumn<bool>("valid");
        QTest::newRow("integer ok") << R"({"type":"integer"})"
                                    << "3" << true;
        QTest::newRow("integer vs fraction") << R"({"type":"integer"})"
                                             << "3.5" << false;
        QTest::newRow("number accepts integer") << R"({"type":"number"})"
                                                << "3" << true;
        QTest::newRow("string vs number") << R"({"type":"string"})"
                                          << "3" << false;
        QTest::newRow("boolean") << R"({"type":"boolean"})"
                                 << "false" << true;
        QTest::newRow("null") << R"({"type":"null"})"
                              << "null" << true;
        QTest::newRow("type list") << R"({"type":["string","null"]})"
                                   << "null" << true;
        QTest::newRow("type list miss") << R"({"type":["string","null"]})"
                                        << "1" << false;
        QTest::newRow("object vs array") << R"({"type":"object"})"
                                         << "[]" << false;
    }
    void validate_type() {
        QFETCH(QString, schema);
        QFETCH(QString, instance);
        QFETCH(bool, valid);
        const auto v = check(schema.toUtf8().constData(), instance.toUtf8().constData());
        QCOMPARE(v.isEmpty(), valid);
        if (!valid) {
            QCOMPARE(v.first().keyword, QStringLiteral("type"));
        }
    }

    void validate_numberBounds_reasonNamesLimit() {
        const char* schema = R"({"minimum":15,"maximum":60,"exclusiveMaximum":60})";
        QVERIFY(check(schema, "15").isEmpty());
        const auto low = check(schema, "3");
        QCOMPARE(low.size(), 1);
        QCOMPARE(low.first().keyword, QStringLiteral("minimum"));
        QVERIFY2(low.first().message.contains(QStringLiteral("at least 15")),
                 qPrintable(low.first().message));
        QCOMPARE(check(schema, "60").size(), 1);  // exclusiveMaximum
        QCOMPARE(check(schema, "61").size(), 2);  // maximum and exclusiveMaximum
        QCOMPARE(check(R"({"exclusiveMinimum":0})", "0").size(), 1);
    }

    void validate_stringRules() {
        QVERIFY(check(R"({"minLength":2,"maxLength":3})", R"("ab")").isEmpty());
        QCOMPARE(check(R"({"minLength":2})", R"("a")").first().keyword,
                 QStringLiteral("minLength"));
        QCOMPARE(check(R"({"maxLength":3})", R"("abcd")").first().keyword,
                 QStringLiteral("maxLength"));
        // Length counts code points: Thai text of three characters is three long.
        QVERIFY(check(R"({"maxLength":3})", "\"\u0E01\u0E02\u0E03\"").isEmpty());
        QCOMPARE(check("{\"pattern\":\"^https://\"}", "\"http://x\"").first().keyword,
                 QStringLiteral("pattern"));
        QVERIFY(check("{\"pattern\":\"^https://\"}", "\"https://x\"").isEmpty());
    }

    void validate_formats() {
        QVERIFY(check(R"({"format":"uri"})", "\"https://127.0.0.1:8443/x\"").isEmpty());
        QCOMPARE(check(R"({"format":"uri"})", R"("not a uri")").size(), 1);
        QVERIFY(check(R"({"format":"hostname"})", R"("broker.example")").isEmpty());
        QCOMPARE(check(R"({"format":"hostname"})", R"("bad host!")").size(), 1);
        QVERIFY(check(R"({"format":"date"})", R"("2026-02-28")").isEmpty());
        QCOMPARE(check(R"({"format":"date"})", R"("2026-02-30")").size(), 1);
    }

    void validate_enumAndConst() {
        QVERIFY(check(R"({"enum":["th","en"]})", R"("th")").isEmpty());
        const auto v = check(R"({"enum":["th","en"]})", R"("fr")");
        QCOMPARE(v.size(), 1);
        QVERIFY(v.first().message.contains(QStringLiteral("\"th\", \"en\"")));
        QCOMPARE(check(R"({"const":1})", "2").first().keyword, QStringLiteral("const"));
    }

    void validate_objectRules_pathsPointAtField() {
        const char* schema = R"({"type":"object","required":["a","b"],"additionalProperties":false,
            "properties":{"a":{"type":"object","properties":{"x/y":{"type":"integer"}}},"b":{"type":"string"}}})";
        const auto v = check(schema, R"({"a":{"x/y":"no"},"c":1})");
        QStringList paths;
        for (const auto& e : v) {
            paths << e.path + QLatin1Char(' ') + e.keyword;
        }
        paths.sort();
        QCOMPARE(paths, QStringList({QStringLiteral("/a/x~1y type"), QStringLiteral("/b required"),
                                     QStringLiteral("/c additionalProperties")}));
    }

    void validate_additionalPropertiesSchema_appliedToExtras() {
        const char* schema = R"({"additionalProperties":{"type":"integer"}})";
        QVERIFY(check(schema, R"({"a":1})").isEmpty());
        QCOMPARE(check(schema, R"({"a":"x"})").first().path, QStringLiteral("/a"));
    }

    void validate_arrayRules() {
        const char* schema =
            R"({"type":"array","items":{"type":"string"},"minItems":1,"maxItems":2,"uniqueItems":true})";
        QVERIFY(check(schema, R"(["a"])").isEmpty());
        QCOMPARE(check(schema, "[]").first().keyword, QStringLiteral("minItems"));
        QCOMPARE(check(schema, R"(["a","b","c"])").first().keyword, QStringLiteral("maxItems"));
        QCOMPARE(check(schema, R"(["a","a"])").first().keyword, QStringLiteral("uniqueItems"));
        QCOMPARE(check(schema, R"(["a",1])").first().path, QStringLiteral("/1"));
    }

    void validate_ref_resolvesDefs() {
        const char* schema =
            R"({"properties":{"lang":{"$ref":"#/$defs/lang"}},"$defs":{"lang":{"enum":["th","en"]}}})";
        QVERIFY(check(schema, R"({"lang":"en"})").isEmpty());
        QCOMPARE(check(schema, R"({"lang":"de"})").first().path, QStringLiteral("/lang"));
    }
};

QTEST_APPLESS_MAIN(TestJsonSchema)
#include "tst_json_schema.moc"
