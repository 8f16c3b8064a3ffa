// Decisions of the whole session: real clips are live, generated print and
// screen-replay presentations are attacks, a clip spliced from two people is
// rejected, a still image is judged by the passive cues alone.
#include "liveness_test_data.h"
#include "presentation_attack.h"

using namespace kiosk::vision;
using namespace kiosk::test::liveness;

class TestLivenessSession : public QObject {
    Q_OBJECT

    Models m_models;

    static Frames render(const kiosk::sim::AttackRenderer& r, int count) {
        Frames f;
        for (int i = 0; i < count; ++i) {
            f.images.push_back(r.frame(i));
            f.timestampsMs.push_back(r.timestampMs(i));
        }
        return f;
    }

    static LivenessOptions passive() {
        LivenessOptions o;
        o.passiveOnly = true;
        return o;
    }

private slots:
    void initTestCase() {
        m_models = loadModels(true);
        QVERIFY2(m_models.error.isEmpty(), qPrintable(m_models.error));
    }

    void passive_realClip_live() {
        const Frames f = readClip(QStringLiteral("katie_hill_talk.mp4"), 1000, 3000);
        QVERIFY2(!f.images.empty(), "cannot read katie_hill_talk.mp4");
        const Run run = runSession(m_models.view(), f, passive());
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        QCOMPARE(run.result.decision, LivenessDecision::Live);
        // The head turn was enough for the planar cue to judge, and it found depth.
        const CueScore& planar = run.result.cues.at(1);
        QVERIFY(planar.available);
        QVERIFY(!planar.attack);
        QVERIFY(run.result.matchDescriptor.has_value());
        QVERIFY(run.result.maxIdentityDistance < 0.6);
    }

    void passive_printOfClipFrame_attackByPlanarMotion() {
        const Frames still = readClip(QStringLiteral("katie_hill_talk.mp4"), 3000, 3040);
        QVERIFY2(!still.images.empty(), "cannot read katie_hill_talk.mp4");
        const kiosk::sim::AttackRenderer print(kiosk::sim::AttackType::Print, 11, still.images);
        const Run run = runSession(m_models.view(false), render(print, 40), passive());
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        QCOMPARE(run.result.decision, LivenessDecision::Attack);
        const CueScore& planar = run.result.cues.at(1);
        QVERIFY(planar.available);
        QVERIFY2(planar.attack, qPrintable(QStringLiteral("planar ratio %1").arg(planar.score)));
    }

    void passive_screenReplay_attackByModel() {
        const Frames clip = readClip(QStringLiteral("aoc_talk_blinks.mp4"), 2000, 3600);
        QVERIFY2(!clip.images.empty(), "cannot read aoc_talk_blinks.mp4");
        const kiosk::sim::AttackRenderer replay(kiosk::sim::AttackType::ScreenReplay, 5,
                                                clip.images);
        const Run run = runSession(m_models.view(false), render(replay, 40), passive());
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        QCOMPARE(run.result.decision, LivenessDecision::Attack);
        QVERIFY(run.result.reasons.contains(QStringLiteral("pad_model")));
    }

    void active_printTiltedToFakeTurns_attack() {
        // The attacker tilts a print left and right to imitate the asked turns.
        const Frames still = readClip(QStringLiteral("aoc_talk_blinks.mp4"), 1000, 1040);
        QVERIFY2(!still.images.empty(), "cannot read aoc_talk_blinks.mp4");
        const kiosk::sim::AttackRenderer print(kiosk::sim::AttackType::Print, 7, still.images);
        LivenessOptions o;
        o.challenges = {Challenge::TurnLeft, Challenge::TurnRight};
        const Run run = runSession(m_models.view(false), render(print, 75), o);
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        QCOMPARE(run.result.decision, LivenessDecision::Attack);
        const CueScore& planar = run.result.cues.at(1);
        QVERIFY2(planar.attack, qPrintable(QStringLiteral("planar %1 (%2); reasons %3")
                                               .arg(planar.score)
                                               .arg(planar.detail)
                                               .arg(run.result.reasons.join(QLatin1Char(',')))));
    }

    void active_splicedClipOfTwoPeople_attack() {
        // Katie blinks and turns; the recording then cuts to another woman.
        Frames spliced = readClip(QStringLiteral("katie_hill_talk.mp4"), 0, 2000);
        const Frames second = readClip(QStringLiteral("aoc_talk_blinks.mp4"), 3000, 6000);
        QVERIFY2(!spliced.images.empty() && !second.images.empty(), "cannot read the clips");
        const qint64 offset = spliced.timestampsMs.back() + 40 - second.timestampsMs.front();
        for (size_t i = 0; i < second.images.size(); ++i) {
            spliced.images.push_back(second.images[i]);
            spliced.timestampsMs.push_back(second.timestampsMs[i] + offset);
        }
        LivenessOptions o;
        o.challenges = {Challenge::Blink, Challenge::Smile};
        const Run run = runSession(m_models.view(), spliced, o);
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        QCOMPARE(run.result.decision, LivenessDecision::Attack);
        QVERIFY(run.result.reasons.contains(QStringLiteral("identity_changed")));
        QVERIFY(run.result.maxIdentityDistance > 0.6);
    }

    void still_padImages_decidedByModel_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("expected");
        QTest::newRow("bona fide") << QStringLiteral("image_T1.jpg") << int(LivenessDecision::Live);
        QTest::newRow("print") << QStringLiteral("image_F1.jpg") << int(LivenessDecision::Attack);
        QTest::newRow("screen") << QStringLiteral("image_F2.jpg") << int(LivenessDecision::Attack);
    }
    void still_padImages_decidedByModel() {
        QFETCH(QString, file);
        QFETCH(int, expected);
        kiosk::camera::ImageSequenceSource src(
            QStringList{kiosk::test::sharedDataDir() + QStringLiteral("/pad/") + file}, 25);
        QVERIFY2(src.open(), qPrintable(QStringLiteral("missing pad/") + file));
        auto frame = src.next();
        QVERIFY(frame);
        LivenessOptions o;
        o.stillImage = true;
        Frames f;
        f.images.push_back(frame->image);
        f.timestampsMs.push_back(0);
        const Run run = runSession(m_models.view(false), f, o);
        QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
        QCOMPARE(int(run.result.decision), expected);
    }

    void process_timestampsGoingBack_badInput() {
        auto session = LivenessSession::create(m_models.view(false), LivenessConfig{}, passive());
        QVERIFY(session);
        const cv::Mat black(480, 640, CV_8UC3, cv::Scalar::all(0));
        QVERIFY(session->process(black, 100));
        auto r = session->process(black, 100);
        QVERIFY(!r);
        QCOMPARE(r.error().code, LivenessError::Code::BadInput);
        QCOMPARE(session->finish().decision, LivenessDecision::Inconclusive);
        QVERIFY(session->finish().reasons.contains(QStringLiteral("no_face")));
    }

    void create_activeWithoutChallenges_badConfig() {
        auto session =
            LivenessSession::create(m_models.view(false), LivenessConfig{}, LivenessOptions{});
        QVERIFY(!session);
        QCOMPARE(session.error().code, LivenessError::Code::BadConfig);
    }
};

QTEST_GUILESS_MAIN(TestLivenessSession)
#include "tst_liveness_session.moc"
