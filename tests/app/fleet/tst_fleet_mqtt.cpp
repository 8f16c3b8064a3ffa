// The fleet agent against a real Mosquitto on loopback, TLS with client
// certificates required: each rejection rule, apply + commit to the file,
// rollback when the new configuration fails its health check, commands and
// replays, heartbeats, and a broker restart while the event loop stays free.
#include "fleet_agent.h"
#include "fleet_fixtures.h"
#include "mosquitto_part.h"
#include "mqtt_transport.h"
#include "test_pki.h"
#include "topics.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using kiosk::Result;
using namespace kiosk::fleet;
using namespace kiosk::fleet::test;

namespace {
const QString kGroup = QStringLiteral("bkk");
}

class TstFleetMqtt : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    kiosk::sim::TestPki m_pki;
    std::unique_ptr<kiosk::sim::MosquittoPart> m_broker;
    QTcpServer m_backend;  // stands in for a reachable portal
    SigningKey m_key = newKey();
    int m_serial = 0;

    // One kiosk: its transport, a file-backed configuration and its agent.
    struct Kiosk {
        QString id;
        QString configPath;
        std::unique_ptr<MqttTransport> transport;
        std::unique_ptr<FileConfigTarget> target;
        std::unique_ptr<FleetAgent> agent;
        QList<QJsonObject> liveApplied;
        int commandsRun = 0;
    };

    MqttTransport::Options transportOptions(const QString& clientId, bool withCert = true) const {
        MqttTransport::Options o;
        o.host = QStringLiteral("127.0.0.1");
        o.port = m_broker->port();
        o.clientId = clientId;
        o.caFile = m_pki.caCert;
        if (withCert) {
            o.certFile = m_pki.clientCert;
            o.keyFile = m_pki.clientKey;
        }
        o.minBackoffS = 1;
        o.maxBackoffS = 2;
        return o;
    }

    QJsonObject configFor(const QString& id) const {
        QJsonObject c = defaultConfig(id, kGroup);
        QJsonObject be = c.value(QLatin1String("backend")).toObject();
        be.insert(QStringLiteral("portal_url"),
                  QStringLiteral("https://127.0.0.1:%1").arg(m_backend.serverPort()));
        c.insert(QStringLiteral("backend"), be);
        return c;
    }

    std::unique_ptr<Kiosk> startKiosk() {
        auto k = std::make_unique<Kiosk>();
        k->id = QStringLiteral("KIOSK-M-%1").arg(++m_serial, 4, 10, QLatin1Char('0'));
        const QString dir = m_dir.filePath(k->id);
        QDir().mkpath(dir);
        k->configPath = dir + QStringLiteral("/kiosk.json");
        QFile f(k->configPath);
        f.open(QIODevice::WriteOnly);
        f.write(QJsonDocument(configFor(k->id)).toJson());
        f.close();
        Kiosk* raw = k.get();
        k->target = std::make_unique<FileConfigTarget>(
            k->configPath, dir + QStringLiteral("/fleet"),
            [raw](const QJsonObject& c) -> Result<ApplyOutcome, QString> {
                raw->liveApplied << c;
                return ApplyOutcome{};
            },
            [](const QJsonObject& c, std::function<void(bool, QString)> done) {
                probeBackend(c, 2000, std::move(done));
            });
        if (auto r = k->target->load(); !r) {
            qFatal("%s", qPrintable(r.error()));
        }
        k->transport = std::make_unique<MqttTransport>(transportOptions(k->id));
        FleetAgent::Options o;
        o.kioskId = k->id;
        o.group = kGroup;
        o.trustedKeys = {m_key.publicRaw()};
        o.heartbeatMs = 200;
        o.healthTimeoutMs = 5000;
        o.stateFile = dir + QStringLiteral("/fleet-state.json");
        k->agent = std::make_unique<FleetAgent>(o, k->transport.get(), k->target.get());
        k->agent->setCommandHandler([raw](const FleetCommand& c) -> Result<QJsonObject, QString> {
            ++raw->commandsRun;
            return QJsonObject{{QStringLiteral("ran"), c.name}};
        });
        k->agent->start();
        return k;
    }

    std::unique_ptr<MqttTransport> operatorTransport() {
        auto t = std::make_unique<MqttTransport>(
            transportOptions(QStringLiteral("operator-%1").arg(++m_serial)));
        t->start();
        return t;
    }

    static QJsonObject fileConfig(const QString& path) {
        QFile f(path);
        f.open(QIODevice::ReadOnly);
        return QJsonDocument::fromJson(f.readAll()).object();
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        auto pki = kiosk::sim::TestPki::create(m_dir.path());
        QVERIFY2(pki, pki ? "" : qPrintable(pki.error()));
        m_pki = *pki;
        m_broker = std::make_unique<kiosk::sim::MosquittoPart>(m_dir.path());
        m_broker->enableTls(m_pki.caCert, m_pki.serverCert, m_pki.serverKey, true);
        auto started = m_broker->start();
        QVERIFY2(started, started ? "" : qPrintable(started.error().summary()));
        QVERIFY(m_backend.listen(QHostAddress::LocalHost));
    }

    void cleanupTestCase() { m_broker.reset(); }

    void connect_withClientCertificate_onlineAndReported() {
        auto op = operatorTransport();
        QList<QJsonObject> reported;
        op->subscribe(topics::allKiosks("reported"));
        connect(op.get(), &FleetTransport::messageReceived,
                [&](const QString&, const QByteArray& p) {
                    reported << QJsonDocument::fromJson(p).object();
                });
        auto k = startKiosk();
        QTRY_VERIFY_WITH_TIMEOUT(k->agent->isConnected(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(reported.cbegin(), reported.cend(),
                        [&](const QJsonObject& o) {
                            return o.value(QLatin1String("kiosk")).toString() == k->id;
                        }),
            10000);
    }

    void connect_withoutClientCertificate_refusedByBroker() {
        MqttTransport t(transportOptions(QStringLiteral("no-cert"), false));
        t.start();
        QTest::qWait(2500);
        QVERIFY(!t.isConnected());
        t.stop();
    }

    void bundle_valid_appliedLiveAndCommittedToFile() {
        auto k = startKiosk();
        QTRY_VERIFY_WITH_TIMEOUT(k->agent->isConnected(), 10000);
        auto op = operatorTransport();
        QTRY_VERIFY_WITH_TIMEOUT(op->isConnected(), 10000);
        QSignalSpy finished(k->agent.get(), &FleetAgent::bundleFinished);
        op->publish(topics::kiosk(k->id, "desired"),
                    signedBundle(m_key, 2, textScale(1.25), kioskTarget(k->id),
                                 QDateTime::currentDateTimeUtc()),
                    true);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QCOMPARE(finished.first().at(1).toString(), QStringLiteral("committed"));
        QCOMPARE(textScaleOf(fileConfig(k->configPath)), 1.25);
        QCOMPARE(k->liveApplied.size(), 1);
        QCOMPARE(k->agent->configVersion(), 2);
    }

    void bundle_failsHealthCheck_rolledBackFileUnchanged() {
        auto k = startKiosk();
        QTRY_VERIFY_WITH_TIMEOUT(k->agent->isConnected(), 10000);
        auto op = operatorTransport();
        QTRY_VERIFY_WITH_TIMEOUT(op->isConnected(), 10000);
        const QByteArray before = QJsonDocument(fileConfig(k->configPath)).toJson();
        // A portal address nobody answers on: the new configuration is unhealthy.
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 deadPort = closed.serverPort();
        closed.close();
        const QJsonObject patch{
            {QStringLiteral("backend"),
             QJsonObject{{QStringLiteral("portal_url"),
                          QStringLiteral("https://127.0.0.1:%1").arg(deadPort)}}}};
        QSignalSpy finished(k->agent.get(), &FleetAgent::bundleFinished);
        op->publish(
            topics::kiosk(k->id, "desired"),
            signedBundle(m_key, 3, patch, kioskTarget(k->id), QDateTime::currentDateTimeUtc()),
            true);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
        QCOMPARE(finished.first().at(1).toString(), QStringLiteral("rolled-back"));
        QVERIFY2(finished.first().at(2).toString().contains(QLatin1String("unreachable")),
                 qPrintable(finished.first().at(2).toString()));
        QCOMPARE(QJsonDocument(fileConfig(k->configPath)).toJson(), before);
        // Applied live, then the running configuration was applied back.
        QCOMPARE(k->liveApplied.size(), 2);
        QCOMPARE(k->liveApplied.last(), fileConfig(k->configPath));
        QCOMPARE(k->agent->configVersion(), 0);
    }

    void bundle_bad_rejectedWithReason_data() {
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<QString>("code");
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QJsonObject unsignedEnv = QJsonDocument::fromJson(signedBundle(m_key, 9, textScale(1.1),
                                                                       groupTarget(kGroup), now))
                                      .object();
        unsignedEnv.remove(QStringLiteral("signatures"));
        QTest::newRow("unsigned") << QJsonDocument(unsignedEnv).toJson() << "unsigned";
        QTest::newRow("wrong key")
            << signedBundle(newKey(), 9, textScale(1.1), groupTarget(kGroup), now) << "unknown-key";
        QTest::newRow("expired") << signedBundle(m_key, 9, textScale(1.1), groupTarget(kGroup), now,
                                                 -7200, 3600)
                                 << "expired";
        QTest::newRow("not yet valid")
            << signedBundle(m_key, 9, textScale(1.1), groupTarget(kGroup), now, 3600)
            << "not-yet-valid";
        QTest::newRow("other group")
            << signedBundle(m_key, 9, textScale(1.1), groupTarget(QStringLiteral("cnx")), now)
            << "wrong-target";
        QTest::newRow("oversized") << QByteArray(200 * 1024, ' ') << "oversized";
        QTest::newRow("malformed") << QByteArray("{\"format\":") << "malformed";
        QTest::newRow("bad config")
            << signedBundle(m_key, 9, textScale(7.0), groupTarget(kGroup), now) << "schema";
        QTest::newRow("replayed version")
            << signedBundle(m_key, 1, textScale(1.1), groupTarget(kGroup), now) << "replayed";
    }

    void bundle_bad_rejectedWithReason() {
        QFETCH(QByteArray, wire);
        QFETCH(QString, code);
        auto k = startKiosk();
        QTRY_VERIFY_WITH_TIMEOUT(k->agent->isConnected(), 10000);
        auto op = operatorTransport();
        QList<QJsonObject> events;
        op->subscribe(topics::kiosk(k->id, "events"));
        connect(op.get(), &FleetTransport::messageReceived,
                [&](const QString&, const QByteArray& p) {
                    events << QJsonDocument::fromJson(p).object();
                });
        QTRY_VERIFY_WITH_TIMEOUT(op->isConnected(), 10000);
        if (code == QLatin1String("replayed")) {
            // The kiosk first runs version 2 ...
            QSignalSpy finished(k->agent.get(), &FleetAgent::bundleFinished);
            op->publish(topics::kiosk(k->id, "desired"),
                        signedBundle(m_key, 2, textScale(1.2), kioskTarget(k->id),
                                     QDateTime::currentDateTimeUtc()),
                        false);
            QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        }
        const QJsonObject before = fileConfig(k->configPath);
        QTest::qWait(200);  // the operator's subscription is in place
        op->publish(topics::kiosk(k->id, "desired"), wire, false);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(events.cbegin(), events.cend(),
                                             [&](const QJsonObject& e) {
                                                 return e.value(QLatin1String("type")).toString() ==
                                                            QLatin1String("rejected") &&
                                                        e.value(QLatin1String("code")).toString() ==
                                                            code;
                                             }),
                                 10000);
        QCOMPARE(fileConfig(k->configPath), before);
    }

    void command_signed_runsOnceReplayRejected() {
        auto k = startKiosk();
        QTRY_VERIFY_WITH_TIMEOUT(k->agent->isConnected(), 10000);
        auto op = operatorTransport();
        QTRY_VERIFY_WITH_TIMEOUT(op->isConnected(), 10000);
        QSignalSpy handled(k->agent.get(), &FleetAgent::commandHandled);
        QSignalSpy rejected(k->agent.get(), &FleetAgent::rejected);
        const QByteArray wire = signedCommand(m_key, QStringLiteral("self-test"),
                                              kioskTarget(k->id), QDateTime::currentDateTimeUtc());
        op->publish(topics::kiosk(k->id, "command"), wire, false);
        QTRY_COMPARE_WITH_TIMEOUT(handled.size(), 1, 10000);
        op->publish(topics::kiosk(k->id, "command"), wire, false);
        QTRY_COMPARE_WITH_TIMEOUT(rejected.size(), 1, 10000);
        QCOMPARE(rejected.first().at(1).value<FleetError>().code, FleetError::Code::Replayed);
        QCOMPARE(k->commandsRun, 1);
    }

    void heartbeat_overBroker_atConfiguredInterval() {
        auto k = startKiosk();
        auto op = operatorTransport();
        int beats = 0;
        op->subscribe(topics::kiosk(k->id, "heartbeat"));
        connect(op.get(), &FleetTransport::messageReceived,
                [&](const QString&, const QByteArray&) { ++beats; });
        QTRY_VERIFY_WITH_TIMEOUT(k->agent->isConnected() && op->isConnected(), 10000);
        const int start = beats;
        QTest::qWait(1100);
        // 200 ms interval: about five in a second (timers are not exact).
        QVERIFY2(beats - start >= 2 && beats - start <= 9,
                 qPrintable(QString::number(beats - start)));
    }

    void broker_restarted_reconnectsWithoutBlockingTheEventLoop() {
        auto k = startKiosk();
        QTRY_VERIFY_WITH_TIMEOUT(k->agent->isConnected(), 10000);
        // Measure the longest pause of this (the "UI") thread's event loop.
        QElapsedTimer since;
        qint64 worst = 0;
        QTimer tick;
        connect(&tick, &QTimer::timeout, [&] { worst = std::max(worst, since.restart()); });
        since.start();
        tick.start(10);
        m_broker->stop();
        QTRY_VERIFY_WITH_TIMEOUT(!k->agent->isConnected(), 10000);
        QTest::qWait(1500);  // a few reconnect attempts against a dead port
        auto restarted = m_broker->restart();
        QVERIFY2(restarted, restarted ? "" : qPrintable(restarted.error().summary()));
        QTRY_VERIFY_WITH_TIMEOUT(k->agent->isConnected(), 15000);
        tick.stop();
        QVERIFY2(worst < 250, qPrintable(QStringLiteral("event loop stalled %1 ms").arg(worst)));
        // Still works after the outage.
        auto op = operatorTransport();
        QTRY_VERIFY_WITH_TIMEOUT(op->isConnected(), 10000);
        QSignalSpy finished(k->agent.get(), &FleetAgent::bundleFinished);
        op->publish(topics::kiosk(k->id, "desired"),
                    signedBundle(m_key, 4, textScale(1.1), kioskTarget(k->id),
                                 QDateTime::currentDateTimeUtc()),
                    false);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    }
};

QTEST_GUILESS_MAIN(TstFleetMqtt)
#include "tst_fleet_mqtt.moc"
