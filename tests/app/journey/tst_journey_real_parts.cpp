// The citizen journey on the real adapters, as the demo runs it: the demo
// citizen's virtual card over pcscd, the recorded clip through face, PAD,
// liveness and matching, her rendered card (front, then back) through the
// camera step's OCR and proofing's printed-card check, portal-sim's DOPA,
// FVS, IdP and Citizen Portal over mutual TLS, the file printer. The
// autopilot must reach IAL 2.3 in both languages and walk the services.
#include "sim_rig.h"
#include "test_env.h"

#include <QDir>
#include <QFile>
#include <QImage>
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

Run run(const QString& program, const QStringList& args, QProcessEnvironment env, int timeoutMs) {
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(kiosk::test::program(program), args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {-1, p.readAllStandardOutput(), p.readAllStandardError()};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

QJsonObject stepNamed(const QJsonArray& steps, const QString& name) {
    for (const QJsonValue& v : steps) {
        if (v.toObject().value(QLatin1String("step")).toString() == name) {
            return v.toObject();
        }
    }
    return {};
}

}  // namespace

class TestJourneyRealParts : public QObject {
    Q_OBJECT
private slots:
    void autopilot_realPartsDemoCitizen_reachesIal23AndWalksServices() {
        const QString card = kiosk::test::sourceDir() + QStringLiteral("/sim/cards/kanya.json");
        QVERIFY2(QFile::exists(card), qPrintable(card + QStringLiteral(" is missing")));
        QVERIFY2(QFile::exists(kiosk::test::sharedDataDir() +
                               QStringLiteral("/video/katie_hill_talk.mp4")),
                 "the demo clip is missing from the shared data folder");
        kiosk::sim::SimRig::Options options;
        options.mosquitto = false;
        options.card = kiosk::sim::VirtualCardPart::Card{card, QStringLiteral("standard")};
        auto rig = kiosk::sim::SimRig::start(options);
        QVERIFY2(rig, rig ? "" : qPrintable(rig.error().summary()));
        const auto config = (*rig)->writeKioskConfig(kiosk::test::sourceDir() +
                                                     QStringLiteral("/config/kiosk.json"));
        QVERIFY2(config, config ? "" : qPrintable(config.error().summary()));

        QTemporaryDir work;
        const QString cards = work.filePath(QStringLiteral("card"));
        const Run gen = run(QStringLiteral("kiosk-cardgen"),
                            {QStringLiteral("--citizen"), card, QStringLiteral("--out"), cards},
                            QProcessEnvironment::systemEnvironment(), 60000);
        QVERIFY2(gen.code == 0, gen.err.constData());

        QProcessEnvironment env = (*rig)->environment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        const QString out = work.filePath(QStringLiteral("out"));
        // No webcam on the test machine: the clip, in demo mode.
        const Run r =
            run(QStringLiteral("smart-kiosk"),
                {QStringLiteral("--config"), *config, QStringLiteral("--data-dir"),
                 work.filePath(QStringLiteral("data")), QStringLiteral("--camera"),
                 kiosk::test::sharedDataDir() + QStringLiteral("/video/katie_hill_talk.mp4"),
                 QStringLiteral("--demo-card-dir"), cards, QStringLiteral("--autopilot"), out},
                env, 240000);
        QFile log(out + QStringLiteral("/run.json"));
        QVERIFY2(log.open(QIODevice::ReadOnly), r.err.right(4000).constData());
        const QJsonObject runLog = QJsonDocument::fromJson(log.readAll()).object();
        QVERIFY2(r.code == 0, qPrintable(runLog.value(QLatin1String("error")).toString() +
                                         QLatin1Char('\n') + QString::fromUtf8(r.err.right(4000))));
        QCOMPARE(runLog.value(QLatin1String("result")).toString(), QStringLiteral("pass"));
        QCOMPARE(runLog.value(QLatin1String("parts")).toString(), QStringLiteral("real"));
        QVERIFY(runLog.value(QLatin1String("demo_mode")).toBool());

        const QJsonArray steps = runLog.value(QLatin1String("steps")).toArray();
        for (const QString& lang : {QStringLiteral("th"), QStringLiteral("en")}) {
            for (const QString& screen :
                 {QStringLiteral("reading"), QStringLiteral("card_image_front"),
                  QStringLiteral("card_image"), QStringLiteral("face_capture"),
                  QStringLiteral("liveness"), QStringLiteral("result"), QStringLiteral("services"),
                  QStringLiteral("submitted"), QStringLiteral("payment"),
                  QStringLiteral("submitted_offline")}) {
                const QString name = screen + QLatin1Char('_') + lang;
                const QJsonObject step = stepNamed(steps, name);
                QVERIFY2(step.value(QLatin1String("ok")).toBool(), qPrintable(name));
                QVERIFY(step.value(QLatin1String("step_ms")).toInteger() >= 0);
                const QImage shot(out + QLatin1Char('/') +
                                  step.value(QLatin1String("screenshot")).toString());
                QCOMPARE(shot.size(), QSize(1280, 800));
            }
        }
        // The printed card checked against the chip in each walk, from the front and back
        // frames the camera step read (the rendered files are only what the camera "sees").
        const QString kioskLog = QString::fromUtf8(r.err);
        QCOMPARE(kioskLog.count(QStringLiteral("kiosk.journey.camera: card front read")), 2);
        QCOMPARE(kioskLog.count(
                     QStringLiteral("kiosk.journey.proofing: printed_card_consistent passed")),
                 2);
        // IAL 2.3 reached in each walk (the result step fails otherwise), within the goal.
        const QJsonArray cardToIal = runLog.value(QLatin1String("card_to_ial_ms")).toArray();
        QCOMPARE(cardToIal.size(), 2);
        for (const QJsonValue& ms : cardToIal) {
            QVERIFY2(ms.toDouble() > 0 && ms.toDouble() < 45000,
                     qPrintable(QString::number(ms.toDouble())));
        }
        QVERIFY(runLog.value(QLatin1String("receipts_printed")).toInt() >= 2);
        QVERIFY(
            QDir(out + QStringLiteral("/receipts")).entryList({QStringLiteral("*.png")}).size() >=
            2);
        // The complaints made offline went into the encrypted outbox (and may be delivered by now).
        const QJsonObject outbox = runLog.value(QLatin1String("offline_queue"))
                                       .toObject()
                                       .value(QLatin1String("outbox"))
                                       .toObject();
        QVERIFY2(outbox.value(QLatin1String("pending")).toInt() +
                         outbox.value(QLatin1String("delivered_total")).toInt() >=
                     2,
                 QJsonDocument(outbox).toJson().constData());
        QVERIFY(runLog.value(QLatin1String("spoken_prompts")).toArray().size() >= 6);
    }
};

QTEST_GUILESS_MAIN(TestJourneyRealParts)
#include "tst_journey_real_parts.moc"
