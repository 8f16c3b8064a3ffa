#include "liveness_config.h"

#include <QJsonValue>
#include <variant>
#include <vector>

namespace kiosk::vision {
namespace {

struct Field {
    const char* key;
    std::variant<int*, double*> target;
    double min;
    double max;
};

std::vector<Field> fields(LivenessConfig& c) {
    return {
        {"challenge_count", &c.challengeCount, 2, 3},
        {"challenge_timeout_ms", &c.challengeTimeoutMs, 1000, 30000},
        {"sequence_timeout_ms", &c.sequenceTimeoutMs, 2000, 120000},
        {"blink_ear_drop", &c.blinkEarDrop, 0.3, 0.95},
        {"blink_max_ms", &c.blinkMaxMs, 100, 3000},
        {"turn_yaw_deg", &c.turnYawDeg, 5, 60},
        {"nod_pitch_deg", &c.nodPitchDeg, 3, 45},
        {"smile_width_gain", &c.smileWidthGain, 0.02, 1},
        {"open_mouth_ratio", &c.openMouthRatio, 0.1, 2},
        {"neutral_deg", &c.neutralDeg, 2, 30},
        {"min_face_width_px", &c.minFaceWidthPx, 20, 1000},
        {"max_face_gap_ms", &c.maxFaceGapMs, 0, 5000},
        {"identity_max_distance", &c.identityMaxDistance, 0.2, 1.2},
        {"identity_check_every_ms", &c.identityCheckEveryMs, 100, 10000},
        {"max_landmark_jump", &c.maxLandmarkJump, 0.05, 5},
        {"detect_every_frames", &c.detectEveryFrames, 1, 60},
        {"detect_downscale", &c.detectDownscale, 1, 8},
        {"pad_every_ms", &c.padEveryMs, 0, 5000},
        {"pad_model_threshold", &c.padModelThreshold, 0, 1},
        {"pad_min_samples", &c.padMinSamples, 1, 100},
        {"planar_threshold", &c.planarThreshold, 0, 1},
        {"planar_min_motion", &c.planarMinMotion, 0.001, 1},
        {"moire_threshold", &c.moireThreshold, 0, 1000},
    };
}

}  // namespace

Result<LivenessConfig, LivenessError> LivenessConfig::fromJson(const QJsonObject& section) {
    LivenessConfig config;
    const std::vector<Field> table = fields(config);
    for (auto it = section.begin(); it != section.end(); ++it) {
        const Field* field = nullptr;
        for (const Field& f : table)
            if (it.key() == QLatin1String(f.key))
                field = &f;
        if (!field)
            return fail(
                LivenessError{LivenessError::Code::BadConfig,
                              QStringLiteral("unknown liveness setting \"%1\"").arg(it.key())});
        if (!it.value().isDouble())
            return fail(
                LivenessError{LivenessError::Code::BadConfig,
                              QStringLiteral("/liveness/%1: must be a number").arg(it.key())});
        const double v = it.value().toDouble();
        if (v < field->min || v > field->max)
            return fail(LivenessError{LivenessError::Code::BadConfig,
                                      QStringLiteral("/liveness/%1: must be within %2..%3 (got %4)")
                                          .arg(it.key())
                                          .arg(field->min)
                                          .arg(field->max)
                                          .arg(v)});
        if (auto* i = std::get_if<int*>(&field->target)) {
            if (v != double(qint64(v)))
                return fail(LivenessError{
                    LivenessError::Code::BadConfig,
                    QStringLiteral("/liveness/%1: must be an integer").arg(it.key())});
            **i = int(v);
        } else {
            *std::get<double*>(field->target) = v;
        }
    }
    return config;
}

QJsonObject LivenessConfig::toJson() const {
    LivenessConfig copy = *this;
    QJsonObject out;
    for (const Field& f : fields(copy)) {
        if (auto* i = std::get_if<int*>(&f.target))
            out.insert(QLatin1String(f.key), **i);
        else
            out.insert(QLatin1String(f.key), *std::get<double*>(f.target));
    }
    return out;
}

}  // namespace kiosk::vision
