// Presentation attacks for tests and the liveness evaluation: a face photo
// printed on paper, or a recorded clip replayed on a screen, held in front of
// the camera and moved the way an attacker fakes a head turn (a plane under
// perspective motion). Rendering is deterministic from a seed, so a test or an
// evaluation run is reproducible bit for bit.
#pragma once

#include <QString>
#include <opencv2/core/mat.hpp>
#include <vector>

namespace kiosk::sim {

enum class AttackType { Print, ScreenReplay };
QString attackTypeName(AttackType t);  // "print", "screen_replay"

// What the seed decided, for the manifest and for debugging a failing sample.
struct AttackParams {
    double yawAmpDeg = 0, pitchAmpDeg = 0, rollDeg = 0, periodMs = 0, phase = 0;
    double mediumWidthPx = 0;  // projected width of the medium when frontal
    double centreX = 0, centreY = 0;
    double glare = 0;  // peak added brightness of the reflection
    double moire = 0;  // amplitude of the screen pattern (screen only)
    double moirePeriodPx = 0;
    double bezel = 0;                        // bezel or paper margin, as a fraction of the width
    double castB = 1, castG = 1, castR = 1;  // colour cast of the medium
    double blurSigma = 0, noiseSigma = 0;
};

class AttackRenderer {
public:
    // `content`: one photo (a print, or a screen showing a still) or the
    // frames of a clip (replayed in a loop). BGR 8-bit.
    AttackRenderer(AttackType type, quint64 seed, std::vector<cv::Mat> content,
                   cv::Size frameSize = {640, 480}, double fps = 25);

    // Frame `index` of the presentation as the kiosk camera would see it.
    cv::Mat frame(int index) const;
    qint64 timestampMs(int index) const;
    const AttackParams& params() const { return m_params; }
    AttackType type() const { return m_type; }

private:
    cv::Mat medium(int index) const;  // the paper or screen, flat, with its artefacts

    AttackType m_type;
    quint64 m_seed;
    std::vector<cv::Mat> m_content;
    cv::Size m_size;
    double m_fps;
    AttackParams m_params;
    cv::Mat m_background;
};

// A bona fide capture at the kiosk's frame size: the clip frame scaled to
// cover `size` and centre-cropped (no medium, no artefacts).
cv::Mat fitToFrame(const cv::Mat& bgr, cv::Size size = {640, 480});

}  // namespace kiosk::sim
