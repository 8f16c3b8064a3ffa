// Thresholds and timings of the liveness check. Defaults are the values the
// evaluation program (tests/eval/liveness) was run with; the kiosk reads the
// "liveness" section of kiosk.json (config/kiosk.schema.json) over them.
#pragma once

#include "liveness_error.h"
#include "result.h"

#include <QJsonObject>

namespace kiosk::vision {

struct LivenessConfig {
    // Active challenges.
    int challengeCount = 2;         // 2 or 3 drawn at random
    int challengeTimeoutMs = 6000;  // window of each challenge, from when it is prompted
    int sequenceTimeoutMs = 20000;  // the whole check
    double blinkEarDrop = 0.72;     // closed when EAR < open baseline * this
    int blinkMaxMs = 700;           // a longer closure is not a blink
    double turnYawDeg =
        15.0;  // turn_left / turn_right: |yaw| beyond this (and 0.7 x this from the start pose)
    double nodPitchDeg = 12.0;     // nod: pitch this far below the start pose, then back
    double smileWidthGain = 0.15;  // smile: mouth width / eye distance up by this fraction
    double openMouthRatio = 0.45;  // open_mouth: inner-lip opening over mouth width
    double neutralDeg = 10.0;      // back to the start pose before the next pose challenge

    // Face quality and continuity.
    int minFaceWidthPx = 80;           // smaller faces (far away, a tiny photo) are not judged
    int maxFaceGapMs = 600;            // face lost longer than this breaks the sequence
    double identityMaxDistance = 0.6;  // descriptor distance to the first frame
    int identityCheckEveryMs = 1000;
    double maxLandmarkJump = 0.35;  // landmarks move this many eye distances in one frame: a cut

    // Speed: detection on a downscaled frame every N frames, tracking in between.
    int detectEveryFrames = 5;
    double detectDownscale = 2.0;
    int padEveryMs = 200;  // learned PAD model at most this often

    // Passive cues and fusion.
    double padModelThreshold = 0.85;  // mean live probability of fr_liveness below this: attack
    int padMinSamples = 3;            // model runs needed for a passive decision
    double planarThreshold = 0.35;    // homography/similarity residual ratio below this: a plane
    double planarMinMotion = 0.035;   // similarity residual (of eye distance) needed to judge
    double moireThreshold = 0.5;      // screen-pattern score above this: attack

    // Reads the fields present in `section` over the defaults; unknown keys
    // and out-of-range values are BadConfig (the schema says the same).
    static Result<LivenessConfig, LivenessError> fromJson(const QJsonObject& section);
    QJsonObject toJson() const;
};

}  // namespace kiosk::vision
