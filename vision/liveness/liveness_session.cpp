#include "liveness_session.h"

#include "face_match.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <opencv2/imgproc.hpp>

Q_LOGGING_CATEGORY(lcLiveness, "kiosk.vision.liveness")

namespace kiosk::vision {
namespace {

double meanShift(const std::vector<QPointF>& a, const std::vector<QPointF>& b) {
    if (a.size() != b.size() || a.empty())
        return 0;
    double s = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        const QPointF d = a[i] - b[i];
        s += std::hypot(d.x(), d.y());
    }
    return s / double(a.size());
}

}  // namespace

QString decisionName(LivenessDecision d) {
    switch (d) {
        case LivenessDecision::Live:
            return QStringLiteral("live");
        case LivenessDecision::Attack:
            return QStringLiteral("attack");
        case LivenessDecision::Inconclusive:
            return QStringLiteral("inconclusive");
    }
    return QStringLiteral("inconclusive");
}

struct LivenessSession::State {
    State(FaceAligner& aligner, const LivenessConfig& config, std::vector<Challenge> challenges)
        : tracker(aligner, config), runner(std::move(challenges), config), planar(config) {}

    FaceTracker tracker;
    ChallengeRunner runner;
    PlanarMotionCue planar;
    std::vector<double> padScores;
    qint64 lastPadMs = std::numeric_limits<qint64>::min() / 2;
    qint64 lastTs = -1;
    qint64 lastFaceMs = -1;
    qint64 longestGapMs = 0;
    std::vector<int> faceWidths;
    int frames = 0, framesWithFace = 0, multiFaceFrames = 0, detections = 0;
    std::vector<QPointF> prevLandmarks;
    // Identity continuity.
    std::optional<FaceDescriptor> firstDescriptor;
    qint64 lastIdentityMs = -1;
    double maxIdentityDistance = 0;
    int cuts = 0;
    bool identityChanged = false;
    QStringList events;
    // Best frame for matching.
    double bestQuality = -1;
    qint64 bestMs = -1;
    QImage bestFrame;
    std::vector<QPointF> bestLandmarks;
};

LivenessSession::LivenessSession(LivenessModels models, const LivenessConfig& config,
                                 LivenessOptions options)
    : m_models(models), m_config(config), m_options(std::move(options)) {
    if (m_options.stillImage)
        m_options.passiveOnly = true;
    m_state = std::make_unique<State>(
        *models.aligner, config,
        m_options.passiveOnly ? std::vector<Challenge>{} : m_options.challenges);
}

LivenessSession::LivenessSession(LivenessSession&&) noexcept = default;
LivenessSession& LivenessSession::operator=(LivenessSession&&) noexcept = default;
LivenessSession::~LivenessSession() = default;

Result<LivenessSession, LivenessError> LivenessSession::create(LivenessModels models,
                                                               const LivenessConfig& config,
                                                               LivenessOptions options) {
    if (!models.aligner || !models.pad)
        return fail(
            LivenessError{LivenessError::Code::BadConfig,
                          QStringLiteral("a session needs the face aligner and the PAD model")});
    if (!options.passiveOnly && !options.stillImage && options.challenges.empty())
        return fail(LivenessError{LivenessError::Code::BadConfig,
                                  QStringLiteral("no challenges for an active check")});
    return LivenessSession(models, config, std::move(options));
}

bool LivenessSession::challengesFinished() const {
    return !m_options.passiveOnly && m_state->runner.finished();
}

void LivenessSession::checkIdentity(const QImage& rgb, const std::vector<QPointF>& lm, qint64 t) {
    if (!m_models.embedder)
        return;
    auto chip = m_models.aligner->chip(rgb, lm);
    if (!chip)
        return;
    auto d = m_models.embedder->embed(*chip);
    if (!d)
        return;
    m_state->lastIdentityMs = t;
    if (!m_state->firstDescriptor) {
        m_state->firstDescriptor = *d;
        return;
    }
    const float dist = descriptorDistance(*m_state->firstDescriptor, *d);
    m_state->maxIdentityDistance = std::max(m_state->maxIdentityDistance, double(dist));
    if (dist > m_config.identityMaxDistance && !m_state->identityChanged) {
        m_state->identityChanged = true;
        m_state->events << QStringLiteral("%1 ms: a different face (distance %2)")
                               .arg(t)
                               .arg(double(dist), 0, 'f', 2);
    }
}

