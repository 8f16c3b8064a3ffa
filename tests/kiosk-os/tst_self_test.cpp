// kioskctl selftest on this machine's development install: each check
// reports its state, and a broken configuration or unwritable data dir fails.
#include "self_test.h"
#include "test_env.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace kiosk::os;

namespace {

SelfCheck find(const QList<SelfCheck>& checks, const QString& name) {
    for (const auto& c : checks) {
        if (c.name == name) {
            return c;
        }
    }
    return {name, SelfCheck::Status::Fail, QStringLiteral("check not run")};
}

QString shipped() {
    return kiosk::test::sourceDir() + QStringLiteral("/config/kiosk.json");
}

QString templates() {
    return kiosk::test::sharedDataDir() + QStringLiteral("/cards/templates");
}

}  // namespace

class TestSelfTest : public QObject {
    Q_OBJECT
private slots:
    void run_developmentMachine_passes() {
        QTemporaryDir dir;
        const auto checks = runSelfTest(
            {shipped(), dir.path(), dir.filePath(QStringLiteral("no-pcscd")), templates()});
        QCOMPARE(checks.size(), 7);
        QCOMPARE(find(checks, QStringLiteral("config")).status, SelfCheck::Status::Pass);
        QCOMPARE(find(checks, QStringLiteral("data_dir")).status, SelfCheck::Status::Pass);
        QCOMPARE(find(checks, QStringLiteral("models")).status, SelfCheck::Status::Pass);
        QCOMPARE(find(checks, QStringLiteral("thai_font")).status, SelfCheck::Status::Pass);
        QCOMPARE(find(checks, QStringLiteral("card_ocr")).status, SelfCheck::Status::Pass);
        // Not provisioned and no pcscd: serviceable, so warnings, not failures.
        QCOMPARE(find(checks, QStringLiteral("provisioning")).status, SelfCheck::Status::Warn);
        QCOMPARE(find(checks, QStringLiteral("pcscd")).status, SelfCheck::Status::Warn);
        QVERIFY(passed(checks));
    }

    void run_brokenConfig_fails() {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("bad.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"schema_version\": 1}");
        f.close();
        const auto checks = runSelfTest({f.fileName(), dir.path(), {}, templates()});
        const SelfCheck config = find(checks, QStringLiteral("config"));
        QCOMPARE(config.status, SelfCheck::Status::Fail);
        QVERIFY2(config.detail.contains(QStringLiteral("/kiosk")), qPrintable(config.detail));
        QVERIFY(!passed(checks));
    }

    void run_unwritableDataDir_fails() {
        const auto checks =
            runSelfTest({shipped(), QStringLiteral("/proc/kiosk-data"), {}, templates()});
        QCOMPARE(find(checks, QStringLiteral("data_dir")).status, SelfCheck::Status::Fail);
        QVERIFY(!passed(checks));
    }

    void run_missingModels_fails() {
        QTemporaryDir empty;
        qputenv("KIOSK_MODELS_DIR", empty.path().toLocal8Bit());
        const auto checks = runSelfTest({shipped(), empty.path(), {}, templates()});
        qunsetenv("KIOSK_MODELS_DIR");
        QCOMPARE(find(checks, QStringLiteral("models")).status, SelfCheck::Status::Fail);
    }

    // Without the templates no card is found in the camera picture: every
    // proofing would stop below IAL 2.3, so this fails rather than warns.
    void run_missingCardTemplates_fails() {
        QTemporaryDir empty;
        const auto checks = runSelfTest({shipped(), empty.path(), {}, empty.path()});
        const SelfCheck ocr = find(checks, QStringLiteral("card_ocr"));
        QCOMPARE(ocr.status, SelfCheck::Status::Fail);
        QVERIFY2(ocr.detail.contains(empty.path()), qPrintable(ocr.detail));
        QVERIFY(!passed(checks));
    }

    // What kioskctl --json prints and a remote self-test command reports.
    void json_failAndWarn_okOnlyWithoutFail() {
        const QList<SelfCheck> warned{
            {QStringLiteral("config"), SelfCheck::Status::Pass, QStringLiteral("valid")},
            {QStringLiteral("pcscd"), SelfCheck::Status::Warn, QStringLiteral("no answer")}};
        QJsonObject o = selfTestJson(warned);
        QCOMPARE(o.value(QLatin1String("ok")).toBool(), true);
        const QJsonArray list = o.value(QLatin1String("checks")).toArray();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(1).toObject().value(QLatin1String("name")).toString(),
                 QStringLiteral("pcscd"));
        QCOMPARE(list.at(1).toObject().value(QLatin1String("status")).toString(),
                 QStringLiteral("warn"));
        QCOMPARE(list.at(1).toObject().value(QLatin1String("detail")).toString(),
                 QStringLiteral("no answer"));
        QList<SelfCheck> failed = warned;
        failed.append({QStringLiteral("models"), SelfCheck::Status::Fail, QStringLiteral("gone")});
        o = selfTestJson(failed);
        QCOMPARE(o.value(QLatin1String("ok")).toBool(), false);
        QCOMPARE(o.value(QLatin1String("checks"))
                     .toArray()
                     .at(2)
                     .toObject()
                     .value(QLatin1String("status"))
                     .toString(),
                 QStringLiteral("fail"));
    }
};

QTEST_GUILESS_MAIN(TestSelfTest)
#include "tst_self_test.moc"
