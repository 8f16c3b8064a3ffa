// PcscCardPort on pcscd with the demo citizen's virtual card: the field
// groups reported in order, the chip data handed to the screens and kept for
// proofing, the reader monitor's insertion, and a cancelled read dropped.
#include "journey_evidence.h"
#include "pcsc_card_port.h"
#include "sim_rig.h"
#include "test_env.h"

#include <QGuiApplication>
#include <QTest>

using namespace kiosk;
using namespace kiosk::journey;

class TestPcscCardPort : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<sim::SimRig> m_rig;

private slots:
    void initTestCase() {
        sim::SimRig::Options options;
        options.mosquitto = false;
        options.portal = false;
        options.card =
            sim::VirtualCardPart::Card{test::sourceDir() + QStringLiteral("/sim/cards/kanya.json"),
                                       QStringLiteral("standard")};
        auto rig = sim::SimRig::start(options);
        QVERIFY2(rig, rig ? "" : qPrintable(rig.error().summary()));
        m_rig = std::move(*rig);
        qputenv("PCSCLITE_CSOCK_NAME",
                m_rig->environment().value(QStringLiteral("PCSCLITE_CSOCK_NAME")).toLocal8Bit());
    }

    void read_demoCard_groupsInOrderThenCitizen() {
        JourneyEvidence evidence;
        PcscCardPort port({{}, {}, 20}, &evidence);
        QStringList groups;
        std::optional<CitizenData> citizen;
        QString error;
        port.read([&](const ReadProgress& p) { groups << p.stepId; },
                  [&](const CitizenData& c) { citizen = c; },
                  [&](const StepError& e) { error = e.code; });
        QVERIFY(QTest::qWaitFor([&] { return citizen || !error.isEmpty(); }, 20000));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(groups, PcscCardPort::fieldGroups());
        QCOMPARE(citizen->cid, QStringLiteral("1103700456121"));
        QCOMPARE(citizen->firstNameEn, QStringLiteral("Kanya"));
        QVERIFY(!citizen->photo.isNull());
        const auto kept = evidence.snapshot();
        QVERIFY(kept.card.has_value());
        QCOMPARE(kept.card->laserCode.isEmpty(), false);
    }

    void read_cancelled_nothingDelivered() {
        PcscCardPort port({{}, {}, 20}, nullptr);
        int calls = 0;
        port.read([&](const ReadProgress& p) { calls += p.step > 1; },
                  [&](const CitizenData&) { ++calls; }, [&](const StepError&) { ++calls; });
        port.cancel();
        QTest::qWait(3000);
        QCOMPARE(calls, 0);
    }

    void watch_cardAlreadyIn_reportedInserted() {
        PcscCardPort port({}, nullptr);
        int inserted = 0;
        port.watch([&] { ++inserted; }, [] {});
        QVERIFY(QTest::qWaitFor([&] { return inserted > 0; }, 10000));
    }

    void cleanupTestCase() { m_rig.reset(); }
};

QTEST_GUILESS_MAIN(TestPcscCardPort)
#include "tst_pcsc_card_port.moc"
