// The fleet agent end to end over the in-memory broker: apply, health check,
// commit or roll back, rejections reported with their reason, commands run
// once, heartbeats, and a lost broker.
#include "fleet_agent.h"
#include "fleet_fixtures.h"
#include "memory_transport.h"
#include "topics.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using kiosk::fail;
using kiosk::Result;
using namespace kiosk::fleet;
using namespace kiosk::fleet::test;

namespace {

const QString kId = QStringLiteral("KIOSK-T-0001");
const QString kGroup = QStringLiteral("bkk");

// Collects what the agent publishes.
struct Operator {
    explicit Operator(MemoryBroker* broker) : transport(broker) {
        transport.subscribe(QStringLiteral("kiosk/v1/k/#"));
        QObject::connect(&transport, &FleetTransport::messageReceived,
                         [this](const QString& topic, const QByteArray& payload) {
                             const QJsonObject o = QJsonDocument::fromJson(payload).object();
                             const QString leaf = topics::leafOf(topic);
                             if (leaf == QLatin1String("events")) {
                                 events << o;
                             } else if (leaf == QLatin1String("heartbeat")) {
                                 heartbeats << o;
                             } else if (leaf == QLatin1String("reported")) {
                                 reported = o;
                             } else if (leaf == QLatin1String("status")) {
                                 status = o;
                             }
                         });
        transport.start();
    }
    QJsonObject lastEvent(const QString& type) const {
        for (auto it = events.crbegin(); it != events.crend(); ++it) {
            if (it->value(QLatin1String("type")).toString() == type) {
                return *it;
            }
        }
        return {};
    }
    MemoryTransport transport;
    QList<QJsonObject> events;
    QList<QJsonObject> heartbeats;
    QJsonObject reported;
    QJsonObject status;
};

}  // namespace

class TstFleetAgent : public QObject {
    Q_OBJECT

    SigningKey m_key = newKey();
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MemoryBroker> m_broker;
    std::unique_ptr<Operator> m_op;
    std::unique_ptr<MemoryTransport> m_transport;
    std::unique_ptr<MemoryConfigTarget> m_target;
    std::unique_ptr<FleetAgent> m_agent;
    QStringList m_audit;

    FleetAgent::Options options() const {
        FleetAgent::Options o;
        o.kioskId = kId;
        o.group = kGroup;
        o.trustedKeys = {m_key.publicRaw()};
        o.heartbeatMs = 50;
        o.healthTimeoutMs = 300;
        o.stateFile = m_dir->filePath(QStringLiteral("fleet-state.json"));
        return o;
    }

    void startAgent() {
        m_transport = std::make_unique<MemoryTransport>(m_broker.get());
        m_agent = std::make_unique<FleetAgent>(options(), m_transport.get(), m_target.get());
        m_agent->setAuditSink([this](const QString& e, const QString& s, const QString&) {
            m_audit << e + QLatin1Char(' ') + s;
        });
        m_agent->setStatusProvider([] {
            return QJsonObject{{QStringLiteral("outbox_depth"), 3},
                               {QStringLiteral("devices"),
                                QJsonObject{{QStringLiteral("reader"), QStringLiteral("ok")}}}};
        });
        m_agent->setCommandHandler([](const FleetCommand& c) -> Result<QJsonObject, QString> {
            if (c.name == QLatin1String("upload-logs")) {
                return fail(QStringLiteral("no log uploader"));
            }
            return QJsonObject{{QStringLiteral("done"), c.name}};
        });
        m_agent->start();
        QTRY_VERIFY(m_agent->isConnected());
    }

    void publishDesired(const QByteArray& wire, bool toGroup = true) {
        m_broker->publish(
            toGroup ? topics::group(kGroup, "desired") : topics::kiosk(kId, "desired"), wire, true);
    }

    void expectRejected(const QByteArray& wire, const QString& code, bool command = false) {
        QSignalSpy rejected(m_agent.get(), &FleetAgent::rejected);
        m_broker->publish(command ? topics::kiosk(kId, "command") : topics::kiosk(kId, "desired"),
                          wire, false);
        QTRY_COMPARE(rejected.size(), 1);
        QTRY_COMPARE(
            m_op->lastEvent(QStringLiteral("rejected")).value(QLatin1String("code")).toString(),
            code);
        QVERIFY(!m_op->lastEvent(QStringLiteral("rejected"))
                     .value(QLatin1String("reason"))
                     .toString()
                     .isEmpty());
        // The running configuration stays.
        QCOMPARE(textScaleOf(m_target->running()), 1.0);
        QCOMPARE(m_target->applies, 0);
        QCOMPARE(m_agent->state(), AgentState::Idle);
    }

private slots:
    void init() {
        m_dir = std::make_unique<QTemporaryDir>();
        m_broker = std::make_unique<MemoryBroker>();
        m_op = std::make_unique<Operator>(m_broker.get());
        m_target = std::make_unique<MemoryConfigTarget>(defaultConfig(kId, kGroup));
        m_audit.clear();
        startAgent();
    }
    void cleanup() {
        m_agent.reset();
        m_transport.reset();
        m_op.reset();
        m_broker.reset();
    }

