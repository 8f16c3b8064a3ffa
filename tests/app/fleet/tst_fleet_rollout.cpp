// Staged rollout over the in-memory broker: canary first, then the rest;
// halts when the canary fails past the threshold.
#include "fleet_agent.h"
#include "fleet_fixtures.h"
#include "memory_transport.h"
#include "rollout.h"
#include "topics.h"

#include <QSignalSpy>
#include <QTest>

using namespace kiosk::fleet;
using namespace kiosk::fleet::test;

namespace {

struct SimKiosk {
    SimKiosk(MemoryBroker* broker, const QString& id, const SigningKey& key)
        : transport(broker), target(defaultConfig(id, QStringLiteral("bkk"))) {
        FleetAgent::Options o;
        o.kioskId = id;
        o.group = QStringLiteral("bkk");
        o.trustedKeys = {key.publicRaw()};
        o.heartbeatMs = 1000;
        agent = std::make_unique<FleetAgent>(o, &transport, &target);
        agent->start();
    }
    MemoryTransport transport;
    MemoryConfigTarget target;
    std::unique_ptr<FleetAgent> agent;
};

}  // namespace

class TstFleetRollout : public QObject {
    Q_OBJECT

    SigningKey m_key = newKey();

    std::vector<std::unique_ptr<SimKiosk>> fleet(MemoryBroker* broker, int n) {
        std::vector<std::unique_ptr<SimKiosk>> kiosks;
        for (int i = 0; i < n; ++i) {
            kiosks.push_back(std::make_unique<SimKiosk>(
                broker, QStringLiteral("KIOSK-R-%1").arg(i, 4, 10, QLatin1Char('0')), m_key));
        }
        return kiosks;
    }

    Rollout::Options rolloutOptions(qint64 version, const QJsonObject& patch) const {
        Rollout::Options o;
        o.group = QStringLiteral("bkk");
        o.version = version;
        o.envelope = signedBundle(m_key, version, patch, groupTarget(QStringLiteral("bkk")),
                                  QDateTime::currentDateTimeUtc());
        o.canaryShare = 0.2;
        o.haltFailureRate = 0.25;
        o.discoveryMs = 100;
        o.waveTimeoutMs = 5000;
        return o;
    }

private slots:
    void rollout_allHealthy_everyKioskCommits() {
        MemoryBroker broker;
        auto kiosks = fleet(&broker, 10);
        MemoryTransport opTransport(&broker);
        FleetWatcher watcher(&opTransport);
        watcher.start();
        opTransport.start();
        Rollout rollout(rolloutOptions(2, textScale(1.2)), &opTransport, &watcher);
        QSignalSpy finished(&rollout, &Rollout::finished);
        rollout.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        const RolloutReport& r = rollout.report();
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(r.targets, 10);
        QCOMPARE(r.canaries, 2);
        QCOMPARE(r.committed, 10);
        for (const auto& k : kiosks) {
            QCOMPARE(k->agent->configVersion(), 2);
        }
        // Late joiners find it on the group topic.
        QVERIFY(!broker.retained(topics::group(QStringLiteral("bkk"), "desired")).isEmpty());
    }

    void rollout_canaryFailsHealth_haltsBeforeTheRest() {
        MemoryBroker broker;
        auto kiosks = fleet(&broker, 10);
        for (auto& k : kiosks) {
            k->target.healthy = [](const QJsonObject& c) { return textScaleOf(c) < 1.5; };
        }
        MemoryTransport opTransport(&broker);
        FleetWatcher watcher(&opTransport);
        watcher.start();
        opTransport.start();
        Rollout rollout(rolloutOptions(3, textScale(1.9)), &opTransport, &watcher);
        QSignalSpy finished(&rollout, &Rollout::finished);
        rollout.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        const RolloutReport& r = rollout.report();
        QVERIFY(!r.ok);
        QVERIFY(r.halted);
        QVERIFY(r.failed >= 1);
        QTest::qWait(50);
        int applied = 0;
        for (const auto& k : kiosks) {
            applied += k->target.applies;
            QCOMPARE(textScaleOf(k->target.running()), 1.0);  // rolled back or never touched
        }
        QVERIFY(applied <= r.canaries);  // the rest never saw it
        QVERIFY(broker.retained(topics::group(QStringLiteral("bkk"), "desired")).isEmpty());
    }

    void rollout_noKioskInGroup_fails() {
        MemoryBroker broker;
        MemoryTransport opTransport(&broker);
        FleetWatcher watcher(&opTransport);
        watcher.start();
        opTransport.start();
        Rollout rollout(rolloutOptions(2, textScale(1.2)), &opTransport, &watcher);
        QSignalSpy finished(&rollout, &Rollout::finished);
        rollout.start();
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY(!rollout.report().ok);
        QCOMPARE(rollout.report().targets, 0);
    }

    void watcher_heartbeats_countedPerKiosk() {
        MemoryBroker broker;
        auto kiosks = fleet(&broker, 3);
        MemoryTransport opTransport(&broker);
        FleetWatcher watcher(&opTransport);
        watcher.start();
        opTransport.start();
        QTRY_COMPARE(watcher.onlineMembers(QStringLiteral("bkk")).size(), 3);
        QTRY_VERIFY_WITH_TIMEOUT(watcher.heartbeats() >= 3, 5000);
        QVERIFY(watcher.heartbeatBytes() > 100);
    }
};

QTEST_GUILESS_MAIN(TstFleetRollout)
#include "tst_fleet_rollout.moc"
