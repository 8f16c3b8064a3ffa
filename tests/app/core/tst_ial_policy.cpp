// The IAL policy table: each piece of evidence missing lowers the level with
// its reason; contradicting evidence grants nothing; the config can change
// the table.
#include "ial_policy.h"
#include "proofing_fixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace kiosk::proofing;

namespace {

PolicyDecision run(const Evidence& e, const IalPolicy& p = IalPolicy::defaults()) {
    return decide(evaluateChecks(e, p), p);
}

Outcome outcomeOf(const PolicyDecision& d, Check c) {
    for (const auto& r : d.checks) {
        if (r.check == c) {
            return r.outcome;
        }
    }
    return Outcome::NotPerformed;
}

}  // namespace

class TestIalPolicy : public QObject {
    Q_OBJECT
private slots:
    void decide_allEvidence_ial23() {
        const auto d = run(kiosk::test::fullEvidence());
        QCOMPARE(d.ial, QStringLiteral("2.3"));
        QVERIFY(!d.rejected);
        QVERIFY(d.reasons.isEmpty());
        QCOMPARE(d.checks.size(), allChecks().size());
        for (const auto& c : d.checks) {
            QCOMPARE(outcomeName(c.outcome), QStringLiteral("passed"));
            QCOMPARE(c.evidenceSha256.size(), 64);
        }
    }

    // Less evidence, lower level: the table of the default policy.
    void decide_lessEvidence_lowerLevel_data() {
        QTest::addColumn<QString>("drop");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("reasonMentions");
        QTest::newRow("no liveness") << "liveness"
                                     << "2.2"
                                     << "liveness_live";
        QTest::newRow("no face, no liveness") << "face+liveness"
                                              << "2.1"
                                              << "face_match";
        QTest::newRow("laser typed only") << "printed"
                                          << "2.1"
                                          << "printed_card_consistent";
        QTest::newRow("no consent") << "consent"
                                    << "1.3"
                                    << "consent_recorded";
        QTest::newRow("no DOPA answer") << "card_status"
                                        << "1.2"
                                        << "card_status_valid";
        QTest::newRow("no chip") << "chip"
                                 << "1.1"
                                 << "chip_read";
        QTest::newRow("face quality low") << "face_quality"
                                          << "2.1"
                                          << "face quality";
        QTest::newRow("liveness inconclusive") << "liveness_inconclusive"
                                               << "2.2"
                                               << "inconclusive";
    }
    void decide_lessEvidence_lowerLevel() {
        QFETCH(QString, drop);
        QFETCH(QString, expected);
        QFETCH(QString, reasonMentions);
        Evidence e = kiosk::test::fullEvidence();
        if (drop.contains(QLatin1String("face")) && drop != QLatin1String("face_quality")) {
            e.face.reset();
        }
        if (drop == QLatin1String("face_quality")) {
            e.face->qualityOk = false;
            e.face->qualityReasons = {QStringLiteral("blur")};
            e.liveness.reset();
        }
        if (drop.contains(QLatin1String("liveness")) &&
            drop != QLatin1String("liveness_inconclusive")) {
            e.liveness.reset();
        }
        if (drop == QLatin1String("liveness_inconclusive")) {
            e.liveness->decision = LivenessEvidence::Decision::Inconclusive;
        }
        if (drop == QLatin1String("printed")) {
            PrintedCardReading typed;
            typed.laserCode = QStringLiteral("JT0123456789");
            e.printed = crossCheckPrintedCard(*e.chip, typed);
        }
        if (drop == QLatin1String("consent")) {
            e.consent.reset();
        }
        if (drop == QLatin1String("card_status")) {
            e.cardStatus.reset();
            e.notPerformed.insert(QStringLiteral("card_status_valid"),
                                  QStringLiteral("DOPA unreachable"));
        }
        if (drop == QLatin1String("chip")) {
            e.chip.reset();
        }
        const auto d = run(e);
        QCOMPARE(d.ial, expected);
        QVERIFY(!d.rejected);
        QVERIFY2(d.reasons.join(QLatin1Char('\n')).contains(reasonMentions),
                 qPrintable(d.reasons.join(QLatin1Char('\n'))));
        QVERIFY(d.reasons.first().startsWith(QStringLiteral("IAL ")));
    }

    void decide_cardStatusDeferred_lowerNowPendingHigher() {
        Evidence e = kiosk::test::fullEvidence();
        e.cardStatus.reset();
        e.deferred.insert(QStringLiteral("card_status_valid"),
                          QStringLiteral("DOPA unreachable (timeout)"));
        const auto d = run(e);
        QCOMPARE(d.ial, QStringLiteral("1.2"));
        QCOMPARE(d.pendingIal, QStringLiteral("2.3"));
        QCOMPARE(outcomeOf(d, Check::CardStatusValid), Outcome::Deferred);
        QVERIFY(!d.rejected);
    }

    void decide_deferredButFaceMissing_pendingOnlyToWhatElsePassed() {
        Evidence e = kiosk::test::fullEvidence();
        e.cardStatus.reset();
        e.face.reset();
        e.deferred.insert(QStringLiteral("card_status_valid"), QStringLiteral("DOPA unreachable"));
        const auto d = run(e);
        QCOMPARE(d.ial, QStringLiteral("1.2"));
        QCOMPARE(d.pendingIal, QStringLiteral("2.1"));
    }

    void decide_nothingDeferred_noPending() {
        QVERIFY(run(kiosk::test::fullEvidence()).pendingIal.isEmpty());
    }

    void decide_dopaDown_reasonNamesBackend() {
        Evidence e = kiosk::test::fullEvidence();
        e.cardStatus.reset();
        e.notPerformed.insert(QStringLiteral("card_status_valid"),
                              QStringLiteral("DOPA unreachable"));
        const auto d = run(e);
        QVERIFY(d.reasons.join(QLatin1Char(' ')).contains(QStringLiteral("DOPA unreachable")));
    }

