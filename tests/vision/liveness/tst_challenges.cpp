#include "challenges.h"

#include <QTest>
#include <set>

using namespace kiosk::vision;

namespace kiosk::vision {
inline char* toString(ChallengeStep::Status s) {
    return qstrdup(qPrintable(stepStatusName(s)));
}
}  // namespace kiosk::vision

// Synthetic measurement streams at 25 fps: a neutral face (EAR 0.32, yaw and
// pitch 0, mouth closed) with one action inserted where a test wants it.
class TestChallenges : public QObject {
    Q_OBJECT

private:
    static FaceMeasurement neutral(qint64 t) {
        FaceMeasurement m;
        m.timestampMs = t;
        m.ear = 0.32;
        m.mouthOpen = 0.05;
        m.mouthWidth = 1.0;
        return m;
    }

    using Shaper = std::function<void(FaceMeasurement&)>;
    // Frames from `fromMs` to `toMs`, `shape` applied to each.
    static std::vector<FaceMeasurement> stream(qint64 fromMs, qint64 toMs, const Shaper& shape) {
        std::vector<FaceMeasurement> out;
        for (qint64 t = fromMs; t < toMs; t += 40) {
            FaceMeasurement m = neutral(t);
            shape(m);
            out.push_back(m);
        }
        return out;
    }

    // A whole recording: neutral, with the listed actions as [start, end) windows.
    struct Act {
        Challenge c;
        qint64 from, to;
    };
    static std::vector<FaceMeasurement> recording(qint64 lengthMs, const std::vector<Act>& acts) {
        return stream(0, lengthMs, [&](FaceMeasurement& m) {
            for (const Act& a : acts) {
                if (m.timestampMs < a.from || m.timestampMs >= a.to)
                    continue;
                switch (a.c) {
                    case Challenge::Blink:
                        m.ear = 0.08;
                        break;
                    case Challenge::TurnLeft:
                        m.yawDeg = -30;
                        break;
                    case Challenge::TurnRight:
                        m.yawDeg = 30;
                        break;
                    case Challenge::Smile:
                        m.mouthWidth = 1.3;
                        break;
                    case Challenge::OpenMouth:
                        m.mouthOpen = 0.7;
                        break;
                    case Challenge::Nod:
                        m.pitchDeg = -20;
                        break;
                }
            }
        });
    }

    static std::vector<std::pair<Challenge, qint64>> detect(const std::vector<FaceMeasurement>& s) {
        ActionDetector d{LivenessConfig{}};
        std::vector<std::pair<Challenge, qint64>> events;
        for (const auto& m : s)
            for (Challenge c : d.update(m))
                events.emplace_back(c, m.timestampMs);
        return events;
    }

    static ChallengeRunner run(std::vector<Challenge> seq, const std::vector<FaceMeasurement>& s,
                               LivenessConfig config = {}) {
        ChallengeRunner r(std::move(seq), config);
        r.start(s.front().timestampMs);
        for (const auto& m : s)
            r.update(m);
        return r;
    }

private slots:
    void detect_eachAction_reportedOnceAtItsTime_data() {
        QTest::addColumn<int>("challenge");
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::newRow("blink") << int(Challenge::Blink) << 2000 << 2160;
        QTest::newRow("turn_left") << int(Challenge::TurnLeft) << 2000 << 3000;
        QTest::newRow("turn_right") << int(Challenge::TurnRight) << 2000 << 3000;
        QTest::newRow("smile") << int(Challenge::Smile) << 2000 << 3000;
        QTest::newRow("open_mouth") << int(Challenge::OpenMouth) << 2000 << 3000;
        QTest::newRow("nod") << int(Challenge::Nod) << 2000 << 2800;
    }
    void detect_eachAction_reportedOnceAtItsTime() {
        QFETCH(int, challenge);
        QFETCH(int, from);
        QFETCH(int, to);
        const auto c = Challenge(challenge);
        const auto events = detect(recording(5000, {{c, from, to}}));
        QCOMPARE(events.size(), size_t(1));
        QCOMPARE(events[0].first, c);
        // Reported within the action (or, for blink and nod, as it ends).
        QVERIFY2(
            events[0].second >= from && events[0].second <= to + 80,
            qPrintable(QStringLiteral("%1 at %2 ms").arg(challengeName(c)).arg(events[0].second)));
    }

    void detect_neutralFace_noAction() { QVERIFY(detect(recording(6000, {})).empty()); }

    void detect_eyesClosedForLong_notABlink() {
        const auto events = detect(recording(5000, {{Challenge::Blink, 2000, 3500}}));
        QVERIFY(events.empty());
    }

    void detect_twoBlinks_twoEvents() {
        const auto events = detect(
            recording(5000, {{Challenge::Blink, 1500, 1620}, {Challenge::Blink, 3000, 3120}}));
        QCOMPARE(events.size(), size_t(2));
    }

    void detect_heldTurn_oneEventUntilBackToNeutral() {
        // Held 2 s, then back, then again: two turns.
        const auto events = detect(recording(
            8000, {{Challenge::TurnLeft, 1000, 3000}, {Challenge::TurnLeft, 4000, 5000}}));
        QCOMPARE(events.size(), size_t(2));
    }

    void detect_smallYaw_noTurn() {
        const auto s = stream(0, 4000, [](FaceMeasurement& m) {
            m.yawDeg = m.timestampMs > 1000 ? 12 : 0;  // under the 18 degree threshold
        });
        QVERIFY(detect(s).empty());
    }

