// The shipped configuration is valid, and each kind of broken file is
// rejected with the offending field named. loadWithLastGood keeps the kiosk
// running on the last good copy.
#include "config.h"
#include "test_env.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <functional>

using namespace kiosk;

namespace {

QJsonObject shipped() {
    QFile f(test::sourceDir() + QStringLiteral("/config/kiosk.json"));
    if (!f.open(QIODevice::ReadOnly)) {
        qFatal("cannot read config/kiosk.json");
    }
    return QJsonDocument::fromJson(f.readAll()).object();
}

// Applies `edit` to the section `section` of the shipped document.
QByteArray edited(const QString& section, const std::function<void(QJsonObject&)>& edit) {
    QJsonObject doc = shipped();
    if (section.isEmpty()) {
        edit(doc);
    } else {
        QJsonObject s = doc.value(section).toObject();
        edit(s);
        doc.insert(section, s);
    }
    return QJsonDocument(doc).toJson();
}

bool write(const QString& path, const QByteArray& data) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

}  // namespace

class TestConfig : public QObject {
    Q_OBJECT
private slots:
    void loadFile_shippedConfig_valid() {
        const auto c =
            ConfigLoader::loadFile(test::sourceDir() + QStringLiteral("/config/kiosk.json"));
        QVERIFY2(c, c ? "" : qPrintable(c.error().summary()));
        QCOMPARE(c->kiosk.id, QStringLiteral("KIOSK-DEV-0001"));
        QCOMPARE(c->ui.defaultLanguage, QStringLiteral("th"));
        QCOMPARE(c->ui.languages, QStringList({QStringLiteral("th"), QStringLiteral("en")}));
        QCOMPARE(c->ui.idleTimeoutS, 90);
        QCOMPARE(c->kiosk.display, KioskConfig::Display::Fullscreen);
        QCOMPARE(c->backend.portalUrl.scheme(), QStringLiteral("https"));
        QVERIFY(!c->logging.traces);
    }

    void loadFile_missingFile_unreadable() {
        const auto c = ConfigLoader::loadFile(QStringLiteral("/nonexistent/kiosk.json"));
        QVERIFY(!c);
        QCOMPARE(c.error().code, ConfigError::Code::Unreadable);
        QVERIFY(c.error().summary().startsWith(QStringLiteral("/nonexistent/kiosk.json: ")));
    }

    void parse_syntaxError_reportsLineAndColumn() {
        const auto c = ConfigLoader::parse(
            "{\n  \"schema_version\": 1,\n  \"kiosk\": {\n    \"id\": \"A\"\n    \"x\": 1\n",
            QStringLiteral("k.json"));
        QVERIFY(!c);
        QCOMPARE(c.error().code, ConfigError::Code::Syntax);
        QVERIFY2(c.error().summary().contains(QStringLiteral("line 5")),
                 qPrintable(c.error().summary()));
    }

    void parse_topLevelArray_syntaxError() {
        const auto c = ConfigLoader::parse("[]");
        QVERIFY(!c);
        QCOMPARE(c.error().code, ConfigError::Code::Syntax);
    }

