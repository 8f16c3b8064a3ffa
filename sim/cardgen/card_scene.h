// Puts a flat card into a camera-like frame: cluttered background, scale,
// rotation (upside down too), perspective, uneven light, glare, blur, noise and
// JPEG, at a named degradation level. Deterministic for a given generator state.
#pragma once

#include <QImage>
#include <QString>
#include <array>
#include <opencv2/core.hpp>
#include <optional>
#include <random>

namespace kiosk::cardgen {

enum class Degradation { Clean, Mild, Moderate, Severe };

QString degradationName(Degradation level);  // "clean", "mild", "moderate", "severe"
std::optional<Degradation> degradationFromName(const QString& name);

struct Scene {
    cv::Mat bgr;
    // The card's own corners (top-left, top-right, bottom-right, bottom-left of
    // the upright card) in frame pixels.
    std::array<cv::Point2f, 4> corners;
    bool upsideDown = false;
    bool glare = false;
};

// Clean: the flat card itself. Otherwise a frame of `frameSize` with the card in it.
Scene makeScene(const QImage& flatCard, Degradation level, std::mt19937& rng,
                cv::Size frameSize = cv::Size(1280, 720));

cv::Mat toBgr(const QImage& image);

}  // namespace kiosk::cardgen
