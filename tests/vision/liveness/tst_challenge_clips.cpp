// The challenge detectors on real people: the clips of ../shared/data/video
// and the times of their actions in annotations.csv (approximate, +-0.3 s).
#include "liveness_test_data.h"

using namespace kiosk::vision;
using namespace kiosk::test::liveness;

namespace kiosk::vision {
inline char* toString(ChallengeStep::Status s) {
    return qstrdup(qPrintable(stepStatusName(s)));
}
}  // namespace kiosk::vision

class TestChallengeClips : public QObject {
    Q_OBJECT

    Models m_models;

    static constexpr qint64 kSlackMs = 300;  // annotation accuracy

    static bool within(qint64 t, qint64 from, qint64 to) {
        return t >= from - kSlackMs && t <= to + kSlackMs;
    }

    Run active(const QString& name, qint64 fromMs, qint64 toMs, const QString& challenges,
               LivenessConfig config = {}) {
        const Frames frames = readClip(name, fromMs, toMs);
        if (frames.images.empty()) {
            Run r;
            r.error = QStringLiteral("cannot read ") + clip(name);
            return r;
        }
        LivenessOptions o;
        o.challenges = *parseChallenges(challenges);
        return runSession(m_models.view(false), frames, o, config);
    }

    static const ChallengeStep& step(const Run& run, int i) {
        return run.result.steps.at(size_t(i));
    }

private slots:
    void initTestCase() {
        m_models = loadModels(false);
        QVERIFY2(m_models.error.isEmpty(), qPrintable(m_models.error));
        QVERIFY2(QFileInfo::exists(clip(QStringLiteral("katie_hill_talk.mp4"))),
                 qPrintable(QStringLiteral("missing clips in ") + clip(QString())));
    }

    void blink_aocTalk_matchesAnnotatedBlinks() {
        // "10 natural blinks ~0.45 1.05 1.35 2.25 3.2 3.9 4.45 5.2 6.0 7.1"
        const Run run =
            active(QStringLiteral("aoc_talk_blinks.mp4"), 0, 8000, QStringLiteral("blink"));
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        const std::vector<qint64> annotated = {450,  1050, 1350, 2250, 3200,
                                               3900, 4450, 5200, 6000, 7100};
        const std::vector<qint64> found = actionTimes(run, Challenge::Blink);
        int hits = 0;
        for (qint64 a : annotated)
            hits += std::any_of(found.begin(), found.end(),
                                [&](qint64 f) { return std::abs(f - a) <= kSlackMs; });
        QString seen;
        for (qint64 f : found)
            seen += QString::number(f) + QLatin1Char(' ');
        // The first one falls in the baseline's first frames; most of the rest must be found,
        // with few blinks where there are none.
        QVERIFY2(hits >= 7,
                 qPrintable(QStringLiteral("%1/10 blinks found: %2").arg(hits).arg(seen)));
        QVERIFY2(int(found.size()) <= hits + 2,
                 qPrintable(QStringLiteral("spurious blinks: ") + seen));
    }

    void blinkThenTurnRight_katie_liveWithinAnnotatedTimes() {
        // blink ~0.95, turn to her right +25..32 deg at 1.3-2.4 s.
        const Run run = active(QStringLiteral("katie_hill_talk.mp4"), 0, 3000,
                               QStringLiteral("blink,turn_right"));
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        QCOMPARE(step(run, 0).status, ChallengeStep::Status::Done);
        QCOMPARE(step(run, 1).status, ChallengeStep::Status::Done);
        QVERIFY(within(step(run, 0).doneAtMs, 950, 1350));
        QVERIFY(within(step(run, 1).doneAtMs, 1300, 2400));
        QCOMPARE(run.result.decision, LivenessDecision::Live);
        // The matching frame comes from inside the sequence.
        QVERIFY(run.result.matchFrameMs >= step(run, 0).promptedAtMs);
        QVERIFY(run.result.matchFrameMs <= step(run, 1).doneAtMs);
        QVERIFY(!run.result.matchChip.isNull());
    }

    void turnLeft_katie_doneAtHerLeftTurn() {
        // Turn to her left -15..-23 deg at 6.3-7.7 s (her own left), from a frontal start.
        const Run run =
            active(QStringLiteral("katie_hill_talk.mp4"), 5500, 8000, QStringLiteral("turn_left"));
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        QCOMPARE(step(run, 0).status, ChallengeStep::Status::Done);
        QVERIFY(within(step(run, 0).doneAtMs, 6300, 7700));
    }

    void turnLeft_talkTurnLeft_doneAtHisLeftTurn() {
        const Run run =
            active(QStringLiteral("talk_turn_left.mp4"), 0, 6800, QStringLiteral("turn_left"));
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        QCOMPARE(step(run, 0).status, ChallengeStep::Status::Done);
        QVERIFY(within(step(run, 0).doneAtMs, 3800, 5900));
        // No left turn before the annotated one (he glances to his right earlier).
        for (qint64 t : actionTimes(run, Challenge::TurnLeft))
            QVERIFY(t >= 3800 - kSlackMs);
    }

    void turnsAndNod_webcam_inOrder() {
        // turn right 19.5-20.5; left 20.9-21.6; down/up 22.5-25.
        const Run run = active(QStringLiteral("webcam_turns.mp4"), 18500, 26500,
                               QStringLiteral("turn_right,turn_left,nod"));
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        QCOMPARE(step(run, 0).status, ChallengeStep::Status::Done);
        QCOMPARE(step(run, 1).status, ChallengeStep::Status::Done);
        QCOMPARE(step(run, 2).status, ChallengeStep::Status::Done);
        QVERIFY(within(step(run, 0).doneAtMs, 19500, 20500));
        QVERIFY(within(step(run, 1).doneAtMs, 20900, 21600));
        QVERIFY(within(step(run, 2).doneAtMs, 22500, 25000));
        QCOMPARE(run.result.decision, LivenessDecision::Live);
    }

    void outOfOrder_katieTurnsRightFirst_inconclusive() {
        // Asked left then right, she turns right first (1.3 s).
        const Run run = active(QStringLiteral("katie_hill_talk.mp4"), 0, 3000,
                               QStringLiteral("turn_left,turn_right"));
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        QCOMPARE(step(run, 0).status, ChallengeStep::Status::OutOfOrder);
        QCOMPARE(run.result.decision, LivenessDecision::Inconclusive);
        QVERIFY(run.result.reasons.contains(QStringLiteral("challenge_out_of_order")));
    }

    void timeout_aocNeverTurns_inconclusive() {
        // Her yaw stays within +-15 degrees: a turn asked for is never made.
        LivenessConfig config;
        config.challengeTimeoutMs = 3000;
        const Run run = active(QStringLiteral("aoc_talk_blinks.mp4"), 0, 4000,
                               QStringLiteral("turn_left"), config);
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        QCOMPARE(step(run, 0).status, ChallengeStep::Status::TimedOut);
        QCOMPARE(run.result.decision, LivenessDecision::Inconclusive);
        QVERIFY(run.result.reasons.contains(QStringLiteral("challenge_timed_out")));
    }
};

QTEST_GUILESS_MAIN(TestChallengeClips)
#include "tst_challenge_clips.moc"
