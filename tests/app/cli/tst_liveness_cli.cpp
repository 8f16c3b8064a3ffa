// kioskctl liveness as an integrator runs it on recordings: exit codes, JSON
// fields, the fixed challenge order, passive checks of still photos.
#include "test_env.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

namespace {

struct Run {
    int code = -1;
    QJsonObject json;
    QByteArray err;
};

Run kioskctl(const QStringList& args) {
    QProcess p;
    p.start(kiosk::test::program(QStringLiteral("kioskctl")), args);
    if (!p.waitForFinished(120000))
        return {};
    return {p.exitCode(), QJsonDocument::fromJson(p.readAllStandardOutput()).object(),
            p.readAllStandardError()};
}

QString data(const QString& relative) {
    return kiosk::test::sharedDataDir() + QLatin1Char('/') + relative;
}

QString shippedConfig() {
    return kiosk::test::sourceDir() + QStringLiteral("/config/kiosk.json");
}

}  // namespace

class TestLivenessCli : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY2(QFileInfo::exists(data(QStringLiteral("video/katie_hill_talk.mp4"))),
                 "missing ../shared/data/video");
    }

    void liveness_challengesPerformedInOrder_liveExitZero() {
        const Run r =
            kioskctl({QStringLiteral("--json"), QStringLiteral("--config"), shippedConfig(),
                      QStringLiteral("liveness"), data(QStringLiteral("video/katie_hill_talk.mp4")),
                      QStringLiteral("--challenges"), QStringLiteral("blink,turn_right"),
                      QStringLiteral("--no-identity")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json.value(QStringLiteral("decision")).toString(), QStringLiteral("live"));
        const QJsonArray steps = r.json.value(QStringLiteral("challenges")).toArray();
        QCOMPARE(steps.size(), 2);
        QCOMPARE(steps[0].toObject().value(QStringLiteral("challenge")).toString(),
                 QStringLiteral("blink"));
        QCOMPARE(steps[1].toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("done"));
        QVERIFY(
            r.json.value(QStringLiteral("cues")).toObject().contains(QStringLiteral("pad_model")));
        QVERIFY(r.json.value(QStringLiteral("cues"))
                    .toObject()
                    .contains(QStringLiteral("planar_motion")));
        QVERIFY(!r.json.contains(QStringLiteral("seed")));  // fixed challenges: no randomness
    }

    void liveness_wrongOrder_inconclusiveExitOne() {
        const Run r = kioskctl(
            {QStringLiteral("--json"), QStringLiteral("liveness"),
             data(QStringLiteral("video/katie_hill_talk.mp4")), QStringLiteral("--challenges"),
             QStringLiteral("turn_left,turn_right"), QStringLiteral("--no-identity")});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.json.value(QStringLiteral("decision")).toString(),
                 QStringLiteral("inconclusive"));
        QVERIFY(r.json.value(QStringLiteral("reasons"))
                    .toArray()
                    .contains(QStringLiteral("challenge_out_of_order")));
    }

    void liveness_passiveStillPrintAttack_attackExitOne() {
        const Run r =
            kioskctl({QStringLiteral("--json"), QStringLiteral("liveness"),
                      data(QStringLiteral("pad/image_F1.jpg")), QStringLiteral("--passive")});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.json.value(QStringLiteral("decision")).toString(), QStringLiteral("attack"));
        QCOMPARE(r.json.value(QStringLiteral("mode")).toString(), QStringLiteral("still"));
    }

    void liveness_stillWithoutPassive_usage() {
        const Run r = kioskctl({QStringLiteral("--json"), QStringLiteral("liveness"),
                                data(QStringLiteral("pad/image_T1.jpg"))});
        QCOMPARE(r.code, 2);
        QCOMPARE(r.json.value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toString(),
                 QStringLiteral("usage"));
    }

    void liveness_unknownChallenge_usage() {
        const Run r = kioskctl({QStringLiteral("--json"), QStringLiteral("liveness"),
                                data(QStringLiteral("video/katie_hill_talk.mp4")),
                                QStringLiteral("--challenges"), QStringLiteral("wink")});
        QCOMPARE(r.code, 2);
    }

    void liveness_noCamera_noDeviceError() {
        const Run r =
            kioskctl({QStringLiteral("--json"), QStringLiteral("liveness"),
                      QStringLiteral("/dev/video-kiosk-absent"), QStringLiteral("--passive")});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.json.value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toString(),
                 QStringLiteral("no_device"));
    }
};

QTEST_GUILESS_MAIN(TestLivenessCli)
#include "tst_liveness_cli.moc"