    // Evidence against the claimed identity: no level at all.
    void decide_contradiction_rejected_data() {
        QTest::addColumn<QString>("breakWhat");
        QTest::addColumn<int>("check");
        QTest::newRow("revoked card") << "revoked" << int(Check::CardStatusValid);
        QTest::newRow("printed card differs") << "printed" << int(Check::PrintedCardConsistent);
        QTest::newRow("face mismatch") << "face" << int(Check::FaceMatch);
        QTest::newRow("presentation attack") << "attack" << int(Check::LivenessLive);
    }
    void decide_contradiction_rejected() {
        QFETCH(QString, breakWhat);
        QFETCH(int, check);
        Evidence e = kiosk::test::fullEvidence();
        if (breakWhat == QLatin1String("revoked")) {
            e.cardStatus->code = 2;
            e.cardStatus->valid = false;
        } else if (breakWhat == QLatin1String("printed")) {
            PrintedCardReading printed;
            printed.cid = e.chip->cid;
            printed.firstNameTh = QStringLiteral("สมศักดิ์");
            printed.lastNameTh = e.chip->lastNameTh;
            printed.birthDateBe = e.chip->birthDateBe;
            e.printed = crossCheckPrintedCard(*e.chip, printed);
        } else if (breakWhat == QLatin1String("face")) {
            e.face->match = false;
            e.face->score = 0.21;
        } else {
            e.liveness->decision = LivenessEvidence::Decision::Attack;
        }
        const auto d = run(e);
        QVERIFY(d.rejected);
        QVERIFY(d.ial.isEmpty());
        QCOMPARE(outcomeOf(d, static_cast<Check>(check)), Outcome::Failed);
        QVERIFY(d.reasons.first().startsWith(checkName(static_cast<Check>(check))));
    }

    void decide_consentDeclined_lowerNotRejected() {
        Evidence e = kiosk::test::fullEvidence();
        e.consent->action = ConsentEvidence::Action::Declined;
        const auto d = run(e);
        QVERIFY(!d.rejected);
        QCOMPARE(d.ial, QStringLiteral("1.3"));
    }

    void decide_faceBelowPolicyMinimum_failed() {
        IalPolicy p = IalPolicy::defaults();
        p.faceMinScore = 0.9;  // stricter than the matcher's 0.6
        const auto d = run(kiosk::test::fullEvidence(), p);
        QVERIFY(d.rejected);
        QCOMPARE(outcomeOf(d, Check::FaceMatch), Outcome::Failed);
    }

    void fromJson_customTable_applies() {
        const QJsonObject o = QJsonDocument::fromJson(R"({
            "policy_id": "strict/2",
            "consent_text_version": "consent-1",
            "fatal_failures": [],
            "levels": {"2.3": ["chip_read", "face_match"], "1.1": []}
        })")
                                  .object();
        const auto p = IalPolicy::fromJson(o);
        QVERIFY2(p.has_value(), qPrintable(p.has_value() ? QString() : p.error()));
        QCOMPARE(p->id, QStringLiteral("strict/2"));
        Evidence e = kiosk::test::fullEvidence();
        e.cardStatus->valid = false;  // not fatal, not required here
        QCOMPARE(run(e, *p).ial, QStringLiteral("2.3"));
    }

    void fromJson_unknownCheck_error() {
        const auto p = IalPolicy::fromJson(QJsonObject{
            {QStringLiteral("levels"),
             QJsonObject{{QStringLiteral("2.3"), QJsonArray{QStringLiteral("palm_scan")}}}}});
        QVERIFY(!p.has_value());
        QVERIFY(p.error().contains(QStringLiteral("palm_scan")));
    }

    void compareIal_numericParts_ordered() {
        QCOMPARE(compareIal(QStringLiteral("2.3"), QStringLiteral("2.2")), 1);
        QCOMPARE(compareIal(QStringLiteral("1.3"), QStringLiteral("2.1")), -1);
        QCOMPARE(compareIal(QStringLiteral("3"), QStringLiteral("2.3")), 1);
        QCOMPARE(compareIal(QStringLiteral("2.3"), QStringLiteral("2.3")), 0);
    }

    void crossCheck_laserOnly_notCompared() {
        const Evidence full = kiosk::test::fullEvidence();
        PrintedCardReading typed;
        typed.laserCode = QStringLiteral("jt0-1234567-89");
        const auto p = crossCheckPrintedCard(*full.chip, typed);
        QVERIFY(!p.consistentWithChip.has_value());
        QCOMPARE(p.laserCode, QStringLiteral("JT0123456789"));
    }

    void crossCheck_badLaserFormat_listedNotDecisive() {
        const Evidence full = kiosk::test::fullEvidence();
        PrintedCardReading typed;
        typed.laserCode = QStringLiteral("12-34");
        const auto p = crossCheckPrintedCard(*full.chip, typed);
        QVERIFY(!p.consistentWithChip.has_value());  // a typing slip is not evidence
        QCOMPARE(p.mismatches.size(), 1);
    }

    void crossCheck_typedLaserDiffersFromChip_inconsistent() {
        Evidence full = kiosk::test::fullEvidence();
        full.chip->chipLaserCode = QStringLiteral("JT0-1234567-89");
        PrintedCardReading typed;
        typed.laserCode = QStringLiteral("JT0-1234567-88");
        const auto p = crossCheckPrintedCard(*full.chip, typed);
        QCOMPARE(p.consistentWithChip, std::optional<bool>(false));
    }
};

QTEST_GUILESS_MAIN(TestIalPolicy)
#include "tst_ial_policy.moc"