    void bundle_healthy_committedAndReported() {
        QSignalSpy finished(m_agent.get(), &FleetAgent::bundleFinished);
        publishDesired(signedBundle(m_key, 5, textScale(1.3), groupTarget(kGroup),
                                    QDateTime::currentDateTimeUtc()));
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(1).toString(), QStringLiteral("committed"));
        QCOMPARE(m_agent->configVersion(), 5);
        QCOMPARE(textScaleOf(m_target->running()), 1.3);
        QTRY_COMPARE(m_op->reported.value(QLatin1String("config_version")).toInt(), 5);
        QCOMPARE(m_op->reported.value(QLatin1String("state")).toString(), QStringLiteral("idle"));
        QCOMPARE(m_op->reported.value(QLatin1String("last_result"))
                     .toObject()
                     .value(QLatin1String("outcome"))
                     .toString(),
                 QStringLiteral("committed"));
        QVERIFY(m_audit.contains(QStringLiteral("fleet.bundle.committed v5")));
    }

    void bundle_healthFails_rolledBackRunningConfigStays() {
        m_target->healthy = [](const QJsonObject& c) { return textScaleOf(c) < 1.5; };
        QSignalSpy finished(m_agent.get(), &FleetAgent::bundleFinished);
        publishDesired(signedBundle(m_key, 6, textScale(1.8), groupTarget(kGroup),
                                    QDateTime::currentDateTimeUtc()));
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(1).toString(), QStringLiteral("rolled-back"));
        QCOMPARE(m_target->applies, 1);
        QCOMPARE(m_target->rollbacks, 1);
        QCOMPARE(textScaleOf(m_target->running()), 1.0);
        QCOMPARE(textScaleOf(m_target->live), 1.0);
        QCOMPARE(m_agent->configVersion(), 0);
        const QJsonObject last = m_op->reported.value(QLatin1String("last_result")).toObject();
        QTRY_COMPARE(m_op->reported.value(QLatin1String("last_result"))
                         .toObject()
                         .value(QLatin1String("code"))
                         .toString(),
                     QStringLiteral("health-failed"));
        QVERIFY(m_audit.contains(QStringLiteral("fleet.bundle.rolled-back v6")));
    }

    void bundle_healthNeverAnswers_rolledBackAfterTimeout() {
        m_target->healthDelayMs = -1;
        QSignalSpy finished(m_agent.get(), &FleetAgent::bundleFinished);
        publishDesired(signedBundle(m_key, 7, textScale(1.2), groupTarget(kGroup),
                                    QDateTime::currentDateTimeUtc()));
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(1).toString(), QStringLiteral("rolled-back"));
        QVERIFY(finished.first().at(2).toString().contains(QLatin1String("did not finish")));
        QCOMPARE(textScaleOf(m_target->running()), 1.0);
    }

    void bundle_stagingFails_reportedFailedNothingApplied() {
        m_target->failStage = true;
        QSignalSpy finished(m_agent.get(), &FleetAgent::bundleFinished);
        publishDesired(signedBundle(m_key, 8, textScale(1.2), groupTarget(kGroup),
                                    QDateTime::currentDateTimeUtc()));
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(1).toString(), QStringLiteral("failed"));
        QCOMPARE(m_target->applies, 0);
    }

    void bundle_olderVersionAfterCommit_rejectedReplayed() {
        QSignalSpy finished(m_agent.get(), &FleetAgent::bundleFinished);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        publishDesired(signedBundle(m_key, 5, textScale(1.3), groupTarget(kGroup), now));
        QTRY_COMPARE(finished.size(), 1);
        m_target->applies = 0;
        QSignalSpy rejected(m_agent.get(), &FleetAgent::rejected);
        m_broker->publish(topics::kiosk(kId, "desired"),
                          signedBundle(m_key, 4, textScale(1.1), groupTarget(kGroup), now), false);
        QTRY_COMPARE(rejected.size(), 1);
        QCOMPARE(rejected.first().at(1).value<FleetError>().code, FleetError::Code::Replayed);
        QCOMPARE(textScaleOf(m_target->running()), 1.3);
        QCOMPARE(m_target->applies, 0);
    }

    void bundle_sameBundleTwice_appliedOnce() {
        QSignalSpy finished(m_agent.get(), &FleetAgent::bundleFinished);
        QSignalSpy rejected(m_agent.get(), &FleetAgent::rejected);
        const QByteArray wire = signedBundle(m_key, 5, textScale(1.3), groupTarget(kGroup),
                                             QDateTime::currentDateTimeUtc());
        publishDesired(wire, false);
        QTRY_COMPARE(finished.size(), 1);
        publishDesired(wire, true);  // the group copy of the same bundle
        QTest::qWait(50);
        QCOMPARE(m_target->applies, 1);
        QCOMPARE(rejected.size(), 0);
    }

    void bundle_retainedOnReconnect_notReapplied() {
        QSignalSpy finished(m_agent.get(), &FleetAgent::bundleFinished);
        publishDesired(signedBundle(m_key, 5, textScale(1.3), groupTarget(kGroup),
                                    QDateTime::currentDateTimeUtc()));
        QTRY_COMPARE(finished.size(), 1);
        m_broker->setOnline(false);
        QTRY_VERIFY(!m_agent->isConnected());
        m_broker->setOnline(true);
        QTRY_VERIFY(m_agent->isConnected());
        QTest::qWait(50);
        QCOMPARE(m_target->applies, 1);
    }

    void bundle_versionPersisted_newAgentRejectsOlder() {
        QSignalSpy finished(m_agent.get(), &FleetAgent::bundleFinished);
        publishDesired(signedBundle(m_key, 5, textScale(1.3), groupTarget(kGroup),
                                    QDateTime::currentDateTimeUtc()));
        QTRY_COMPARE(finished.size(), 1);
        m_agent.reset();
        startAgent();  // same state file: a restarted kiosk
        QCOMPARE(m_agent->configVersion(), 5);
        QSignalSpy rejected(m_agent.get(), &FleetAgent::rejected);
        m_broker->publish(topics::kiosk(kId, "desired"),
                          signedBundle(m_key, 5, textScale(1.6), groupTarget(kGroup),
                                       QDateTime::currentDateTimeUtc()),
                          false);
        QTRY_COMPARE(rejected.size(), 1);
        QCOMPARE(rejected.first().at(1).value<FleetError>().code, FleetError::Code::Replayed);
    }

    void bundle_unsigned_rejectedAndReported() {
        QJsonObject env =
            QJsonDocument::fromJson(signedBundle(m_key, 5, textScale(1.3), groupTarget(kGroup),
                                                 QDateTime::currentDateTimeUtc()))
                .object();
        env.remove(QStringLiteral("signatures"));
        expectRejected(QJsonDocument(env).toJson(), QStringLiteral("unsigned"));
        QTRY_COMPARE(m_op->reported.value(QLatin1String("last_result"))
                         .toObject()
                         .value(QLatin1String("code"))
                         .toString(),
                     QStringLiteral("unsigned"));
        QVERIFY(m_audit.contains(QStringLiteral("fleet.bundle.rejected unsigned")));
    }

    void bundle_wrongKey_rejectedUnknownKey() {
        expectRejected(signedBundle(newKey(), 5, textScale(1.3), groupTarget(kGroup),
                                    QDateTime::currentDateTimeUtc()),
                       QStringLiteral("unknown-key"));
    }

    void bundle_expired_rejectedExpired() {
        expectRejected(signedBundle(m_key, 5, textScale(1.3), groupTarget(kGroup),
                                    QDateTime::currentDateTimeUtc(), -7200, 3600),
                       QStringLiteral("expired"));
    }

    void bundle_oversized_rejectedOversized() {
        expectRejected(QByteArray(200 * 1024, '{'), QStringLiteral("oversized"));
    }

    void bundle_malformed_rejectedMalformed() {
        expectRejected("this is not a bundle", QStringLiteral("malformed"));
    }

    void bundle_invalidConfig_rejectedSchema() {
        expectRejected(
            signedBundle(m_key, 5,
                         QJsonObject{{QStringLiteral("ui"),
                                      QJsonObject{{QStringLiteral("idle_timeout_s"), 1}}}},
                         groupTarget(kGroup), QDateTime::currentDateTimeUtc()),
            QStringLiteral("schema"));
    }

    void bundle_whileApplying_newestAppliedAfter() {
        m_target->healthDelayMs = 100;
        QSignalSpy finished(m_agent.get(), &FleetAgent::bundleFinished);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        m_broker->publish(topics::kiosk(kId, "desired"),
                          signedBundle(m_key, 5, textScale(1.2), groupTarget(kGroup), now), false);
        QTRY_COMPARE(m_agent->state(), AgentState::HealthCheck);
        m_broker->publish(topics::kiosk(kId, "desired"),
                          signedBundle(m_key, 6, textScale(1.4), groupTarget(kGroup), now), false);
        QTRY_COMPARE(finished.size(), 2);
        QCOMPARE(m_agent->configVersion(), 6);
        QCOMPARE(textScaleOf(m_target->running()), 1.4);
    }

    void command_valid_runsOnceAndReportsResult() {
        QSignalSpy handled(m_agent.get(), &FleetAgent::commandHandled);
        QString nonce;
        const QByteArray wire =
            signedCommand(m_key, QStringLiteral("retry-outbox"), kioskTarget(kId),
                          QDateTime::currentDateTimeUtc(), 300, &nonce);
        m_broker->publish(topics::kiosk(kId, "command"), wire, false);
        QTRY_COMPARE(handled.size(), 1);
        QTRY_COMPARE(m_op->lastEvent(QStringLiteral("command-result"))
                         .value(QLatin1String("nonce"))
                         .toString(),
                     nonce);
        QVERIFY(
            m_op->lastEvent(QStringLiteral("command-result")).value(QLatin1String("ok")).toBool());
        QVERIFY(m_audit.contains(QStringLiteral("fleet.command retry-outbox")));
        // The same message again is a replay.
        expectRejected(wire, QStringLiteral("replayed"), true);
        QCOMPARE(handled.size(), 1);
    }

    void command_replayAfterRestart_stillRejected() {
        QSignalSpy handled(m_agent.get(), &FleetAgent::commandHandled);
        const QByteArray wire = signedCommand(m_key, QStringLiteral("self-test"),
                                              groupTarget(kGroup), QDateTime::currentDateTimeUtc());
        m_broker->publish(topics::group(kGroup, "command"), wire, false);
        QTRY_COMPARE(handled.size(), 1);
        m_agent.reset();
        startAgent();
        expectRejected(wire, QStringLiteral("replayed"), true);
    }

    void command_handlerFails_reportedNotOk() {
        QSignalSpy handled(m_agent.get(), &FleetAgent::commandHandled);
        m_broker->publish(topics::kiosk(kId, "command"),
                          signedCommand(m_key, QStringLiteral("upload-logs"), kioskTarget(kId),
                                        QDateTime::currentDateTimeUtc()),
                          false);
        QTRY_COMPARE(handled.size(), 1);
        QCOMPARE(handled.first().at(1).toBool(), false);
        QTRY_COMPARE(m_op->lastEvent(QStringLiteral("command-result"))
                         .value(QLatin1String("error"))
                         .toString(),
                     QStringLiteral("no log uploader"));
    }

    void command_expired_rejectedExpired() {
        expectRejected(signedCommand(m_key, QStringLiteral("restart"), kioskTarget(kId),
                                     QDateTime::currentDateTimeUtc().addSecs(-3600)),
                       QStringLiteral("expired"), true);
    }

    void command_badSignature_rejected() {
        expectRejected(signedCommand(newKey(), QStringLiteral("restart"), kioskTarget(kId),
                                     QDateTime::currentDateTimeUtc()),
                       QStringLiteral("unknown-key"), true);
    }

    void heartbeat_atInterval_carriesVersionsStatusAndErrors() {
        expectRejected("junk", QStringLiteral("malformed"));
        QTRY_VERIFY(m_op->heartbeats.size() >= 3);
        const QJsonObject hb = m_op->heartbeats.last();
        QCOMPARE(hb.value(QLatin1String("kiosk")).toString(), kId);
        QCOMPARE(hb.value(QLatin1String("outbox_depth")).toInt(), 3);
        QCOMPARE(
            hb.value(QLatin1String("versions")).toObject().value(QLatin1String("config")).toInt(),
            0);
        QVERIFY(hb.value(QLatin1String("errors"))
                    .toArray()
                    .first()
                    .toString()
                    .contains(QLatin1String("malformed")));
        QVERIFY(hb.value(QLatin1String("seq")).toInt() >
                m_op->heartbeats.first().value(QLatin1String("seq")).toInt());
    }

    void broker_lost_reconnectsAndRepublishesState() {
        QTRY_COMPARE(m_op->status.value(QLatin1String("online")).toBool(), true);
        m_broker->setOnline(false);
        QTRY_VERIFY(!m_agent->isConnected());
        const int before = m_agent->heartbeatsSent();
        QTest::qWait(150);
        QCOMPARE(m_agent->heartbeatsSent(), before);  // nothing sent, nothing blocked
        m_op->reported = {};
        m_broker->setOnline(true);
        QTRY_VERIFY(m_agent->isConnected());
        QTRY_COMPARE(m_op->reported.value(QLatin1String("kiosk")).toString(), kId);
        QTRY_VERIFY(m_agent->heartbeatsSent() > before);
    }

    void will_agentVanishes_statusOffline() {
        QTRY_COMPARE(m_op->status.value(QLatin1String("online")).toBool(), true);
        m_transport->crash();
        QTRY_COMPARE(m_op->status.value(QLatin1String("online")).toBool(), false);
    }
};

QTEST_GUILESS_MAIN(TstFleetAgent)
#include "tst_fleet_agent.moc"
