// Active challenges: the actions a citizen is asked to perform, detectors that
// read them off landmark geometry (eye aspect ratio, head pose, mouth ratios),
// and the runner that checks a sequence in order, each within its window.
// Left and right are the citizen's own, as a person would say it.
#pragma once

#include "liveness_config.h"
#include "liveness_error.h"
#include "result.h"

#include <QString>
#include <QStringList>
#include <deque>
#include <optional>
#include <vector>

namespace kiosk::vision {

enum class Challenge { Blink, TurnLeft, TurnRight, Smile, OpenMouth, Nod };

inline constexpr Challenge kAllChallenges[] = {Challenge::Blink,     Challenge::TurnLeft,
                                               Challenge::TurnRight, Challenge::Smile,
                                               Challenge::OpenMouth, Challenge::Nod};

// "blink", "turn_left", "turn_right", "smile", "open_mouth", "nod".
QString challengeName(Challenge c);
std::optional<Challenge> challengeFromName(const QString& name);
// "blink,turn_left" -> {Blink, TurnLeft}; names must be known and distinct.
Result<std::vector<Challenge>, LivenessError> parseChallenges(const QString& list);
// `count` distinct challenges in random order, reproducible from `seed`.
std::vector<Challenge> randomChallenges(quint64 seed, int count);
// A seed from the system's entropy source, for the kiosk.
quint64 freshChallengeSeed();

// Geometry of one frame's face, from the 68 landmarks.
struct FaceMeasurement {
    qint64 timestampMs = 0;
    double ear = 0;         // eye aspect ratio, mean of both eyes
    double mouthOpen = 0;   // inner-lip opening over mouth width
    double mouthWidth = 0;  // mouth width over eye distance
    double yawDeg = 0;      // > 0: turned to the person's own right
    double pitchDeg = 0;    // > 0: looking up
};

// Reads all six actions from a stream of measurements. Each action is
// reported once per occurrence (at the frame it completes); a pose action
// re-arms only after the head came back towards the start pose, so holding a
// turn is one turn. Thresholds are relative to the person's own baseline
// (start pose, open-eye ratio, neutral mouth), not absolute.
class ActionDetector {
public:
    explicit ActionDetector(const LivenessConfig& config);

    std::vector<Challenge> update(const FaceMeasurement& m);
    void reset();

    // Introspection for logs and tests.
    double yawFromStart() const { return m_lastYaw - m_yaw0; }
    double pitchFromStart() const { return m_lastPitch - m_pitch0; }
    double openEyeBaseline() const { return m_earBase; }

private:
    LivenessConfig m_config;
    std::vector<FaceMeasurement> m_start;  // first frames: start pose and neutral mouth
    std::deque<FaceMeasurement> m_recent;  // last ~1.5 s: open-eye baseline
    std::vector<double> m_mouthWidths;     // all frames: neutral mouth width (low percentile)
    bool m_baselineReady = false;
    double m_yaw0 = 0, m_pitch0 = 0, m_earBase = 0;
    double m_lastYaw = 0, m_lastPitch = 0;
    // Blink state.
    qint64 m_closedSince = -1;
    double m_closedMin = 0;
    // Re-arm flags.
    bool m_turnArmed = true, m_nodArmed = true, m_smileArmed = true, m_mouthArmed = true;
    int m_nodDir = 0, m_smileFrames = 0, m_mouthFrames = 0;
};

struct ChallengeStep {
    enum class Status { Pending, Active, Done, TimedOut, OutOfOrder };
    Challenge challenge = Challenge::Blink;
    Status status = Status::Pending;
    qint64 promptedAtMs = -1;
    qint64 doneAtMs = -1;
    qint64 deadlineMs = -1;
};
QString stepStatusName(ChallengeStep::Status s);

// Checks a fixed sequence: step i is prompted when step i-1 is done and must
// be performed within its window; performing a later step's action first is
// out of order and fails the sequence. Natural actions that are not in the
// sequence (blinks, talking) are ignored.
class ChallengeRunner {
public:
    ChallengeRunner(std::vector<Challenge> sequence, const LivenessConfig& config);

    // The first step is prompted at `timestampMs` (the first frame with a face).
    void start(qint64 timestampMs);
    bool started() const { return m_started; }
    // One face measurement; returns the actions detected at this frame.
    std::vector<Challenge> update(const FaceMeasurement& m);
    // Time passing without a face still runs the clocks.
    void tick(qint64 timestampMs);

    bool finished() const;  // every step done, or one failed
    bool passed() const;    // every step done
    std::optional<Challenge> active() const;
    const std::vector<ChallengeStep>& steps() const { return m_steps; }
    QStringList log() const { return m_log; }
    // From the first prompt to the last step done (or now): where the
    // matching frame must come from.
    qint64 sequenceStartMs() const { return m_startMs; }
    qint64 sequenceEndMs() const;
    const ActionDetector& detector() const { return m_detector; }

private:
    void prompt(int index, qint64 t);
    void checkTimeouts(qint64 t);

    LivenessConfig m_config;
    ActionDetector m_detector;
    std::vector<ChallengeStep> m_steps;
    QStringList m_log;
    int m_active = -1;
    bool m_started = false;
    bool m_failed = false;
    qint64 m_startMs = -1;
};

}  // namespace kiosk::vision
