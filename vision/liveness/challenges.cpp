#include "challenges.h"

#include <QSet>
#include <algorithm>
#include <cmath>
#include <random>

namespace kiosk::vision {
namespace {

constexpr int kStartFrames = 5;          // frames that fix the start pose
constexpr qint64 kEyeBaselineMs = 1500;  // window of the open-eye baseline
constexpr int kHoldFrames = 2;
constexpr double kTurnRelativeShare = 0.7;  // of turnYawDeg, measured from the start pose
constexpr qint64 kWaitOpen = -2;            // blink state: closed too long, wait for open eyes
constexpr qint64 kNeutralMouthMs = 500;  // mouth seen this long before a smile counts           //
                                         // smile / open mouth held this many frames

double percentile(std::vector<double> v, double q) {
    if (v.empty())
        return 0;
    const size_t k = std::min(v.size() - 1, size_t(std::lround(q * double(v.size() - 1))));
    std::nth_element(v.begin(), v.begin() + long(k), v.end());
    return v[k];
}

double median(std::vector<double> v) {
    return percentile(std::move(v), 0.5);
}

}  // namespace

QString challengeName(Challenge c) {
    switch (c) {
        case Challenge::Blink:
            return QStringLiteral("blink");
        case Challenge::TurnLeft:
            return QStringLiteral("turn_left");
        case Challenge::TurnRight:
            return QStringLiteral("turn_right");
        case Challenge::Smile:
            return QStringLiteral("smile");
        case Challenge::OpenMouth:
            return QStringLiteral("open_mouth");
        case Challenge::Nod:
            return QStringLiteral("nod");
    }
    return QStringLiteral("blink");
}

std::optional<Challenge> challengeFromName(const QString& name) {
    for (Challenge c : kAllChallenges)
        if (challengeName(c) == name.trimmed())
            return c;
    return std::nullopt;
}

Result<std::vector<Challenge>, LivenessError> parseChallenges(const QString& list) {
    std::vector<Challenge> out;
    QSet<QString> seen;
    for (const QString& raw : list.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString name = raw.trimmed();
        auto c = challengeFromName(name);
        if (!c)
            return fail(
                LivenessError{LivenessError::Code::BadConfig,
                              QStringLiteral("unknown challenge \"%1\" (known: blink, "
                                             "turn_left, turn_right, smile, open_mouth, nod)")
                                  .arg(name)});
        if (seen.contains(name))
            return fail(LivenessError{LivenessError::Code::BadConfig,
                                      QStringLiteral("challenge \"%1\" listed twice").arg(name)});
        seen.insert(name);
        out.push_back(*c);
    }
    if (out.empty())
        return fail(LivenessError{LivenessError::Code::BadConfig, QStringLiteral("no challenges")});
    return out;
}

std::vector<Challenge> randomChallenges(quint64 seed, int count) {
    std::vector<Challenge> all(std::begin(kAllChallenges), std::end(kAllChallenges));
    std::mt19937_64 rng(seed);
    std::shuffle(all.begin(), all.end(), rng);
    all.resize(size_t(std::clamp(count, 1, int(all.size()))));
    return all;
}

quint64 freshChallengeSeed() {
    std::random_device rd;
    return (quint64(rd()) << 32) ^ quint64(rd());
}

// --- ActionDetector --------------------------------------------------------

ActionDetector::ActionDetector(const LivenessConfig& config) : m_config(config) {}

void ActionDetector::reset() {
    *this = ActionDetector(m_config);
}

std::vector<Challenge> ActionDetector::update(const FaceMeasurement& m) {
    std::vector<Challenge> events;
    m_lastYaw = m.yawDeg;
    m_lastPitch = m.pitchDeg;
    m_mouthWidths.push_back(m.mouthWidth);

    if (!m_baselineReady) {
        m_start.push_back(m);
        m_recent.push_back(m);
        if (int(m_start.size()) < kStartFrames)
            return events;
        std::vector<double> yaw, pitch;
        for (const auto& s : m_start) {
            yaw.push_back(s.yawDeg);
            pitch.push_back(s.pitchDeg);
        }
        m_yaw0 = median(yaw);
        m_pitch0 = median(pitch);
        m_baselineReady = true;
    }

    // Open-eye baseline: a high percentile of the recent past, so blinks and
    // squints do not pull it down.
    while (!m_recent.empty() && m.timestampMs - m_recent.front().timestampMs > kEyeBaselineMs)
        m_recent.pop_front();
    std::vector<double> ears;
    for (const auto& r : m_recent)
        ears.push_back(r.ear);
    if (!ears.empty())
        m_earBase = percentile(ears, 0.85);
    m_recent.push_back(m);

    const double dYaw = m.yawDeg - m_yaw0;
    const double dPitch = m.pitchDeg - m_pitch0;

    // Blink: the eyes close below a fraction of the open baseline and open
    // again within blinkMaxMs. Eyes read badly on a strongly turned head.
    const bool frontalEnough = std::abs(dYaw) < m_config.turnYawDeg * 1.5;
    if (m_earBase > 0 && frontalEnough) {
        const double closedBelow = m_earBase * m_config.blinkEarDrop;
        if (m_closedSince == kWaitOpen) {
            if (m.ear > closedBelow)
                m_closedSince = -1;
        } else if (m_closedSince < 0 && m.ear < closedBelow) {
            m_closedSince = m.timestampMs;
            m_closedMin = m.ear;
        } else if (m_closedSince >= 0) {
            m_closedMin = std::min(m_closedMin, m.ear);
            // Reopened: back up half way from the lowest point to the open
            // baseline (looking up or down lowers the open ratio too).
            if (m.ear > m_closedMin + 0.5 * (m_earBase - m_closedMin)) {
                if (m.timestampMs - m_closedSince <= m_config.blinkMaxMs)
                    events.push_back(Challenge::Blink);
                m_closedSince = -1;
            } else if (m.timestampMs - m_closedSince > m_config.blinkMaxMs) {
                m_closedSince = kWaitOpen;  // eyes kept closed: not a blink
            }
        }
    }

    // Turns: one event per excursion. The head must be turned away from the
    // camera (absolute yaw) and have moved from where it started (relative),
    // so neither standing a little sideways nor talking counts as a turn.
    const double relTurn = m_config.turnYawDeg * kTurnRelativeShare;
    if (m_turnArmed && m.yawDeg > m_config.turnYawDeg && dYaw > relTurn) {
        events.push_back(Challenge::TurnRight);
        m_turnArmed = false;
    } else if (m_turnArmed && m.yawDeg < -m_config.turnYawDeg && dYaw < -relTurn) {
        events.push_back(Challenge::TurnLeft);
        m_turnArmed = false;
    } else if (!m_turnArmed && std::abs(dYaw) < m_config.neutralDeg &&
               std::abs(m.yawDeg) < m_config.turnYawDeg * 0.6) {
        m_turnArmed = true;
    }

    // Nod: pitch leaves the start pose (either way) with the head facing
    // forward, and comes back.
    if (m_nodArmed && std::abs(dYaw) < m_config.turnYawDeg &&
        std::abs(dPitch) > m_config.nodPitchDeg) {
        m_nodArmed = false;
        m_nodDir = dPitch > 0 ? 1 : -1;
    } else if (!m_nodArmed && std::abs(dPitch) < m_config.nodPitchDeg * 0.5) {
        if (m_nodDir != 0)
            events.push_back(Challenge::Nod);
        m_nodArmed = true;
        m_nodDir = 0;
    }

    // Smile: the mouth widens against the person's neutral width (a low
    // percentile of everything seen so far).
    const double neutralWidth = percentile(m_mouthWidths, 0.2);
    const double gain = neutralWidth > 0 ? m.mouthWidth / neutralWidth - 1.0 : 0;
    const bool knowsNeutral = m.timestampMs - m_start.front().timestampMs >= kNeutralMouthMs;
    if (gain > m_config.smileWidthGain && frontalEnough && knowsNeutral) {
        if (++m_smileFrames >= kHoldFrames && m_smileArmed) {
            events.push_back(Challenge::Smile);
            m_smileArmed = false;
        }
    } else {
        m_smileFrames = 0;
        if (gain < m_config.smileWidthGain * 0.5)
            m_smileArmed = true;
    }

    if (m.mouthOpen > m_config.openMouthRatio) {
        if (++m_mouthFrames >= kHoldFrames && m_mouthArmed) {
            events.push_back(Challenge::OpenMouth);
            m_mouthArmed = false;
        }
    } else {
        m_mouthFrames = 0;
        if (m.mouthOpen < m_config.openMouthRatio * 0.6)
            m_mouthArmed = true;
    }
    return events;
}

// --- ChallengeRunner -------------------------------------------------------

QString stepStatusName(ChallengeStep::Status s) {
    switch (s) {
        case ChallengeStep::Status::Pending:
            return QStringLiteral("pending");
        case ChallengeStep::Status::Active:
            return QStringLiteral("active");
        case ChallengeStep::Status::Done:
            return QStringLiteral("done");
        case ChallengeStep::Status::TimedOut:
            return QStringLiteral("timed_out");
        case ChallengeStep::Status::OutOfOrder:
            return QStringLiteral("out_of_order");
    }
    return QStringLiteral("pending");
}

ChallengeRunner::ChallengeRunner(std::vector<Challenge> sequence, const LivenessConfig& config)
    : m_config(config), m_detector(config) {
    for (Challenge c : sequence) {
        ChallengeStep step;
        step.challenge = c;
        m_steps.push_back(step);
    }
}

void ChallengeRunner::start(qint64 timestampMs) {
    if (m_started)
        return;
    m_started = true;
    m_startMs = timestampMs;
    if (!m_steps.empty())
        prompt(0, timestampMs);
}

void ChallengeRunner::prompt(int index, qint64 t) {
    m_active = index;
    ChallengeStep& s = m_steps[size_t(index)];
    s.status = ChallengeStep::Status::Active;
    s.promptedAtMs = t;
    s.deadlineMs = t + m_config.challengeTimeoutMs;
    m_log << QStringLiteral("%1 ms: prompt %2").arg(t).arg(challengeName(s.challenge));
}

void ChallengeRunner::checkTimeouts(qint64 t) {
    if (m_failed || m_active < 0)
        return;
    ChallengeStep& s = m_steps[size_t(m_active)];
    const bool stepLate = t > s.deadlineMs;
    const bool sequenceLate = t - m_startMs > m_config.sequenceTimeoutMs;
    if (stepLate || sequenceLate) {
        s.status = ChallengeStep::Status::TimedOut;
        m_failed = true;
        m_log << QStringLiteral("%1 ms: %2 not performed within %3 ms")
                     .arg(t)
                     .arg(challengeName(s.challenge))
                     .arg(stepLate ? m_config.challengeTimeoutMs : m_config.sequenceTimeoutMs);
        m_active = -1;
    }
}

void ChallengeRunner::tick(qint64 timestampMs) {
    checkTimeouts(timestampMs);
}

std::vector<Challenge> ChallengeRunner::update(const FaceMeasurement& m) {
    const std::vector<Challenge> events = m_detector.update(m);
    if (!m_started || finished())
        return events;
    checkTimeouts(m.timestampMs);
    for (Challenge e : events) {
        if (m_active < 0)
            break;
        ChallengeStep& s = m_steps[size_t(m_active)];
        if (e == s.challenge) {
            s.status = ChallengeStep::Status::Done;
            s.doneAtMs = m.timestampMs;
            m_log << QStringLiteral("%1 ms: %2 done").arg(m.timestampMs).arg(challengeName(e));
            if (m_active + 1 < int(m_steps.size()))
                prompt(m_active + 1, m.timestampMs);
            else
                m_active = -1;
            continue;
        }
        for (size_t j = size_t(m_active) + 1; j < m_steps.size(); ++j) {
            if (m_steps[j].challenge == e) {
                s.status = ChallengeStep::Status::OutOfOrder;
                m_failed = true;
                m_log << QStringLiteral("%1 ms: %2 performed while %3 was asked")
                             .arg(m.timestampMs)
                             .arg(challengeName(e), challengeName(s.challenge));
                m_active = -1;
                break;
            }
        }
    }
    return events;
}

bool ChallengeRunner::finished() const {
    return m_failed || passed();
}

bool ChallengeRunner::passed() const {
    return !m_failed && std::all_of(m_steps.begin(), m_steps.end(), [](const ChallengeStep& s) {
        return s.status == ChallengeStep::Status::Done;
    });
}

std::optional<Challenge> ChallengeRunner::active() const {
    if (m_active < 0)
        return std::nullopt;
    return m_steps[size_t(m_active)].challenge;
}

qint64 ChallengeRunner::sequenceEndMs() const {
    qint64 end = m_startMs;
    for (const auto& s : m_steps)
        end = std::max(end, s.doneAtMs);
    return end;
}

}  // namespace kiosk::vision
