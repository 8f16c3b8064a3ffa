#include "presentation_attack.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <random>

namespace kiosk::sim {
namespace {

constexpr double kPi = 3.14159265358979323846;

double uniform(std::mt19937_64& rng, double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
}

// A plain indoor-looking backdrop: a lit wall gradient, a few blocks of
// furniture, sensor noise. The same seed gives the same room.
cv::Mat makeBackground(cv::Size size, std::mt19937_64& rng) {
    cv::Mat bg(size, CV_8UC3);
    const cv::Vec3d top(uniform(rng, 120, 200), uniform(rng, 120, 200), uniform(rng, 120, 200));
    const cv::Vec3d bottom = top * uniform(rng, 0.5, 0.8);
    for (int y = 0; y < size.height; ++y) {
        const double a = double(y) / size.height;
        const cv::Vec3d c = top * (1 - a) + bottom * a;
        bg.row(y).setTo(cv::Scalar(c[0], c[1], c[2]));
    }
    for (int i = 0; i < 4; ++i) {
        const int w = int(uniform(rng, 40, 220)), h = int(uniform(rng, 40, 260));
        const int x = int(uniform(rng, -40, size.width)), y = int(uniform(rng, 0, size.height));
        cv::rectangle(
            bg, cv::Rect(x, y, w, h),
            cv::Scalar(uniform(rng, 30, 220), uniform(rng, 30, 220), uniform(rng, 30, 220)),
            cv::FILLED);
    }
    cv::GaussianBlur(bg, bg, cv::Size(0, 0), 3);
    return bg;
}

}  // namespace

QString attackTypeName(AttackType t) {
    return t == AttackType::Print ? QStringLiteral("print") : QStringLiteral("screen_replay");
}

cv::Mat fitToFrame(const cv::Mat& bgr, cv::Size size) {
    const double s = std::max(double(size.width) / bgr.cols, double(size.height) / bgr.rows);
    cv::Mat scaled;
    cv::resize(bgr, scaled, cv::Size(), s, s, s < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
    const int x = (scaled.cols - size.width) / 2, y = (scaled.rows - size.height) / 2;
    return scaled(cv::Rect(x, y, size.width, size.height)).clone();
}

AttackRenderer::AttackRenderer(AttackType type, quint64 seed, std::vector<cv::Mat> content,
                               cv::Size frameSize, double fps)
    : m_type(type), m_seed(seed), m_content(std::move(content)), m_size(frameSize), m_fps(fps) {
    std::mt19937_64 rng(seed);
    AttackParams& p = m_params;
    // Held in the hands and tilted to imitate a head turn or a nod.
    p.yawAmpDeg = uniform(rng, 12, 35);
    p.pitchAmpDeg = uniform(rng, 4, 15);
    p.rollDeg = uniform(rng, -6, 6);
    p.periodMs = uniform(rng, 1200, 2600);
    p.phase = uniform(rng, 0, 2 * kPi);
    p.mediumWidthPx = uniform(rng, 0.55, 0.85) * frameSize.width;
    p.centreX = frameSize.width * uniform(rng, 0.42, 0.58);
    p.centreY = frameSize.height * uniform(rng, 0.42, 0.58);
    p.glare = uniform(rng, 25, 90);
    p.blurSigma = uniform(rng, 0.4, 1.1);
    p.noiseSigma = uniform(rng, 1.5, 4);
    if (type == AttackType::Print) {
        p.bezel = uniform(rng, 0.02, 0.08);  // white paper margin
        // Ink on paper: warm cast, lower contrast.
        p.castB = uniform(rng, 0.78, 0.95);
        p.castG = uniform(rng, 0.9, 1.0);
        p.castR = uniform(rng, 0.98, 1.05);
    } else {
        p.bezel = uniform(rng, 0.03, 0.09);  // dark bezel
        p.moire = uniform(rng, 0.05, 0.16);
        p.moirePeriodPx = uniform(rng, 2.5, 5.5);
        // LCD white point: cool cast.
        p.castB = uniform(rng, 1.02, 1.15);
        p.castG = uniform(rng, 0.97, 1.03);
        p.castR = uniform(rng, 0.85, 0.98);
    }
    m_background = makeBackground(frameSize, rng);
}

qint64 AttackRenderer::timestampMs(int index) const {
    return qint64(std::llround(index * 1000.0 / m_fps));
}

cv::Mat AttackRenderer::medium(int index) const {
    const AttackParams& p = m_params;
    const cv::Mat& src = m_content[size_t(index) % m_content.size()];
    // Content at a fixed working resolution so artefacts do not depend on it.
    const int cw = 480;
    const int ch = std::max(1, int(std::lround(double(src.rows) * cw / src.cols)));
    cv::Mat content;
    cv::resize(src, content, cv::Size(cw, ch), 0, 0, cv::INTER_AREA);
    content.convertTo(content, CV_32FC3);

    if (m_type == AttackType::Print) {
        content = content * 0.82 + cv::Scalar::all(22);  // paper cannot reach black or white
    } else {
        // The sub-pixel grid of the panel beating against the camera sensor.
        cv::Mat pattern(content.size(), CV_32F);
        const double angle = 0.3 + 0.05 * double(m_seed % 7);
        const double fx = std::cos(angle) / p.moirePeriodPx, fy = std::sin(angle) / p.moirePeriodPx;
        for (int y = 0; y < pattern.rows; ++y) {
            float* row = pattern.ptr<float>(y);
            for (int x = 0; x < pattern.cols; ++x)
                row[x] = float(1.0 + p.moire * std::sin(2 * kPi * (fx * x + fy * y)));
        }
        cv::Mat pattern3;
        cv::merge(std::vector<cv::Mat>{pattern, pattern, pattern}, pattern3);
        content = content.mul(pattern3) * 1.05 + cv::Scalar::all(8);  // backlit: lifted blacks
    }
    cv::multiply(content, cv::Scalar(p.castB, p.castG, p.castR), content);

    // Margin: white paper or the screen's bezel.
    const int border = std::max(2, int(std::lround(p.bezel * cw)));
    cv::Mat framed;
    const cv::Scalar edge =
        m_type == AttackType::Print ? cv::Scalar(235, 238, 240) * 0.95 : cv::Scalar(18, 18, 20);
    cv::copyMakeBorder(content, framed, border, border, border, border, cv::BORDER_CONSTANT, edge);

    // A reflection of a ceiling light, fixed on the medium.
    std::mt19937_64 rng(m_seed ^ 0x9e3779b97f4a7c15ULL);
    const cv::Point2d g(uniform(rng, 0.1, 0.9) * framed.cols, uniform(rng, 0.1, 0.9) * framed.rows);
    const double gr = uniform(rng, 0.15, 0.4) * framed.cols;
    for (int y = 0; y < framed.rows; ++y) {
        cv::Vec3f* row = framed.ptr<cv::Vec3f>(y);
        for (int x = 0; x < framed.cols; ++x) {
            const double d2 = ((x - g.x) * (x - g.x) + (y - g.y) * (y - g.y)) / (gr * gr);
            const float add = float(p.glare * std::exp(-d2));
            row[x] += cv::Vec3f(add, add, add);
        }
    }
    cv::Mat out;
    framed.convertTo(out, CV_8UC3);
    return out;
}

cv::Mat AttackRenderer::frame(int index) const {
    const AttackParams& p = m_params;
    const cv::Mat flat = medium(index);
    const double t = timestampMs(index);
    const double w = 2 * kPi * t / p.periodMs + p.phase;
    const double yaw = p.yawAmpDeg * std::sin(w) * kPi / 180;
    const double pitch = p.pitchAmpDeg * std::sin(0.7 * w + 1.0) * kPi / 180;
    const double roll = p.rollDeg * kPi / 180;

    // The medium as a plane in front of a pinhole camera (focal = frame width).
    const double f = m_size.width;
    const double distance = 1.0;
    const double scale = p.mediumWidthPx / (f * flat.cols);  // metres per medium pixel
    const cv::Matx33d ry(std::cos(yaw), 0, std::sin(yaw), 0, 1, 0, -std::sin(yaw), 0,
                         std::cos(yaw));
    const cv::Matx33d rx(1, 0, 0, 0, std::cos(pitch), -std::sin(pitch), 0, std::sin(pitch),
                         std::cos(pitch));
    const cv::Matx33d rz(std::cos(roll), -std::sin(roll), 0, std::sin(roll), std::cos(roll), 0, 0,
                         0, 1);
    const cv::Matx33d r = rz * rx * ry;
    std::vector<cv::Point2f> src = {
        {0, 0}, {float(flat.cols), 0}, {float(flat.cols), float(flat.rows)}, {0, float(flat.rows)}};
    std::vector<cv::Point2f> dst;
    for (const cv::Point2f& c : src) {
        const cv::Vec3d local((c.x - flat.cols / 2.0) * scale, (c.y - flat.rows / 2.0) * scale, 0);
        const cv::Vec3d world = r * local + cv::Vec3d(0, 0, distance);
        dst.emplace_back(float(f * world[0] / world[2] + p.centreX),
                         float(f * world[1] / world[2] + p.centreY));
    }
    const cv::Mat h = cv::getPerspectiveTransform(src, dst);
    cv::Mat out = m_background.clone();
    cv::Mat warped, mask;
    cv::warpPerspective(flat, warped, h, m_size, cv::INTER_LINEAR, cv::BORDER_CONSTANT);
    cv::warpPerspective(cv::Mat(flat.size(), CV_8U, cv::Scalar(255)), mask, h, m_size,
                        cv::INTER_NEAREST, cv::BORDER_CONSTANT);
    warped.copyTo(out, mask);

    // The kiosk camera: slight defocus and sensor noise (seeded per frame).
    cv::GaussianBlur(out, out, cv::Size(0, 0), p.blurSigma);
    cv::Mat noise(out.size(), CV_16SC3);
    cv::RNG noiseRng(m_seed * 1000003ULL + quint64(index));
    noiseRng.fill(noise, cv::RNG::NORMAL, 0, p.noiseSigma);
    cv::Mat out16;
    out.convertTo(out16, CV_16SC3);
    out16 += noise;
    out16.convertTo(out, CV_8UC3);
    return out;
}

}  // namespace kiosk::sim