    void parse_badFiles_schemaErrorNamesField_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("reasonPart");
        QTest::newRow("missing section")
            << edited({}, [](QJsonObject& d) { d.remove(QStringLiteral("ui")); }) << "/ui"
            << "required";
        QTest::newRow("missing key")
            << edited(QStringLiteral("card"),
                      [](QJsonObject& s) { s.remove(QStringLiteral("read_timeout_ms")); })
            << "/card/read_timeout_ms"
            << "required";
        QTest::newRow("wrong type")
            << edited(QStringLiteral("ui"),
                      [](QJsonObject& s) {
                          s.insert(QStringLiteral("idle_timeout_s"), QStringLiteral("90"));
                      })
            << "/ui/idle_timeout_s"
            << "must be integer";
        QTest::newRow("out of range")
            << edited(QStringLiteral("ui"),
                      [](QJsonObject& s) { s.insert(QStringLiteral("idle_timeout_s"), 3); })
            << "/ui/idle_timeout_s"
            << "at least 15";
        QTest::newRow("typo key") << edited(QStringLiteral("ui"),
                                            [](QJsonObject& s) {
                                                s.insert(QStringLiteral("idle_timout_s"), 30);
                                            })
                                  << "/ui/idle_timout_s"
                                  << "not a known setting";
        QTest::newRow("bad enum") << edited(QStringLiteral("kiosk"),
                                            [](QJsonObject& s) {
                                                s.insert(QStringLiteral("display"),
                                                         QStringLiteral("tv"));
                                            })
                                  << "/kiosk/display"
                                  << "must be one of";
        QTest::newRow("bad id pattern")
            << edited(QStringLiteral("kiosk"),
                      [](QJsonObject& s) {
                          s.insert(QStringLiteral("id"), QStringLiteral("kiosk 1"));
                      })
            << "/kiosk/id"
            << "must match";
        QTest::newRow("plain http backend")
            << edited(QStringLiteral("backend"),
                      [](QJsonObject& s) {
                          s.insert(QStringLiteral("portal_url"), QStringLiteral("http://x"));
                      })
            << "/backend/portal_url"
            << "must match";
        QTest::newRow("unknown language")
            << edited(QStringLiteral("ui"),
                      [](QJsonObject& s) {
                          s.insert(QStringLiteral("languages"),
                                   QJsonArray{QStringLiteral("th"), QStringLiteral("fr")});
                      })
            << "/ui/languages/1"
            << "must be one of";
        QTest::newRow("bad port") << edited(QStringLiteral("fleet"),
                                            [](QJsonObject& s) {
                                                s.insert(QStringLiteral("broker_port"), 70000);
                                            })
                                  << "/fleet/broker_port"
                                  << "at most 65535";
        QTest::newRow("bad log rule")
            << edited(QStringLiteral("logging"),
                      [](QJsonObject& s) {
                          s.insert(QStringLiteral("rules"),
                                   QJsonArray{QStringLiteral("kiosk.*.debug=maybe")});
                      })
            << "/logging/rules/0"
            << "must match";
        QTest::newRow("wrong schema version")
            << edited({}, [](QJsonObject& d) { d.insert(QStringLiteral("schema_version"), 2); })
            << "/schema_version"
            << "must be 1";
    }
    void parse_badFiles_schemaErrorNamesField() {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        QFETCH(QString, reasonPart);
        const auto c = ConfigLoader::parse(json, QStringLiteral("kiosk.json"));
        QVERIFY(!c);
        QCOMPARE(c.error().code, ConfigError::Code::Schema);
        bool found = false;
        for (const auto& f : c.error().fields) {
            found = found || (f.field == field && f.reason.contains(reasonPart));
        }
        QVERIFY2(found, qPrintable(c.error().summary()));
    }

    void parse_contradictorySettings_semanticErrorNamesField_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");
        QTest::newRow("warning longer than timeout")
            << edited(QStringLiteral("ui"),
                      [](QJsonObject& s) {
                          s.insert(QStringLiteral("idle_timeout_s"), 30);
                          s.insert(QStringLiteral("idle_warning_s"), 30);
                      })
            << "/ui/idle_warning_s";
        QTest::newRow("default language not enabled")
            << edited(QStringLiteral("ui"),
                      [](QJsonObject& s) {
                          s.insert(QStringLiteral("languages"), QJsonArray{QStringLiteral("en")});
                      })
            << "/ui/default_language";
        QTest::newRow("apdu timeout beyond read timeout")
            << edited(QStringLiteral("card"),
                      [](QJsonObject& s) { s.insert(QStringLiteral("apdu_timeout_ms"), 25000); })
            << "/card/apdu_timeout_ms";
        QTest::newRow("client cert without key")
            << edited(QStringLiteral("backend"),
                      [](QJsonObject& s) {
                          s.insert(QStringLiteral("client_cert"), QStringLiteral("/etc/c.pem"));
                      })
            << "/backend/client_key";
    }
    void parse_contradictorySettings_semanticErrorNamesField() {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        const auto c = ConfigLoader::parse(json);
        QVERIFY(!c);
        QCOMPARE(c.error().code, ConfigError::Code::Semantic);
        QCOMPARE(c.error().fields.first().field, field);
    }

    void parse_optionalKeysAbsent_defaultsUsed() {
        const auto c = ConfigLoader::parse(edited(QStringLiteral("ui"), [](QJsonObject& s) {
            s.remove(QStringLiteral("text_scale"));
            s.remove(QStringLiteral("high_contrast"));
        }));
        QVERIFY(c);
        QCOMPARE(c->ui.textScale, 1.0);
        QCOMPARE(c->ui.highContrast, false);
    }

    void loadWithLastGood_goodFile_keepsCopy() {
        QTemporaryDir dir;
        const QString requested = dir.filePath(QStringLiteral("kiosk.json"));
        const QString lastGood = dir.filePath(QStringLiteral("data/config/last-good.json"));
        QVERIFY(write(requested, QJsonDocument(shipped()).toJson()));
        const auto a = loadWithLastGood(requested, lastGood);
        QVERIFY(a);
        QCOMPARE(a->path, requested);
        QVERIFY(!a->rejected);
        QVERIFY(QFile::exists(lastGood));
        QVERIFY(ConfigLoader::loadFile(lastGood));
    }

    void loadWithLastGood_brokenFileWithLastGood_runsOnLastGood() {
        QTemporaryDir dir;
        const QString requested = dir.filePath(QStringLiteral("kiosk.json"));
        const QString lastGood = dir.filePath(QStringLiteral("last-good.json"));
        QVERIFY(write(requested, QJsonDocument(shipped()).toJson()));
        QVERIFY(loadWithLastGood(requested, lastGood));
        QVERIFY(write(requested, edited(QStringLiteral("ui"), [](QJsonObject& s) {
                          s.insert(QStringLiteral("idle_timeout_s"), 1);
                      })));
        const auto a = loadWithLastGood(requested, lastGood);
        QVERIFY(a);
        QCOMPARE(a->path, lastGood);
        QVERIFY(a->rejected);
        QCOMPARE(a->rejected->fields.first().field, QStringLiteral("/ui/idle_timeout_s"));
        QCOMPARE(a->config.ui.idleTimeoutS, 90);
        // The broken file must not have replaced the last good copy.
        QCOMPARE(ConfigLoader::loadFile(lastGood)->ui.idleTimeoutS, 90);
    }

    void loadWithLastGood_brokenFileNoLastGood_error() {
        QTemporaryDir dir;
        const QString requested = dir.filePath(QStringLiteral("kiosk.json"));
        QVERIFY(write(requested, "{"));
        const auto a = loadWithLastGood(requested, dir.filePath(QStringLiteral("none.json")));
        QVERIFY(!a);
        QCOMPARE(a.error().code, ConfigError::Code::Syntax);
    }
};

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
