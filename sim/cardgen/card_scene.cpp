#include "card_scene.h"

#include <cmath>
#include <cstdint>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace kiosk::cardgen {

namespace {

struct LevelParams {
    double minWidth, maxWidth;  // card width / frame width
    double maxAngle;            // in-plane rotation, degrees
    double upsideDownChance;
    double jitter;  // corner displacement / card width (perspective)
    int clutter;    // background shapes
    double minBlur, maxBlur;
    double noise;
    double lightLow;  // darkest factor of the lighting gradient
    double glareChance, glareMax;
    int jpegLow, jpegHigh;
};

LevelParams paramsFor(Degradation level) {
    switch (level) {
        case Degradation::Mild:
            return {0.62, 0.78, 4, 0.1, 0.015, 4, 0.0, 0.6, 2.0, 0.9, 0.0, 0.0, 88, 95};
        case Degradation::Moderate:
            return {0.52, 0.8, 12, 0.2, 0.04, 12, 0.4, 1.1, 4.0, 0.75, 0.3, 0.35, 72, 88};
        case Degradation::Severe:
        default:
            return {0.42, 0.85, 25, 0.25, 0.07, 25, 0.9, 1.8, 8.0, 0.55, 0.5, 0.7, 45, 70};
    }
}

double uni(std::mt19937& rng, double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
}
int uniInt(std::mt19937& rng, int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
}

cv::Scalar randomColor(std::mt19937& rng) {
    return cv::Scalar(uniInt(rng, 0, 255), uniInt(rng, 0, 255), uniInt(rng, 0, 255));
}

cv::Mat background(cv::Size size, int shapes, std::mt19937& rng) {
    cv::Mat bg(size, CV_8UC3, randomColor(rng));
    // A soft gradient like a desk or a wall, then clutter: papers, cables, objects.
    cv::Mat grad(size, CV_32FC1);
    const double gx = uni(rng, -0.4, 0.4);
    const double gy = uni(rng, -0.4, 0.4);
    for (int y = 0; y < size.height; ++y) {
        float* row = grad.ptr<float>(y);
        for (int x = 0; x < size.width; ++x) {
            row[x] = float(1.0 + gx * (x / double(size.width) - 0.5) +
                           gy * (y / double(size.height) - 0.5));
        }
    }
    for (int i = 0; i < shapes; ++i) {
        const cv::Point c(uniInt(rng, 0, size.width), uniInt(rng, 0, size.height));
        const int r = uniInt(rng, 10, size.height / 3);
        switch (uniInt(rng, 0, 3)) {
            case 0:
                cv::rectangle(bg, c, c + cv::Point(uniInt(rng, 10, 2 * r), uniInt(rng, 10, 2 * r)),
                              randomColor(rng), cv::FILLED);
                break;
            case 1:
                cv::circle(bg, c, r / 2, randomColor(rng), cv::FILLED, cv::LINE_AA);
                break;
            case 2:
                cv::line(bg, c, cv::Point(uniInt(rng, 0, size.width), uniInt(rng, 0, size.height)),
                         randomColor(rng), uniInt(rng, 1, 8), cv::LINE_AA);
                break;
            default:
                cv::putText(bg, "TEXT 1234", c, cv::FONT_HERSHEY_SIMPLEX, uni(rng, 0.5, 2.0),
                            randomColor(rng), uniInt(rng, 1, 3), cv::LINE_AA);
                break;
        }
    }
    cv::Mat f;
    bg.convertTo(f, CV_32FC3);
    std::vector<cv::Mat> ch;
    cv::split(f, ch);
    for (auto& c : ch) {
        c = c.mul(grad);
    }
    cv::merge(ch, f);
    f.convertTo(bg, CV_8UC3);
    cv::GaussianBlur(bg, bg, cv::Size(0, 0), 1.5);
    return bg;
}

// The card's rounded corners (about 3 mm) as an alpha mask.
cv::Mat roundedMask(cv::Size size) {
    cv::Mat m(size, CV_8UC1, cv::Scalar(0));
    const int r = size.width / 28;
    cv::rectangle(m, cv::Point(r, 0), cv::Point(size.width - 1 - r, size.height - 1),
                  cv::Scalar(255), cv::FILLED);
    cv::rectangle(m, cv::Point(0, r), cv::Point(size.width - 1, size.height - 1 - r),
                  cv::Scalar(255), cv::FILLED);
    for (const cv::Point c :
         {cv::Point(r, r), cv::Point(size.width - 1 - r, r), cv::Point(r, size.height - 1 - r),
          cv::Point(size.width - 1 - r, size.height - 1 - r)}) {
        cv::circle(m, c, r, cv::Scalar(255), cv::FILLED, cv::LINE_AA);
    }
    return m;
}

}  // namespace