    void detect_turnSignsFollowThePerson_rightIsPositiveYaw() {
        const auto s =
            stream(0, 3000, [](FaceMeasurement& m) { m.yawDeg = m.timestampMs > 1000 ? 25 : 0; });
        const auto events = detect(s);
        QCOMPARE(events.size(), size_t(1));
        QCOMPARE(events[0].first, Challenge::TurnRight);
    }

    void detect_baselineIsThePersonsStartPose() {
        // Someone who stands turned 10 degrees does not "turn" by standing still.
        const auto s = stream(0, 4000, [](FaceMeasurement& m) {
            m.yawDeg = -10;
            m.pitchDeg = 8;
        });
        QVERIFY(detect(s).empty());
    }

    void run_actionsInOrder_passed() {
        const auto s = recording(8000, {{Challenge::Blink, 1000, 1120},
                                        {Challenge::TurnLeft, 2000, 3000},
                                        {Challenge::Smile, 4000, 5000}});
        const auto r = run({Challenge::Blink, Challenge::TurnLeft, Challenge::Smile}, s);
        QVERIFY(r.finished());
        QVERIFY(r.passed());
        for (const auto& step : r.steps()) {
            QCOMPARE(step.status, ChallengeStep::Status::Done);
            QVERIFY(step.doneAtMs >= step.promptedAtMs);
            QVERIFY(step.doneAtMs <= step.deadlineMs);
        }
        QVERIFY(r.sequenceEndMs() >= 4000);
    }

    void run_actionNeverPerformed_timedOut() {
        LivenessConfig config;
        config.challengeTimeoutMs = 3000;
        const auto s = recording(6000, {{Challenge::Blink, 1000, 1120}});
        const auto r = run({Challenge::Blink, Challenge::Nod}, s, config);
        QVERIFY(r.finished());
        QVERIFY(!r.passed());
        QCOMPARE(r.steps()[0].status, ChallengeStep::Status::Done);
        QCOMPARE(r.steps()[1].status, ChallengeStep::Status::TimedOut);
    }

    void run_actionAfterItsWindow_timedOut() {
        LivenessConfig config;
        config.challengeTimeoutMs = 2000;
        const auto s = recording(6000, {{Challenge::TurnRight, 4000, 5000}});
        const auto r = run({Challenge::TurnRight}, s, config);
        QCOMPARE(r.steps()[0].status, ChallengeStep::Status::TimedOut);
    }

    void run_laterActionFirst_outOfOrder() {
        const auto s = recording(
            8000, {{Challenge::TurnRight, 1000, 2000}, {Challenge::TurnLeft, 3000, 4000}});
        const auto r = run({Challenge::TurnLeft, Challenge::TurnRight}, s);
        QVERIFY(r.finished());
        QVERIFY(!r.passed());
        QCOMPARE(r.steps()[0].status, ChallengeStep::Status::OutOfOrder);
        QVERIFY(r.log()
                    .join(QLatin1Char('\n'))
                    .contains(QStringLiteral("turn_right performed while turn_left")));
    }

    void run_naturalActionsNotAsked_ignored() {
        // Blinking and talking while asked to turn is fine.
        const auto s = recording(6000, {{Challenge::Blink, 500, 620},
                                        {Challenge::OpenMouth, 800, 1500},
                                        {Challenge::TurnLeft, 2000, 3000}});
        QVERIFY(run({Challenge::TurnLeft}, s).passed());
    }

    void run_actionBeforeStart_doesNotCount() {
        // The smile began before the prompt and was held: it must be made again.
        ChallengeRunner r({Challenge::Smile}, LivenessConfig{});
        const auto s = recording(5000, {{Challenge::Smile, 1000, 5000}});
        for (const auto& m : s) {
            if (m.timestampMs == 2000)
                r.start(m.timestampMs);
            r.update(m);
        }
        QVERIFY(!r.passed());
    }

    void parseChallenges_list_inOrder() {
        auto c = parseChallenges(QStringLiteral("blink, turn_left,nod"));
        QVERIFY(c);
        QCOMPARE(c->size(), size_t(3));
        QCOMPARE((*c)[0], Challenge::Blink);
        QCOMPARE((*c)[1], Challenge::TurnLeft);
        QCOMPARE((*c)[2], Challenge::Nod);
    }

    void parseChallenges_unknownOrDuplicate_badConfig() {
        QCOMPARE(parseChallenges(QStringLiteral("blink,wink")).error().code,
                 LivenessError::Code::BadConfig);
        QCOMPARE(parseChallenges(QStringLiteral("blink,blink")).error().code,
                 LivenessError::Code::BadConfig);
        QCOMPARE(parseChallenges(QString()).error().code, LivenessError::Code::BadConfig);
    }

    void randomChallenges_seed_reproducibleDistinctAndVaried() {
        std::set<std::vector<Challenge>> seen;
        for (quint64 seed = 1; seed <= 40; ++seed) {
            const auto a = randomChallenges(seed, 3);
            QCOMPARE(a, randomChallenges(seed, 3));
            QCOMPARE(a.size(), size_t(3));
            QCOMPARE(std::set<Challenge>(a.begin(), a.end()).size(), size_t(3));
            seen.insert(a);
        }
        QVERIFY(seen.size() > 20);  // 120 possible orders of 3 out of 6
        QCOMPARE(randomChallenges(7, 2).size(), size_t(2));
    }
};

QTEST_GUILESS_MAIN(TestChallenges)
#include "tst_challenges.moc"