Result<FrameReport, LivenessError> LivenessSession::process(const cv::Mat& bgr, qint64 t) {
    State& s = *m_state;
    if (bgr.empty() || bgr.type() != CV_8UC3)
        return fail(LivenessError{LivenessError::Code::BadInput,
                                  QStringLiteral("frames must be 8-bit BGR")});
    if (t <= s.lastTs)
        return fail(LivenessError{
            LivenessError::Code::BadInput,
            QStringLiteral("timestamps must increase (%1 after %2)").arg(t).arg(s.lastTs)});
    s.lastTs = t;
    ++s.frames;

    cv::Mat rgbMat;
    cv::cvtColor(bgr, rgbMat, cv::COLOR_BGR2RGB);
    const QImage rgb(rgbMat.data, rgbMat.cols, rgbMat.rows, int(rgbMat.step),
                     QImage::Format_RGB888);

    FrameReport report;
    report.timestampMs = t;
    auto tracked = s.tracker.process(rgb);
    if (!tracked)
        return fail(tracked.error());
    report.faceCount = s.tracker.facesAtLastDetection();
    if (report.faceCount > 1)
        ++s.multiFaceFrames;

    if (!tracked->has_value()) {
        if (s.lastFaceMs >= 0)
            s.longestGapMs = std::max(s.longestGapMs, t - s.lastFaceMs);
        s.runner.tick(t);
        s.prevLandmarks.clear();
        report.prompt = s.runner.active();
        return report;
    }
    const TrackedFace& face = **tracked;
    if (s.lastFaceMs >= 0)
        s.longestGapMs = std::max(s.longestGapMs, t - s.lastFaceMs - 0);
    s.lastFaceMs = t;
    ++s.framesWithFace;
    s.faceWidths.push_back(face.box.width());
    report.faceFound = true;
    report.box = face.box;

    const double eyes = interEyeDistance(face.landmarks);
    // A cut: the face jumps in one frame, or the detector finds it elsewhere.
    bool cut = face.switched;
    if (!s.prevLandmarks.empty() && eyes > 1 &&
        meanShift(s.prevLandmarks, face.landmarks) / eyes > m_config.maxLandmarkJump)
        cut = true;
    s.prevLandmarks = face.landmarks;
    if (cut) {
        ++s.cuts;
        s.events << QStringLiteral("%1 ms: cut or face switch").arg(t);
    }

    report.pose = estimateHeadPose(face.landmarks, rgb.size());
    report.ear = eyeAspectRatio(face.landmarks);
    report.mouthOpen = mouthAspectRatio(face.landmarks);

    FaceMeasurement m;
    m.timestampMs = t;
    m.ear = report.ear;
    m.mouthOpen = report.mouthOpen;
    m.mouthWidth = mouthWidthRatio(face.landmarks);
    if (report.pose) {
        m.yawDeg = report.pose->yawDeg;
        m.pitchDeg = report.pose->pitchDeg;
    }
    if (!m_options.passiveOnly) {
        s.runner.start(t);
        report.actions = s.runner.update(m);
        report.prompt = s.runner.active();
    }

    // Passive cues. The model is the expensive one: at most every padEveryMs.
    cv::Mat gray;
    cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
    s.planar.add(gray, face.landmarks);
    if (t - s.lastPadMs >= m_config.padEveryMs) {
        auto p = m_models.pad->score(bgr, face.box);
        if (p) {
            s.padScores.push_back(*p);
            s.lastPadMs = t;
            report.padSampled = true;
            report.padScore = *p;
        }
    }

    // Identity: periodically, and at once after a cut.
    if (cut || s.lastIdentityMs < 0 || t - s.lastIdentityMs >= m_config.identityCheckEveryMs)
        checkIdentity(rgb, face.landmarks, t);

    // Candidate frame for matching: inside the sequence, frontal, eyes open.
    const bool inSequence = m_options.passiveOnly || (s.runner.started() && !s.runner.finished()) ||
                            (s.runner.passed() && report.actions.size() > 0);
    if (inSequence && report.pose) {
        const double eyeOpen = s.runner.detector().openEyeBaseline() > 0
                                   ? report.ear / s.runner.detector().openEyeBaseline()
                                   : 1.0;
        const double quality = std::min(1.0, eyeOpen) * 100.0 - std::abs(report.pose->yawDeg) -
                               std::abs(report.pose->pitchDeg) - std::abs(report.pose->rollDeg);
        if (quality > s.bestQuality) {
            s.bestQuality = quality;
            s.bestMs = t;
            s.bestFrame = rgb.copy();
            s.bestLandmarks = face.landmarks;
        }
    }
    return report;
}

std::vector<CueScore> LivenessSession::passiveCues() const {
    const State& s = *m_state;
    std::vector<CueScore> cues;

    CueScore model;
    model.name = QStringLiteral("pad_model");
    model.threshold = m_config.padModelThreshold;
    const int minSamples = m_options.stillImage ? 1 : m_config.padMinSamples;
    model.available = int(s.padScores.size()) >= minSamples;
    if (!s.padScores.empty())
        model.score = std::accumulate(s.padScores.begin(), s.padScores.end(), 0.0) /
                      double(s.padScores.size());
    model.attack = model.available && model.score < m_config.padModelThreshold;
    model.detail = QStringLiteral("mean live probability over %1 samples").arg(s.padScores.size());
    cues.push_back(model);

    const PlanarMotionResult pr = s.planar.result();
    CueScore planar;
    planar.name = QStringLiteral("planar_motion");
    planar.threshold = m_config.planarThreshold;
    planar.available = pr.judged;
    planar.score = pr.ratio;
    planar.attack = pr.judged && pr.ratio < m_config.planarThreshold;
    planar.detail =
        pr.judged
            ? QStringLiteral("homography/similarity residual over %1 frames").arg(pr.framesJudged)
            : QStringLiteral("too little head motion to judge (%1 < %2 eye distances)")
                  .arg(pr.motion, 0, 'f', 3)
                  .arg(m_config.planarMinMotion);
    cues.push_back(planar);
    return cues;
}

