// smart-kiosk as the demo runs it: on the real simulators, offscreen, with
// the autopilot walking every screen; and its refusal to start on a broken
// configuration unless a last good copy exists.
#include "config.h"
#include "https_probe.h"
#include "key_store.h"
#include "outbox.h"
#include "sim_rig.h"
#include "store.h"
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

Run smartKiosk(const QStringList& args,
               QProcessEnvironment env = QProcessEnvironment::systemEnvironment()) {
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(kiosk::test::program(QStringLiteral("smart-kiosk")), args);
    if (!p.waitForFinished(90000)) {
        p.kill();
        p.waitForFinished();
        return {-1, p.readAllStandardOutput(), p.readAllStandardError()};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

QString shippedConfig() {
    return kiosk::test::sourceDir() + QStringLiteral("/config/kiosk.json");
}

QByteArray brokenConfig() {
    QFile f(shippedConfig());
    f.open(QIODevice::ReadOnly);
    QByteArray text = f.readAll();
    text.replace("\"display\": \"fullscreen\"", "\"display\": \"hologram\"");
    return text;
}

}  // namespace

class TestSmartKiosk : public QObject {
    Q_OBJECT
private slots:
    void autopilot_onSimulators_walksEveryScreen() {
        auto rig = kiosk::sim::SimRig::start({});
        QVERIFY2(rig, rig ? "" : qPrintable(rig.error().summary()));
        const auto config = (*rig)->writeKioskConfig(shippedConfig());
        QVERIFY(config);
        QTemporaryDir data;
        QTemporaryDir out;
        const Run r = smartKiosk(
            {QStringLiteral("--config"), *config, QStringLiteral("--data-dir"), data.path(),
             QStringLiteral("--autopilot"), out.path(), QStringLiteral("--fake-parts")},
            (*rig)->environment());
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(r.out.contains("autopilot passed"));
        QVERIFY(r.out.contains(out.path().toUtf8()));

        QFile log(out.filePath(QStringLiteral("run.json")));
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QJsonObject run = QJsonDocument::fromJson(log.readAll()).object();
        QCOMPARE(run.value(QLatin1String("result")).toString(), QStringLiteral("pass"));
        QCOMPARE(run.value(QLatin1String("kiosk_id")).toString(), QStringLiteral("KIOSK-DEV-0001"));
        const QStringList partNames = run.value(QLatin1String("simulators"))
                                          .toObject()
                                          .value(QLatin1String("parts"))
                                          .toObject()
                                          .keys();
        QCOMPARE(partNames, QStringList({QStringLiteral("mosquitto"), QStringLiteral("pcscd"),
                                         QStringLiteral("portal-sim")}));

        const QJsonArray steps = run.value(QLatin1String("steps")).toArray();
        QStringList walk;
        QStringList stepNames;
        const QString artifacts = kiosk::test::artifactsDir(QStringLiteral("autopilot"));
        for (const auto& s : steps) {
            const QJsonObject step = s.toObject();
            stepNames << step.value(QLatin1String("step")).toString();
            walk << step.value(QLatin1String("screen")).toString() + QLatin1Char('/') +
                        step.value(QLatin1String("language")).toString();
            QVERIFY2(step.value(QLatin1String("ok")).toBool(),
                     qPrintable(step.value(QLatin1String("step")).toString()));
            const QString shot = out.filePath(step.value(QLatin1String("screenshot")).toString());
            const QImage image(shot);
            QVERIFY2(!image.isNull(), qPrintable(shot));
            QCOMPARE(image.size(), QSize(1280, 800));
            QFile::remove(artifacts + QLatin1Char('/') + QFileInfo(shot).fileName());
            QFile::copy(shot, artifacts + QLatin1Char('/') + QFileInfo(shot).fileName());
        }
        // Every screen of the journey, in Thai and in English.
        const QStringList screens = {
            QStringLiteral("attract"),      QStringLiteral("language"),
            QStringLiteral("privacy"),      QStringLiteral("insert_card"),
            QStringLiteral("reading"),      QStringLiteral("card_image"),
            QStringLiteral("face_capture"), QStringLiteral("liveness"),
            QStringLiteral("verifying"),    QStringLiteral("result"),
            QStringLiteral("binding"),      QStringLiteral("services"),
            QStringLiteral("entitlement"),  QStringLiteral("queue_booking"),
            QStringLiteral("request_form"), QStringLiteral("complaint"),
            QStringLiteral("payment"),      QStringLiteral("status_tracking"),
            QStringLiteral("submitted"),    QStringLiteral("error"),
            QStringLiteral("ending")};
        for (const QString& lang : {QStringLiteral("th"), QStringLiteral("en")}) {
            for (const QString& screen : screens) {
                QVERIFY2(walk.contains(screen + QLatin1Char('/') + lang),
                         qPrintable(screen + QLatin1Char('/') + lang));
            }
            // The card image screen asks for the front, then the back.
            const qsizetype front = stepNames.indexOf(QStringLiteral("card_image_front_") + lang);
            QVERIFY2(front >= 0 && stepNames.indexOf(QStringLiteral("card_image_") + lang) > front,
                     qPrintable(lang));
        }
        // Kiosk time from card in to IAL 2.3, once per language walk.
        const QJsonArray cardToIal = run.value(QLatin1String("card_to_ial_ms")).toArray();
        QCOMPARE(cardToIal.size(), 2);
        for (const auto& ms : cardToIal) {
            QVERIFY(ms.toDouble() > 0 && ms.toDouble() < 45000);
        }
        QVERIFY(run.value(QLatin1String("receipts_printed")).toInt() >= 4);
        QVERIFY(run.value(QLatin1String("spoken_prompts")).toArray().size() >= 8);
    }

    // Work queued while the kiosk was off (or offline) is delivered by the
    // kiosk's own sync worker once it runs, each item exactly once.
    void run_pendingOutbox_deliveredToPortalOnce() {
        kiosk::sim::SimRig::Options parts;
        parts.pcscd = false;
        parts.mosquitto = false;
        auto rig = kiosk::sim::SimRig::start(parts);
        QVERIFY2(rig, rig ? "" : qPrintable(rig.error().summary()));
        const auto configPath = (*rig)->writeKioskConfig(shippedConfig());
        QVERIFY(configPath);
        const auto config = kiosk::ConfigLoader::loadFile(*configPath);
        QVERIFY(config);
        QTemporaryDir data;

        QStringList keys;
        {
            kiosk::store::FileKeyStore keyStore(
                kiosk::store::FileKeyStore::defaultPath(data.path()));
            auto store = kiosk::store::Store::open(
                kiosk::store::Store::forKiosk(*config, data.path(), &keyStore));
            QVERIFY2(store, store ? "" : qPrintable(store.error().message));
            kiosk::store::Outbox outbox(**store);
            for (int i = 0; i < 3; ++i) {
                kiosk::store::NewItem item;
                item.type = QStringLiteral("service_form");
                item.payload = QByteArray("{\"form\":") + QByteArray::number(i) + '}';
                item.sessionId = QStringLiteral("session-test");
                const auto key = outbox.enqueue(item);
                QVERIFY2(key, key ? "" : qPrintable(key.error().message));
                keys << *key;
            }
        }

        QTemporaryDir out;
        const Run r =
            smartKiosk({QStringLiteral("--config"), *configPath, QStringLiteral("--data-dir"),
                        data.path(), QStringLiteral("--autopilot"), out.path(),
                        QStringLiteral("--autopilot-walk"), QStringLiteral("short")},
                       (*rig)->environment());
        QVERIFY2(r.code == 0, r.err.constData());

        const auto& pki = (*rig)->portal()->pki();
        const auto applied = kiosk::sim::httpsGet(
            QStringLiteral("127.0.0.1"), (*rig)->portal()->port(),
            QStringLiteral("/v1/test/applied"), {pki.caCert, pki.clientCert, pki.clientKey});
        QVERIFY2(applied, applied ? "" : qPrintable(applied.error()));
        QStringList appliedKeys;
        for (const auto& item : QJsonDocument::fromJson(applied->body)
                                    .object()
                                    .value(QLatin1String("items"))
                                    .toArray()) {
            appliedKeys << item.toObject().value(QLatin1String("key")).toString();
        }
        appliedKeys.sort();
        keys.sort();
        QCOMPARE(appliedKeys, keys);

        // Delivered items are purged from the kiosk (data minimisation).
        kiosk::store::FileKeyStore keyStore(kiosk::store::FileKeyStore::defaultPath(data.path()));
        auto store = kiosk::store::Store::open(
            kiosk::store::Store::forKiosk(*config, data.path(), &keyStore));
        QVERIFY(store);
        kiosk::store::Outbox outbox(**store);
        QCOMPARE(outbox.stats()->pending, 0);
    }

    void start_brokenConfigNoLastGood_refusesNamingField() {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("kiosk.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(brokenConfig());
        f.close();
        const Run r =
            smartKiosk({QStringLiteral("--config"), f.fileName(), QStringLiteral("--data-dir"),
                        dir.filePath(QStringLiteral("data")), QStringLiteral("--autopilot"),
                        dir.filePath(QStringLiteral("out")), QStringLiteral("--autopilot-walk"),
                        QStringLiteral("short")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("/kiosk/display: must be one of"), r.err.constData());
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("out/run.json"))));
    }

    void start_brokenConfigWithLastGood_runsOnLastGood() {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        // A clean start leaves the last good copy in the data dir...
        const Run first =
            smartKiosk({QStringLiteral("--config"), shippedConfig(), QStringLiteral("--data-dir"),
                        data, QStringLiteral("--autopilot"), dir.filePath(QStringLiteral("out1")),
                        QStringLiteral("--autopilot-walk"), QStringLiteral("short")});
        QVERIFY2(first.code == 0, first.err.constData());
        QVERIFY(QFileInfo::exists(data + QStringLiteral("/config/last-good.json")));
        // ...so a later broken file is reported but the kiosk keeps serving.
        QFile f(dir.filePath(QStringLiteral("kiosk.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(brokenConfig());
        f.close();
        const Run second =
            smartKiosk({QStringLiteral("--config"), f.fileName(), QStringLiteral("--data-dir"),
                        data, QStringLiteral("--autopilot"), dir.filePath(QStringLiteral("out2")),
                        QStringLiteral("--autopilot-walk"), QStringLiteral("short")});
        QVERIFY2(second.code == 0, second.err.constData());
        QVERIFY2(second.err.contains("running on the last good copy"), second.err.constData());
        QVERIFY(second.err.contains("/kiosk/display"));
    }
};

QTEST_GUILESS_MAIN(TestSmartKiosk)
#include "tst_smart_kiosk.moc"
