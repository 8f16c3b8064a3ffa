// kioskctl as a technician runs it: exit codes, text and JSON output.
#include "test_env.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run {
    int code = -1;
    QByteArray out;
    QByteArray err;
};

Run kioskctl(const QStringList& args) {
    QProcess p;
    p.start(kiosk::test::program(QStringLiteral("kioskctl")), args);
    if (!p.waitForFinished(30000)) {
        return {};
    }
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

QString shippedConfig() {
    return kiosk::test::sourceDir() + QStringLiteral("/config/kiosk.json");
}

}  // namespace

class TestKioskctl : public QObject {
    Q_OBJECT
private slots:
    void configCheck_shippedConfig_exitZero() {
        const Run r =
            kioskctl({QStringLiteral("config"), QStringLiteral("check"), shippedConfig()});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("valid"));
    }

    void configCheck_shippedConfigJson_validTrue() {
        const Run r = kioskctl({QStringLiteral("--json"), QStringLiteral("config"),
                                QStringLiteral("check"), shippedConfig()});
        QCOMPARE(r.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QLatin1String("valid")).toBool(), true);
        QCOMPARE(o.value(QLatin1String("kiosk_id")).toString(), QStringLiteral("KIOSK-DEV-0001"));
    }

    void configCheck_brokenConfig_exitOneAndFieldNamed() {
        QTemporaryDir dir;
        QFile in(shippedConfig());
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray text = in.readAll();
        text.replace("\"idle_timeout_s\": 90", "\"idle_timeout_s\": \"soon\"");
        QFile out(dir.filePath(QStringLiteral("k.json")));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text);
        out.close();

        const Run r = kioskctl({QStringLiteral("config"), QStringLiteral("check"), out.fileName()});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains("/ui/idle_timeout_s: must be integer (got string)"),
                 r.out.constData());

        const Run j = kioskctl({QStringLiteral("config"), QStringLiteral("check"),
                                QStringLiteral("--json"), out.fileName()});
        QCOMPARE(j.code, 1);
        const QJsonObject o = QJsonDocument::fromJson(j.out).object();
        QCOMPARE(o.value(QLatin1String("valid")).toBool(), false);
        QCOMPARE(o.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(),
                 QStringLiteral("schema"));
        QCOMPARE(o.value(QLatin1String("errors"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QLatin1String("field"))
                     .toString(),
                 QStringLiteral("/ui/idle_timeout_s"));
    }

    void configCheck_missingFile_exitOneWithReason() {
        const Run r = kioskctl({QStringLiteral("--json"), QStringLiteral("config"),
                                QStringLiteral("check"), QStringLiteral("/nonexistent.json")});
        QCOMPARE(r.code, 1);
        const QJsonObject e =
            QJsonDocument::fromJson(r.out).object().value(QLatin1String("error")).toObject();
        QCOMPARE(e.value(QLatin1String("code")).toString(), QStringLiteral("unreadable"));
    }

    void configCheck_noFile_usageError() {
        const Run r = kioskctl({QStringLiteral("config"), QStringLiteral("check")});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("usage"));
    }

    void unknownCommand_usageErrorJson() {
        const Run r = kioskctl({QStringLiteral("--json"), QStringLiteral("frobnicate")});
        QCOMPARE(r.code, 2);
        QCOMPARE(QJsonDocument::fromJson(r.out)
                     .object()
                     .value(QLatin1String("error"))
                     .toObject()
                     .value(QLatin1String("code"))
                     .toString(),
                 QStringLiteral("usage"));
    }

    void help_listsCommands() {
        const Run r = kioskctl({QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("config check FILE"));
    }

    void version_printsVersion() {
        const Run r = kioskctl({QStringLiteral("version")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.startsWith("kioskctl " KIOSK_VERSION));
    }
};

QTEST_GUILESS_MAIN(TestKioskctl)
#include "tst_kioskctl.moc"