LivenessResult LivenessSession::finish() {
    State& s = *m_state;
    LivenessResult r;
    r.frames = s.frames;
    r.framesWithFace = s.framesWithFace;
    r.challenges = m_options.challenges;
    r.steps = s.runner.steps();
    r.log = s.runner.log() + s.events;
    r.cues = passiveCues();
    r.maxIdentityDistance = s.maxIdentityDistance;

    auto decide = [&](LivenessDecision d, QString reason) {
        if (r.reasons.isEmpty())
            r.decision = d;
        r.reasons << reason;
    };

    if (s.framesWithFace == 0) {
        decide(LivenessDecision::Inconclusive, QStringLiteral("no_face"));
        return r;
    }
    // Attack evidence first: it decides whatever else happened.
    if (s.identityChanged)
        decide(LivenessDecision::Attack, QStringLiteral("identity_changed"));
    for (const CueScore& c : r.cues)
        if (c.attack)
            decide(LivenessDecision::Attack, c.name);
    if (r.decision == LivenessDecision::Attack)
        return r;

    std::vector<int> widths = s.faceWidths;
    std::nth_element(widths.begin(), widths.begin() + long(widths.size() / 2), widths.end());
    if (widths[widths.size() / 2] < m_config.minFaceWidthPx)
        decide(LivenessDecision::Inconclusive, QStringLiteral("face_too_small"));
    if (s.multiFaceFrames > 0)
        decide(LivenessDecision::Inconclusive, QStringLiteral("multiple_faces"));
    if (s.longestGapMs > m_config.maxFaceGapMs)
        decide(LivenessDecision::Inconclusive, QStringLiteral("face_lost"));
    if (s.cuts > 0)
        decide(LivenessDecision::Inconclusive, QStringLiteral("discontinuity"));
    if (!m_options.passiveOnly && !s.runner.passed()) {
        QString why = QStringLiteral("challenge_incomplete");
        for (const ChallengeStep& step : r.steps) {
            if (step.status == ChallengeStep::Status::TimedOut)
                why = QStringLiteral("challenge_timed_out");
            if (step.status == ChallengeStep::Status::OutOfOrder)
                why = QStringLiteral("challenge_out_of_order");
        }
        decide(LivenessDecision::Inconclusive, why);
    }
    if (!r.cues.front().available)
        decide(LivenessDecision::Inconclusive, QStringLiteral("pad_model_insufficient"));
    if (r.reasons.isEmpty())
        r.decision = LivenessDecision::Live;

    if (s.bestMs >= 0) {
        r.matchFrameMs = s.bestMs;
        r.matchFrame = s.bestFrame;
        r.matchLandmarks = s.bestLandmarks;
        auto chip = m_models.aligner->chip(s.bestFrame, s.bestLandmarks);
        if (chip) {
            r.matchChip = *chip;
            if (m_models.embedder) {
                auto d = m_models.embedder->embed(*chip);
                if (d)
                    r.matchDescriptor = *d;
            }
        }
    }
    qCDebug(lcLiveness) << "decision" << decisionName(r.decision) << r.reasons;
    return r;
}

QJsonObject LivenessResult::toJson() const {
    QJsonObject o;
    o.insert(QStringLiteral("decision"), decisionName(decision));
    o.insert(QStringLiteral("reasons"), QJsonArray::fromStringList(reasons));
    QJsonObject cueObj;
    for (const CueScore& c : cues) {
        QJsonObject j;
        j.insert(QStringLiteral("available"), c.available);
        j.insert(QStringLiteral("score"), c.score);
        j.insert(QStringLiteral("threshold"), c.threshold);
        j.insert(QStringLiteral("attack"), c.attack);
        j.insert(QStringLiteral("detail"), c.detail);
        cueObj.insert(c.name, j);
    }
    o.insert(QStringLiteral("cues"), cueObj);
    QJsonArray stepArr;
    for (const ChallengeStep& st : steps) {
        QJsonObject j;
        j.insert(QStringLiteral("challenge"), challengeName(st.challenge));
        j.insert(QStringLiteral("status"), stepStatusName(st.status));
        j.insert(QStringLiteral("prompted_ms"), st.promptedAtMs);
        j.insert(QStringLiteral("done_ms"), st.doneAtMs);
        j.insert(QStringLiteral("deadline_ms"), st.deadlineMs);
        stepArr.append(j);
    }
    o.insert(QStringLiteral("challenges"), stepArr);
    o.insert(QStringLiteral("log"), QJsonArray::fromStringList(log));
    o.insert(QStringLiteral("frames"), frames);
    o.insert(QStringLiteral("frames_with_face"), framesWithFace);
    o.insert(QStringLiteral("max_identity_distance"), maxIdentityDistance);
    o.insert(QStringLiteral("match_frame_ms"), matchFrameMs);
    o.insert(QStringLiteral("match_descriptor"), bool(matchDescriptor));
    return o;
}

}  // namespace kiosk::vision