QString degradationName(Degradation level) {
    switch (level) {
        case Degradation::Clean:
            return QStringLiteral("clean");
        case Degradation::Mild:
            return QStringLiteral("mild");
        case Degradation::Moderate:
            return QStringLiteral("moderate");
        case Degradation::Severe:
            return QStringLiteral("severe");
    }
    return {};
}

std::optional<Degradation> degradationFromName(const QString& name) {
    for (Degradation d :
         {Degradation::Clean, Degradation::Mild, Degradation::Moderate, Degradation::Severe}) {
        if (degradationName(d) == name) {
            return d;
        }
    }
    return std::nullopt;
}

cv::Mat toBgr(const QImage& image) {
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    cv::Mat view(rgb.height(), rgb.width(), CV_8UC3, const_cast<uchar*>(rgb.constBits()),
                 size_t(rgb.bytesPerLine()));
    cv::Mat bgr;
    cv::cvtColor(view, bgr, cv::COLOR_RGB2BGR);
    return bgr;
}

Scene makeScene(const QImage& flatCard, Degradation level, std::mt19937& rng, cv::Size frameSize) {
    Scene scene;
    const cv::Mat card = toBgr(flatCard);
    const float cw = float(card.cols);
    const float ch = float(card.rows);
    if (level == Degradation::Clean) {
        scene.bgr = card;
        scene.corners = {cv::Point2f(0, 0), cv::Point2f(cw, 0), cv::Point2f(cw, ch),
                         cv::Point2f(0, ch)};
        return scene;
    }
    const LevelParams p = paramsFor(level);
    cv::Mat frame = background(frameSize, p.clutter, rng);

    // Place the card: scale, rotation, position, then move each corner a little
    // for perspective; retry until the whole card is inside the frame.
    std::array<cv::Point2f, 4> dst;
    scene.upsideDown = uni(rng, 0, 1) < p.upsideDownChance;
    // Keep the whole card a little inside the frame, as the kiosk's guide box does.
    const float margin = 0.03f * float(frameSize.height);
    for (int attempt = 0;; ++attempt) {
        const double shrink = std::pow(0.95, attempt);
        const double w = frameSize.width * uni(rng, p.minWidth, p.maxWidth) * shrink;
        const double h = w * 54.0 / 85.6;
        const double angle =
            (uni(rng, -p.maxAngle, p.maxAngle) + (scene.upsideDown ? 180.0 : 0.0)) * CV_PI / 180;
        const double cx = uni(rng, 0.35, 0.65) * frameSize.width;
        const double cy = uni(rng, 0.35, 0.65) * frameSize.height;
        const double ca = std::cos(angle);
        const double sa = std::sin(angle);
        const std::array<cv::Point2d, 4> local{
            cv::Point2d(-w / 2, -h / 2), cv::Point2d(w / 2, -h / 2), cv::Point2d(w / 2, h / 2),
            cv::Point2d(-w / 2, h / 2)};
        bool inside = true;
        for (size_t i = 0; i < 4; ++i) {
            const double jx = uni(rng, -p.jitter, p.jitter) * w;
            const double jy = uni(rng, -p.jitter, p.jitter) * w;
            dst[i] = cv::Point2f(float(cx + ca * local[i].x - sa * local[i].y + jx),
                                 float(cy + sa * local[i].x + ca * local[i].y + jy));
            inside = inside && dst[i].x >= margin && dst[i].y >= margin &&
                     dst[i].x < frameSize.width - 2 && dst[i].y < frameSize.height - 2;
        }
        if (inside || attempt > 40) {
            break;
        }
    }
    const std::array<cv::Point2f, 4> src{cv::Point2f(0, 0), cv::Point2f(cw, 0), cv::Point2f(cw, ch),
                                         cv::Point2f(0, ch)};
    const cv::Mat hmat = cv::getPerspectiveTransform(src.data(), dst.data());
    cv::Mat warped;
    cv::Mat alpha;
    cv::warpPerspective(card, warped, hmat, frameSize, cv::INTER_AREA, cv::BORDER_CONSTANT);
    cv::warpPerspective(roundedMask(card.size()), alpha, hmat, frameSize, cv::INTER_LINEAR,
                        cv::BORDER_CONSTANT);
    scene.corners = dst;

    cv::Mat f;
    cv::Mat fc;
    cv::Mat a;
    frame.convertTo(f, CV_32FC3);
    warped.convertTo(fc, CV_32FC3);
    alpha.convertTo(a, CV_32FC1, 1.0 / 255);
    cv::Mat a3;
    cv::merge(std::vector<cv::Mat>{a, a, a}, a3);
    f = f.mul(cv::Scalar::all(1.0) - a3) + fc.mul(a3);

    // Uneven light over the whole frame: a linear ramp from lightLow to ~1.1.
    {
        const double ang = uni(rng, 0, 2 * CV_PI);
        const double lo = uni(rng, p.lightLow, 1.0);
        cv::Mat ramp(frameSize, CV_32FC1);
        for (int y = 0; y < frameSize.height; ++y) {
            float* row = ramp.ptr<float>(y);
            for (int x = 0; x < frameSize.width; ++x) {
                const double t = 0.5 + 0.5 * (std::cos(ang) * (x / double(frameSize.width) - 0.5) +
                                              std::sin(ang) * (y / double(frameSize.height) - 0.5));
                row[x] = float(lo + (1.1 - lo) * t);
            }
        }
        cv::Mat r3;
        cv::merge(std::vector<cv::Mat>{ramp, ramp, ramp}, r3);
        f = f.mul(r3);
    }
    // Glare: a bright soft spot on the card (a lamp reflected in the laminate).
    if (uni(rng, 0, 1) < p.glareChance) {
        scene.glare = true;
        const double t = uni(rng, 0.2, 0.8);
        const double s = uni(rng, 0.2, 0.8);
        const cv::Point2f top = dst[0] + (dst[1] - dst[0]) * float(t);
        const cv::Point2f bottom = dst[3] + (dst[2] - dst[3]) * float(t);
        const cv::Point2f c = top + (bottom - top) * float(s);
        const double sigma = cv::norm(dst[1] - dst[0]) * uni(rng, 0.05, 0.12);
        const double strength = uni(rng, 0.4, 1.0) * p.glareMax * 255 * 1.6;
        cv::Mat spot(frameSize, CV_32FC1);
        for (int y = 0; y < frameSize.height; ++y) {
            float* row = spot.ptr<float>(y);
            for (int x = 0; x < frameSize.width; ++x) {
                const double d2 = (x - c.x) * (x - c.x) + (y - c.y) * (y - c.y);
                row[x] = float(strength * std::exp(-d2 / (2 * sigma * sigma)));
            }
        }
        cv::Mat s3;
        cv::merge(std::vector<cv::Mat>{spot, spot, spot}, s3);
        f += s3;
    }
    f.convertTo(frame, CV_8UC3);

    const double blur = uni(rng, p.minBlur, p.maxBlur);
    if (blur > 0.3) {
        cv::GaussianBlur(frame, frame, cv::Size(0, 0), blur);
    }
    if (p.noise > 0) {
        cv::Mat noise(frameSize, CV_16SC3);
        // OpenCV's own generator, seeded from ours so the frame stays reproducible.
        cv::RNG cvRng(std::uniform_int_distribution<std::uint64_t>()(rng));
        cvRng.fill(noise, cv::RNG::NORMAL, cv::Scalar::all(0), cv::Scalar::all(p.noise));
        cv::Mat f16;
        frame.convertTo(f16, CV_16SC3);
        f16 += noise;
        f16.convertTo(frame, CV_8UC3);
    }
    std::vector<uchar> jpeg;
    cv::imencode(".jpg", frame, jpeg,
                 {cv::IMWRITE_JPEG_QUALITY, uniInt(rng, p.jpegLow, p.jpegHigh)});
    scene.bgr = cv::imdecode(jpeg, cv::IMREAD_COLOR);
    return scene;
}

}  // namespace kiosk::cardgen
