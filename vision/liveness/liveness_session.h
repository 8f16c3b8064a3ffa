// The streaming liveness check: frames with timestamps in, per-frame state and
// prompts out, then one decision (live / attack / inconclusive) with scores
// per cue and reasons. Active challenges, passive PAD (learned model + planar
// motion) and face continuity (one track, one identity, no cut) all feed it.
//
// Not thread-safe: one session per worker thread, one session per citizen.
#pragma once

#include "challenges.h"
#include "face_aligner.h"
#include "face_embedder.h"
#include "face_geometry.h"
#include "face_tracker.h"
#include "liveness_config.h"
#include "liveness_error.h"
#include "pad_model.h"
#include "planar_cue.h"
#include "result.h"

#include <QImage>
#include <QJsonObject>
#include <QRect>
#include <QStringList>
#include <opencv2/core/mat.hpp>
#include <optional>
#include <vector>

namespace kiosk::vision {

enum class LivenessDecision { Live, Attack, Inconclusive };
QString decisionName(LivenessDecision d);  // "live", "attack", "inconclusive"

struct LivenessOptions {
    std::vector<Challenge> challenges;  // empty with passiveOnly
    bool passiveOnly = false;           // only the passive cues decide
    bool stillImage = false;            // one photo: one model sample is enough (implies passive)
};

// The models a session borrows; they must outlive it. The embedder is
// optional: without it identity continuity is not checked and no descriptor
// is produced for matching.
struct LivenessModels {
    FaceAligner* aligner = nullptr;
    PadModel* pad = nullptr;
    FaceEmbedder* embedder = nullptr;
};

struct FrameReport {
    qint64 timestampMs = 0;
    bool faceFound = false;
    QRect box;
    int faceCount = 0;  // at the last detection
    std::optional<HeadPose> pose;
    double ear = 0;
    double mouthOpen = 0;
    std::optional<Challenge> prompt;  // what the citizen is asked to do now
    std::vector<Challenge> actions;   // actions completed at this frame
    bool padSampled = false;
    double padScore = -1;  // live probability, when the model ran on this frame
};

struct CueScore {
    QString name;            // "pad_model", "planar_motion", ...
    bool available = false;  // enough data to judge
    double score = 0;        // cue-specific (see docs/liveness.md)
    double threshold = 0;
    bool attack = false;  // this cue alone says attack
    QString detail;
};

struct LivenessResult {
    LivenessDecision decision = LivenessDecision::Inconclusive;
    QStringList reasons;  // short snake_case codes, e.g. "pad_model", "challenge_timed_out"
    std::vector<CueScore> cues;
    std::vector<Challenge> challenges;
    std::vector<ChallengeStep> steps;
    QStringList log;  // challenge log, one line per event
    int frames = 0;
    int framesWithFace = 0;
    double maxIdentityDistance = 0;  // to the first descriptor; 0 without an embedder
    // The frame to match against the card photo: taken inside the challenge
    // sequence (first prompt .. last action), the most frontal with eyes open.
    qint64 matchFrameMs = -1;
    QImage matchChip;                     // 150x150 aligned face
    QImage matchFrame;                    // the whole frame (RGB888), for the quality gate
    std::vector<QPointF> matchLandmarks;  // its 68 landmarks
    std::optional<FaceDescriptor> matchDescriptor;  // with an embedder

    QJsonObject toJson() const;
};

class LivenessSession {
public:
    static Result<LivenessSession, LivenessError> create(LivenessModels models,
                                                         const LivenessConfig& config,
                                                         LivenessOptions options);

    // One frame (8-bit BGR) and its monotonic timestamp.
    Result<FrameReport, LivenessError> process(const cv::Mat& bgr, qint64 timestampMs);
    // True once the challenges are all done or one failed (passive-only: never;
    // the caller decides how many frames to give).
    bool challengesFinished() const;
    // The decision from everything seen so far.
    LivenessResult finish();

    const LivenessOptions& options() const { return m_options; }

    LivenessSession(LivenessSession&&) noexcept;
    LivenessSession& operator=(LivenessSession&&) noexcept;
    ~LivenessSession();

private:
    struct State;
    LivenessSession(LivenessModels models, const LivenessConfig& config, LivenessOptions options);
    void checkIdentity(const QImage& rgb, const std::vector<QPointF>& lm, qint64 t);
    std::vector<CueScore> passiveCues() const;

    LivenessModels m_models;
    LivenessConfig m_config;
    LivenessOptions m_options;
    std::unique_ptr<State> m_state;
};

}  // namespace kiosk::vision
