#include "card_locator.h"

#include <QDir>
#include <QFile>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <opencv2/calib3d.hpp>
#include <opencv2/features2d.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/video/tracking.hpp>
#include <optional>
#include <vector>

namespace kiosk::ocr {

namespace {

constexpr double kId1Aspect = 85.6 / 54.0;
constexpr int kWorkWidth = 512;         // detection runs on a frame this wide
const cv::Size kThumbSize(48, 30);      // layout comparison
const cv::Size kQualitySize(512, 323);  // blur and glare measurements
const cv::Size kAlignSize(256, 162);    // template registration
const cv::Size kFeatureSize(800, 505);  // the front template for feature matching
constexpr int kFeatureFrameWidth = 1000;
constexpr int kMinFeatureInliers = 30;

// Grey, blurred card for registration: the fixed print (labels, emblem,
// borders) is what the filled card and the blank template share.
cv::Mat alignGray(const cv::Mat& cardBgr) {
    cv::Mat small;
    cv::resize(cardBgr, small, kAlignSize, 0, 0, cv::INTER_AREA);
    cv::Mat gray;
    cv::cvtColor(small, gray, cv::COLOR_BGR2GRAY);
    cv::GaussianBlur(gray, gray, cv::Size(5, 5), 0);
    gray.convertTo(gray, CV_32F, 1.0 / 255);
    return gray;
}

using Quad = std::array<cv::Point2f, 4>;

double dist(cv::Point2f a, cv::Point2f b) {
    return std::hypot(double(a.x - b.x), double(a.y - b.y));
}

// Orders four points clockwise from the top-left, then makes the first edge a
// long one, so the quad reads as a landscape card (up to a half turn).
Quad orderLandscape(std::vector<cv::Point2f> pts) {
    cv::Point2f c(0, 0);
    for (const auto& p : pts) {
        c += p;
    }
    c *= 0.25f;
    std::sort(pts.begin(), pts.end(), [c](cv::Point2f a, cv::Point2f b) {
        return std::atan2(a.y - c.y, a.x - c.x) < std::atan2(b.y - c.y, b.x - c.x);
    });
    // atan2 order from -pi: starts near the top-left for an axis-aligned quad.
    size_t start = 0;
    double best = 1e18;
    for (size_t i = 0; i < 4; ++i) {
        const double s = pts[i].x + pts[i].y;
        if (s < best) {
            best = s;
            start = i;
        }
    }
    Quad q;
    for (size_t i = 0; i < 4; ++i) {
        q[i] = pts[(start + i) % 4];
    }
    const double top = dist(q[0], q[1]) + dist(q[3], q[2]);
    const double side = dist(q[1], q[2]) + dist(q[0], q[3]);
    if (side > top) {
        // Portrait in the frame: start from the corner after, so the long edge is on top.
        Quad r{q[1], q[2], q[3], q[0]};
        return r;
    }
    return q;
}

Quad rotateHalf(const Quad& q) {
    return Quad{q[2], q[3], q[0], q[1]};
}

double aspectOf(const Quad& q) {
    const double w = (dist(q[0], q[1]) + dist(q[3], q[2])) / 2;
    const double h = (dist(q[1], q[2]) + dist(q[0], q[3])) / 2;
    return h > 0 ? w / h : 0;
}

double quadArea(const Quad& q) {
    return std::abs(cv::contourArea(std::vector<cv::Point2f>(q.begin(), q.end())));
}

double worstCornerTilt(const Quad& q) {
    double worst = 0;
    for (size_t i = 0; i < 4; ++i) {
        const cv::Point2f a = q[(i + 3) % 4] - q[i];
        const cv::Point2f b = q[(i + 1) % 4] - q[i];
        const double cosang = (a.x * b.x + a.y * b.y) / (cv::norm(a) * cv::norm(b) + 1e-9);
        const double deg = std::acos(std::clamp(cosang, -1.0, 1.0)) * 180.0 / CV_PI;
        worst = std::max(worst, std::abs(deg - 90.0));
    }
    return worst;
}

cv::Mat warpQuad(const cv::Mat& img, const Quad& q, cv::Size size) {
    const Quad dst{cv::Point2f(0, 0), cv::Point2f(float(size.width), 0),
                   cv::Point2f(float(size.width), float(size.height)),
                   cv::Point2f(0, float(size.height))};
    const cv::Mat h = cv::getPerspectiveTransform(q.data(), dst.data());
    cv::Mat out;
    cv::warpPerspective(img, out, h, size, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    return out;
}

// A layout fingerprint: a small blurred colour thumbnail and a coarser map of
// edge density (text, emblem, photo outline), each zero-mean and unit norm.
cv::Mat unitRow(const cv::Mat& m) {
    cv::Mat f = m.reshape(1, 1).clone();
    f -= cv::mean(f)[0];
    const double n = cv::norm(f);
    if (n > 1e-6) {
        f /= n;
    }
    return f;
}

cv::Mat fingerprint(const cv::Mat& cardBgr) {
    cv::Mat small;
    cv::resize(cardBgr, small, kThumbSize, 0, 0, cv::INTER_AREA);
    cv::GaussianBlur(small, small, cv::Size(3, 3), 0);
    cv::Mat colour;
    small.convertTo(colour, CV_32FC3, 1.0 / 255);
    cv::Mat gray;
    cv::Mat mid;
    cv::resize(cardBgr, mid, kThumbSize * 4, 0, 0, cv::INTER_AREA);
    cv::cvtColor(mid, gray, cv::COLOR_BGR2GRAY);
    cv::Mat gx;
    cv::Mat gy;
    cv::Sobel(gray, gx, CV_32F, 1, 0);
    cv::Sobel(gray, gy, CV_32F, 0, 1);
    cv::Mat mag;
    cv::magnitude(gx, gy, mag);
    cv::Mat edges;
    cv::resize(mag, edges, cv::Size(kThumbSize.width / 2, kThumbSize.height / 2), 0, 0,
               cv::INTER_AREA);
    cv::Mat f;
    cv::hconcat(unitRow(colour), unitRow(edges), f);
    return f * (1.0 / std::sqrt(2.0));
}

double similarity(const cv::Mat& a, const cv::Mat& b) {
    return a.dot(b);
}

struct Line {
    cv::Point2f p;  // a point on the line
    cv::Point2f d;  // unit direction
};

std::optional<cv::Point2f> intersect(const Line& a, const Line& b) {
    const double den = a.d.x * b.d.y - a.d.y * b.d.x;
    if (std::abs(den) < 1e-6) {
        return std::nullopt;
    }
    const cv::Point2f w = b.p - a.p;
    const double t = (w.x * b.d.y - w.y * b.d.x) / den;
    return a.p + a.d * float(t);
}

Line fitPoints(const std::vector<cv::Point2f>& pts) {
    cv::Vec4f l;
    cv::fitLine(pts, l, cv::DIST_HUBER, 0, 0.01, 0.01);
    return Line{cv::Point2f(l[2], l[3]), cv::Point2f(l[0], l[1])};
}

std::optional<Quad> quadFromLines(const std::array<Line, 4>& sides) {
    std::vector<cv::Point2f> pts;
    for (size_t i = 0; i < 4; ++i) {
        const auto c = intersect(sides[(i + 3) % 4], sides[i]);
        if (!c) {
            return std::nullopt;
        }
        pts.push_back(*c);
    }
    std::vector<cv::Point> ip;
    for (const auto& p : pts) {
        ip.emplace_back(cvRound(p.x), cvRound(p.y));
    }
    if (!cv::isContourConvex(ip)) {
        return std::nullopt;
    }
    return orderLandscape(pts);
}

// Straightens a quad's sides onto the contour: each side becomes the line
// through the contour points along its middle part, so rounded card corners
// and a slightly loose fit do not pull the corners inwards.
Quad refineQuad(const Quad& q, const std::vector<cv::Point>& contour) {
    std::array<Line, 4> sides;
    for (size_t i = 0; i < 4; ++i) {
        const cv::Point2f a = q[i];
        const cv::Point2f b = q[(i + 1) % 4];
        const double len = dist(a, b);
        if (len < 10) {
            return q;
        }
        const cv::Point2f d = (b - a) * float(1.0 / len);
        const cv::Point2f n(-d.y, d.x);
        const double tol = std::max(2.0, 0.03 * len);
        std::vector<cv::Point2f> near;
        for (const cv::Point& p : contour) {
            const cv::Point2f v = cv::Point2f(p) - a;
            const double t = (v.x * d.x + v.y * d.y) / len;
            const double off = v.x * n.x + v.y * n.y;
            if (t > 0.12 && t < 0.88 && std::abs(off) < tol) {
                near.emplace_back(p);
            }
        }
        sides[i] = near.size() >= 12 ? fitPoints(near) : Line{a, d};
    }
    const auto refined = quadFromLines(sides);
    if (!refined) {
        return q;
    }
    const Quad r = orderLandscape({refined->begin(), refined->end()});
    const double size = dist(q[0], q[2]);
    for (size_t i = 0; i < 4; ++i) {
        double nearest = 1e18;
        for (const auto& c : r) {
            nearest = std::min(nearest, dist(c, q[i]));
        }
        if (nearest > 0.08 * size) {
            return q;
        }
    }
    return r;
}

// When clutter merges with the card (a blue object behind it, a cable across an
// edge), the blob is not a quad, but the card's long straight edges remain in its
// outline: group the outline's segments into two roughly perpendicular
// directions, keep the two best-supported parallel lines of each, intersect.
std::optional<Quad> quadFromSegments(const std::vector<cv::Point>& contour) {
    std::vector<cv::Point> poly;
    cv::approxPolyDP(contour, poly, 0.008 * cv::arcLength(contour, true), true);
    if (poly.size() < 4) {
        return std::nullopt;
    }
    struct Seg {
        cv::Point2f a, b;
        double len, angle;
    };
    std::vector<Seg> segs;
    double longest = 0;
    size_t longestIdx = 0;
    for (size_t i = 0; i < poly.size(); ++i) {
        const cv::Point2f a = poly[i];
        const cv::Point2f b = poly[(i + 1) % poly.size()];
        const double len = dist(a, b);
        double ang = std::atan2(b.y - a.y, b.x - a.x);
        if (ang < 0) {
            ang += CV_PI;  // undirected
        }
        segs.push_back({a, b, len, ang});
        if (len > longest) {
            longest = len;
            longestIdx = segs.size() - 1;
        }
    }
    const double base = segs[longestIdx].angle;
    auto angleDiff = [](double x, double y) {
        double d = std::fmod(std::abs(x - y), CV_PI);
        return std::min(d, CV_PI - d);
    };
    std::array<Line, 4> sides;
    for (int group = 0; group < 2; ++group) {
        const double dir = base + group * CV_PI / 2;
        const cv::Point2f n(float(-std::sin(dir)), float(std::cos(dir)));
        struct Cluster {
            double offset = 0, weight = 0;
            std::vector<cv::Point2f> pts;
        };
        std::vector<Cluster> clusters;
        for (const Seg& s : segs) {
            if (s.len < 0.1 * longest || angleDiff(s.angle, dir) > 0.3) {
                continue;
            }
            const cv::Point2f mid = (s.a + s.b) * 0.5f;
            const double off = mid.x * n.x + mid.y * n.y;
            Cluster* hit = nullptr;
            for (Cluster& c : clusters) {
                if (std::abs(c.offset - off) < 0.04 * longest) {
                    hit = &c;
                    break;
                }
            }
            if (!hit) {
                clusters.push_back({off, 0, {}});
                hit = &clusters.back();
            }
            hit->weight += s.len;
            hit->pts.push_back(s.a);
            hit->pts.push_back(s.b);
        }
        std::sort(clusters.begin(), clusters.end(),
                  [](const Cluster& x, const Cluster& y) { return x.weight > y.weight; });
        const Cluster* first = clusters.empty() ? nullptr : &clusters[0];
        const Cluster* second = nullptr;
        for (size_t i = 1; i < clusters.size() && first; ++i) {
            if (std::abs(clusters[i].offset - first->offset) > 0.3 * longest) {
                second = &clusters[i];
                break;
            }
        }
        if (!first || !second) {
            return std::nullopt;
        }
        const bool firstLow = first->offset < second->offset;
        sides[size_t(group)] = fitPoints(firstLow ? first->pts : second->pts);
        sides[size_t(group + 2)] = fitPoints(firstLow ? second->pts : first->pts);
    }
    return quadFromLines(sides);
}

void addQuadCandidates(const std::vector<std::vector<cv::Point>>& contours, double minArea,
                       std::vector<Quad>& out) {
    for (const auto& contour : contours) {
        std::vector<cv::Point> hull;
        cv::convexHull(contour, hull);
        const double hullArea = cv::contourArea(hull);
        if (hullArea < minArea) {
            continue;
        }
        std::vector<cv::Point> approx;
        cv::approxPolyDP(hull, approx, 0.02 * cv::arcLength(hull, true), true);
        if (approx.size() == 4 && cv::isContourConvex(approx)) {
            out.push_back(refineQuad(orderLandscape({approx.begin(), approx.end()}), contour));
        }
        // Rounded or clipped corners give more than four vertices: the
        // minimum-area rectangle still fits when the hull nearly fills it.
        const cv::RotatedRect box = cv::minAreaRect(hull);
        if (hullArea / std::max(1.0, double(box.size.area())) > 0.88) {
            cv::Point2f pts[4];
            box.points(pts);
            out.push_back(refineQuad(orderLandscape({pts, pts + 4}), contour));
        }
        if (const auto q = quadFromSegments(contour); q && quadArea(*q) > minArea) {
            out.push_back(refineQuad(*q, contour));
        }
    }
}

std::vector<Quad> findQuads(const cv::Mat& small) {
    std::vector<Quad> quads;
    const double minArea = 0.025 * small.total();
    cv::Mat gray;
    cv::cvtColor(small, gray, cv::COLOR_BGR2GRAY);
    cv::GaussianBlur(gray, gray, cv::Size(5, 5), 0);
    // Edges: the card's outline against whatever is behind it.
    cv::Mat edges;
    cv::Canny(gray, edges, 30, 90);
    // A card on a background of nearly the same brightness (a light-blue desk)
    // still differs in some colour channel: add each channel's edges.
    {
        cv::Mat blurred;
        cv::GaussianBlur(small, blurred, cv::Size(5, 5), 0);
        cv::Mat channels[3];
        cv::split(blurred, channels);
        for (const cv::Mat& c : channels) {
            cv::Mat e;
            cv::Canny(c, e, 20, 50);
            edges |= e;
        }
    }
    cv::dilate(edges, edges, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(edges, contours, cv::RETR_LIST, cv::CHAIN_APPROX_NONE);
    addQuadCandidates(contours, minArea, quads);
    // Colour: the card is light blue on both sides; this survives clutter that
    // touches the card's edges and breaks its outline.
    cv::Mat hsv;
    cv::cvtColor(small, hsv, cv::COLOR_BGR2HSV);
    cv::Mat mask;
    cv::inRange(hsv, cv::Scalar(78, 18, 60), cv::Scalar(118, 210, 255), mask);
    const cv::Mat k = cv::getStructuringElement(cv::MORPH_RECT, cv::Size(15, 15));
    cv::morphologyEx(mask, mask, cv::MORPH_CLOSE, k);
    cv::morphologyEx(mask, mask, cv::MORPH_OPEN,
                     cv::getStructuringElement(cv::MORPH_RECT, cv::Size(5, 5)));
    contours.clear();
    cv::findContours(mask, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_NONE);
    addQuadCandidates(contours, minArea, quads);
    return quads;
}

}  // namespace

QString documentName(DocumentKind kind) {
    switch (kind) {
        case DocumentKind::ThaiId:
            return QStringLiteral("thai_id");
        case DocumentKind::Other:
            return QStringLiteral("other");
        case DocumentKind::None:
            break;
    }
    return QStringLiteral("none");
}

QString sideName(Side side) {
    switch (side) {
        case Side::Front:
            return QStringLiteral("front");
        case Side::Back:
            return QStringLiteral("back");
        case Side::Unknown:
            break;
    }
    return QStringLiteral("unknown");
}

QString guidanceName(Guidance g) {
    switch (g) {
        case Guidance::Ok:
            return QStringLiteral("ok");
        case Guidance::NoCard:
            return QStringLiteral("no_card");
        case Guidance::TooFar:
            return QStringLiteral("too_far");
        case Guidance::TooClose:
            return QStringLiteral("too_close");
        case Guidance::WrongDocument:
            return QStringLiteral("wrong_document");
        case Guidance::WrongSide:
            return QStringLiteral("wrong_side");
        case Guidance::Tilted:
            return QStringLiteral("tilted");
        case Guidance::Glare:
            return QStringLiteral("glare");
        case Guidance::Blur:
            return QStringLiteral("blur");
    }
    return QStringLiteral("unknown");
}

Result<CardLocator, OcrError> CardLocator::create(const QString& templatesDir,
                                                  LocatorOptions options) {
    CardLocator loc;
    loc.m_options = options;
    const QDir dir(templatesDir);
    auto load = [&dir, &loc](const char* name, cv::Mat& out, cv::Mat* gray,
                             bool features) -> Result<void, OcrError> {
        const QString path = dir.filePath(QLatin1String(name));
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            return fail(
                OcrError{OcrErrc::DataMissing, QStringLiteral("card template missing: ") + path});
        }
        const QByteArray bytes = f.readAll();
        try {
            const cv::Mat img = cv::imdecode(
                cv::Mat(1, int(bytes.size()), CV_8UC1, const_cast<char*>(bytes.data())),
                cv::IMREAD_COLOR);
            if (img.empty()) {
                return fail(OcrError{OcrErrc::ImageUnreadable,
                                     QStringLiteral("card template unreadable: ") + path});
            }
            cv::Mat card;
            cv::resize(img, card, cv::Size(kCardWidth, kCardHeight), 0, 0, cv::INTER_AREA);
            out = fingerprint(card);
            if (gray) {
                *gray = alignGray(card);
            }
            if (features) {
                cv::Mat grey;
                cv::cvtColor(card, grey, cv::COLOR_BGR2GRAY);
                cv::resize(grey, grey, kFeatureSize, 0, 0, cv::INTER_AREA);
                std::vector<cv::KeyPoint> keys;
                cv::ORB::create(1500)->detectAndCompute(grey, cv::noArray(), keys,
                                                        loc.m_frontDescriptors);
                const double sx = double(kAlignSize.width) / kFeatureSize.width;
                const double sy = double(kAlignSize.height) / kFeatureSize.height;
                for (const auto& k : keys) {
                    loc.m_frontPoints.emplace_back(float(k.pt.x * sx), float(k.pt.y * sy));
                }
            }
        } catch (const cv::Exception& e) {
            return fail(OcrError{OcrErrc::Internal, QString::fromStdString(e.msg)});
        }
        return {};
    };
    struct Ref {
        const char* name;
        cv::Mat* fingerprint;
        cv::Mat* gray;
    };
    for (const Ref& ref : {Ref{"personal-card-template.jpg", &loc.m_front, &loc.m_frontGray},
                           Ref{"personal-card-back-template.jpg", &loc.m_back, nullptr},
                           Ref{"personal-card-back-template1.jpg", &loc.m_back2, nullptr}}) {
        if (auto r = load(ref.name, *ref.fingerprint, ref.gray, ref.gray != nullptr); !r) {
            return fail(r.error());
        }
    }
    return loc;
}

LocatedCard CardLocator::locate(const cv::Mat& frame) const {
    LocatedCard best;
    if (frame.empty() || frame.type() != CV_8UC3) {
        return best;
    }
    try {
        const double scale = frame.cols > kWorkWidth ? double(kWorkWidth) / frame.cols : 1.0;
        cv::Mat small;
        if (scale < 1.0) {
            cv::resize(frame, small, cv::Size(), scale, scale, cv::INTER_AREA);
        } else {
            small = frame;
        }
        std::vector<Quad> quads = findQuads(small);
        // A scan or a tight crop: the image itself may be the card.
        const double frameAspect = double(small.cols) / small.rows;
        const bool frameMayBeCard =
            frameAspect > kId1Aspect * 0.85 && frameAspect < kId1Aspect * 1.17;
        if (frameMayBeCard) {
            const float w = float(small.cols);
            const float h = float(small.rows);
            quads.push_back(
                Quad{cv::Point2f(0, 0), cv::Point2f(w, 0), cv::Point2f(w, h), cv::Point2f(0, h)});
        }
        // Several contours give nearly the same quad; score each shape once.
        {
            std::vector<Quad> unique;
            const double tol = 0.015 * small.cols;
            for (const Quad& q : quads) {
                const bool seen = std::any_of(unique.begin(), unique.end(), [&](const Quad& u) {
                    for (size_t i = 0; i < 4; ++i) {
                        if (dist(u[i], q[i]) > tol) {
                            return false;
                        }
                    }
                    return true;
                });
                if (!seen) {
                    unique.push_back(q);
                }
            }
            quads.swap(unique);
        }
        const double frameArea = double(small.total());
        double bestRank = -1e9;
        double otherArea = 0;
        Quad otherQuad{};
        bool haveOther = false;
        for (size_t qi = 0; qi < quads.size(); ++qi) {
            const Quad& q = quads[qi];
            const double aspect = aspectOf(q);
            // Perspective shortens one side, so the tolerance around ID-1 is wide.
            if (aspect < kId1Aspect * 0.82 || aspect > kId1Aspect * 1.23) {
                continue;
            }
            const double areaFrac = quadArea(q) / frameArea;
            const bool isWhole = frameMayBeCard && qi + 1 == quads.size();
            for (int half = 0; half < 2; ++half) {
                const Quad oriented = half == 0 ? q : rotateHalf(q);
                const cv::Mat fp = fingerprint(warpQuad(small, oriented, kThumbSize * 4));
                const double f = similarity(fp, m_front);
                const double b = std::max(similarity(fp, m_back), similarity(fp, m_back2));
                const double score = std::max(f, b);
                // Prefer the layout match; among equals, the larger quad (the
                // card rather than a panel printed on it).
                const double rank = score + 0.15 * areaFrac - (isWhole ? 0.05 : 0.0);
                if (rank > bestRank) {
                    bestRank = rank;
                    best.corners = oriented;
                    best.frontScore = f;
                    best.backScore = b;
                    best.wholeFrame = isWhole;
                    best.upsideDown = half == 1;
                }
            }
            if (!isWhole && areaFrac > otherArea) {
                otherArea = areaFrac;
                otherQuad = q;
                haveOther = true;
            }
        }
        const double score = std::max(best.frontScore, best.backScore);
        if (bestRank > -1e9 && score >= m_options.minTemplateScore) {
            best.document = DocumentKind::ThaiId;
            best.side = best.frontScore >= best.backScore ? Side::Front : Side::Back;
        } else if (haveOther && otherArea > 0.05) {
            best = LocatedCard{};
            best.document = DocumentKind::Other;
            best.corners = otherQuad;
            const cv::Mat fp = fingerprint(warpQuad(small, otherQuad, kThumbSize * 4));
            best.frontScore = similarity(fp, m_front);
            best.backScore = std::max(similarity(fp, m_back), similarity(fp, m_back2));
        } else {
            return LocatedCard{};
        }
        // Geometry in full-frame pixels.
        for (auto& c : best.corners) {
            c *= float(1.0 / scale);
        }
        const Quad& q = best.corners;
        // A card filling the image is a scan or a tight crop, not a card held too close.
        best.wholeFrame = best.wholeFrame || quadArea(q) > 0.8 * double(frame.total());
        best.widthFraction = (dist(q[0], q[1]) + dist(q[3], q[2])) / 2 / frame.cols;
        best.tiltDegrees = worstCornerTilt(q);
        const float margin = 0.01f * float(std::min(frame.cols, frame.rows));
        best.touchesBorder = !best.wholeFrame && std::any_of(q.begin(), q.end(), [&](auto p) {
            return p.x < margin || p.y < margin || p.x > frame.cols - 1 - margin ||
                   p.y > frame.rows - 1 - margin;
        });
        // Quality on a mid-size warp. Sharpness: how steep the strongest edges
        // are (Laplacian over gradient on the top few percent of edge pixels), so
        // it does not depend on how much text the side carries.
        const cv::Mat card = warpQuad(frame, q, kQualitySize);
        cv::Mat gray;
        cv::cvtColor(card, gray, cv::COLOR_BGR2GRAY);
        cv::Mat gx;
        cv::Mat gy;
        cv::Mat lap;
        cv::Sobel(gray, gx, CV_32F, 1, 0);
        cv::Sobel(gray, gy, CV_32F, 0, 1);
        cv::Laplacian(gray, lap, CV_32F, 1);
        cv::Mat mag;
        cv::magnitude(gx, gy, mag);
        // Threshold at the 97th percentile, from a coarse histogram.
        double maxMag = 0;
        cv::minMaxLoc(mag, nullptr, &maxMag);
        std::array<int, 256> hist{};
        const float binScale = float(255.0 / std::max(1.0, maxMag));
        for (int y = 0; y < mag.rows; ++y) {
            const float* row = mag.ptr<float>(y);
            for (int x = 0; x < mag.cols; ++x) {
                ++hist[size_t(std::min(255, int(row[x] * binScale)))];
            }
        }
        const int want = int(mag.total() * 0.03);
        int bin = 255;
        for (int acc = 0; bin > 0 && acc + hist[size_t(bin)] < want; --bin) {
            acc += hist[size_t(bin)];
        }
        const float thr = std::max(40.0f, float(bin) / binScale);
        double sumLap = 0;
        double sumMag = 0;
        for (int y = 0; y < mag.rows; ++y) {
            const float* m = mag.ptr<float>(y);
            const float* l = lap.ptr<float>(y);
            for (int x = 0; x < mag.cols; ++x) {
                if (m[x] >= thr) {
                    sumLap += std::abs(l[x]);
                    sumMag += m[x];
                }
            }
        }
        best.sharpness = sumMag > 0 ? 100.0 * sumLap / sumMag : 0.0;
        cv::Mat clipped;
        cv::inRange(card, cv::Scalar(246, 246, 246), cv::Scalar(255, 255, 255), clipped);
        // The photo (often on a white backdrop) is not glare.
        clipped(cv::Rect(kQualitySize.width * 72 / 100, kQualitySize.height * 45 / 100,
                         kQualitySize.width * 28 / 100, kQualitySize.height * 55 / 100))
            .setTo(0);
        best.glareFraction = double(cv::countNonZero(clipped)) / double(clipped.total());
    } catch (const cv::Exception&) {
        return LocatedCard{};
    }
    return best;
}

Guidance CardLocator::guide(const LocatedCard& card, Side expected) const {
    if (card.document == DocumentKind::None) {
        return Guidance::NoCard;
    }
    if (!card.wholeFrame && card.widthFraction < m_options.minWidthFraction) {
        return Guidance::TooFar;
    }
    if (card.document == DocumentKind::Other) {
        return Guidance::WrongDocument;
    }
    if (card.touchesBorder ||
        (!card.wholeFrame && card.widthFraction > m_options.maxWidthFraction)) {
        return Guidance::TooClose;
    }
    if (expected != Side::Unknown && card.side != expected) {
        return Guidance::WrongSide;
    }
    if (card.tiltDegrees > m_options.maxTiltDegrees) {
        return Guidance::Tilted;
    }
    if (card.glareFraction > m_options.maxGlareFraction) {
        return Guidance::Glare;
    }
    if (card.sharpness < m_options.minSharpness) {
        return Guidance::Blur;
    }
    return Guidance::Ok;
}

std::optional<Quad> CardLocator::matchFrontFeatures(const cv::Mat& frameBgr) const {
    if (m_frontDescriptors.empty()) {
        return std::nullopt;
    }
    const double scale =
        frameBgr.cols > kFeatureFrameWidth ? double(kFeatureFrameWidth) / frameBgr.cols : 1.0;
    cv::Mat grey;
    cv::cvtColor(frameBgr, grey, cv::COLOR_BGR2GRAY);
    if (scale < 1.0) {
        cv::resize(grey, grey, cv::Size(), scale, scale, cv::INTER_AREA);
    }
    std::vector<cv::KeyPoint> keys;
    cv::Mat descriptors;
    cv::ORB::create(3000)->detectAndCompute(grey, cv::noArray(), keys, descriptors);
    if (descriptors.rows < kMinFeatureInliers) {
        return std::nullopt;
    }
    std::vector<std::vector<cv::DMatch>> knn;
    cv::BFMatcher(cv::NORM_HAMMING).knnMatch(m_frontDescriptors, descriptors, knn, 2);
    std::vector<cv::Point2f> from;
    std::vector<cv::Point2f> to;
    for (const auto& m : knn) {
        if (m.size() == 2 && m[0].distance < 0.8f * m[1].distance) {
            from.push_back(m_frontPoints[size_t(m[0].queryIdx)]);
            const cv::Point2f p = keys[size_t(m[0].trainIdx)].pt;
            to.emplace_back(float(p.x / scale), float(p.y / scale));
        }
    }
    if (int(from.size()) < kMinFeatureInliers) {
        return std::nullopt;
    }
    cv::Mat inliers;
    const cv::Mat h = cv::findHomography(from, to, cv::RANSAC, 4.0 / scale, inliers);
    if (h.empty() || cv::countNonZero(inliers) < kMinFeatureInliers) {
        return std::nullopt;
    }
    const std::vector<cv::Point2f> corners{{0, 0},
                                           {float(kAlignSize.width), 0},
                                           {float(kAlignSize.width), float(kAlignSize.height)},
                                           {0, float(kAlignSize.height)}};
    std::vector<cv::Point2f> moved;
    cv::perspectiveTransform(corners, moved, h);
    Quad q{moved[0], moved[1], moved[2], moved[3]};
    std::vector<cv::Point2f> hull;
    cv::convexHull(moved, hull);
    if (hull.size() != 4 || quadArea(q) < 0.02 * double(frameBgr.total())) {
        return std::nullopt;
    }
    return q;
}

void CardLocator::refine(const cv::Mat& frameBgr, LocatedCard& card) const {
    if (frameBgr.empty() || card.document == DocumentKind::None) {
        return;
    }
    const Quad dst{cv::Point2f(0, 0), cv::Point2f(float(kAlignSize.width), 0),
                   cv::Point2f(float(kAlignSize.width), float(kAlignSize.height)),
                   cv::Point2f(0, float(kAlignSize.height))};
    struct Try {
        Quad corners;
        bool upsideDown;
    };
    std::vector<Try> tries;
    // Only the front: the back's fixed print is a few smooth gradients and a
    // flag, too little texture for registration to improve on the outline.
    // A whole frame taken for the card (the outline was lost against a
    // background of the card's colour) may still hold a front somewhere.
    if (card.document == DocumentKind::ThaiId) {
        if (card.side != Side::Front && !card.wholeFrame) {
            return;
        }
        if (!card.wholeFrame) {
            tries.push_back({card.corners, card.upsideDown});
        }
    } else {
        for (int half = 0; half < 2; ++half) {
            tries.push_back({half == 0 ? card.corners : rotateHalf(card.corners), half == 1});
        }
    }
    // Feature matching finds the front's fixed print wherever it is, at any
    // rotation: it rescues a quad that cut off part of the card or took in
    // the background, which intensity registration cannot pull back.
    try {
        if (auto q = matchFrontFeatures(frameBgr)) {
            tries.push_back({*q, false});
        }
    } catch (const cv::Exception&) {
        // No features to go by: the outline's quad stays.
    }
    const double base = std::max(card.frontScore, card.backScore);
    double bestScore = card.document == DocumentKind::ThaiId ? base : -1;
    std::optional<LocatedCard> bestCard;
    for (const Try& t : tries) {
        const double cardW = dist(t.corners[0], t.corners[1]);
        try {
            const cv::Mat& ref = m_frontGray;
            const cv::Mat toFrame = cv::getPerspectiveTransform(dst.data(), t.corners.data());
            cv::Mat warped;
            cv::warpPerspective(frameBgr, warped, toFrame.inv(), kAlignSize, cv::INTER_LINEAR,
                                cv::BORDER_REPLICATE);
            cv::Mat h = cv::Mat::eye(3, 3, CV_32F);
            cv::findTransformECC(
                ref, alignGray(warped), h, cv::MOTION_HOMOGRAPHY,
                cv::TermCriteria(cv::TermCriteria::COUNT + cv::TermCriteria::EPS, 60, 1e-4),
                cv::noArray(), 1);
            cv::Mat h64;
            h.convertTo(h64, CV_64F);
            const cv::Mat full = toFrame * h64;
            std::vector<cv::Point2f> moved;
            cv::perspectiveTransform(std::vector<cv::Point2f>(dst.begin(), dst.end()), moved, full);
            Quad q{moved[0], moved[1], moved[2], moved[3]};
            double shift = 0;
            for (size_t i = 0; i < 4; ++i) {
                shift = std::max(shift, double(dist(q[i], t.corners[i])));
            }
            const double aspect = aspectOf(q);
            if (shift > 0.4 * cardW || aspect < kId1Aspect * 0.82 || aspect > kId1Aspect * 1.23) {
                continue;
            }
            const cv::Mat fp = fingerprint(warpQuad(frameBgr, q, kThumbSize * 4));
            const double f = similarity(fp, m_front);
            const double b = std::max(similarity(fp, m_back), similarity(fp, m_back2));
            const double score = f;
            if (score > bestScore) {
                bestScore = score;
                LocatedCard c = card;
                c.corners = q;
                c.upsideDown = t.upsideDown;
                c.frontScore = f;
                c.backScore = b;
                bestCard = c;
            }
        } catch (const cv::Exception&) {
            // ECC did not converge: keep the outline's quad.
        }
    }
    if (!bestCard) {
        return;
    }
    const double score = std::max(bestCard->frontScore, bestCard->backScore);
    if (card.document == DocumentKind::Other) {
        if (score < m_options.minTemplateScore) {
            return;
        }
        bestCard->document = DocumentKind::ThaiId;
    }
    bestCard->side = bestCard->frontScore >= bestCard->backScore ? Side::Front : Side::Back;
    bestCard->tiltDegrees = worstCornerTilt(bestCard->corners);
    bestCard->wholeFrame =
        card.wholeFrame && quadArea(bestCard->corners) > 0.8 * double(frameBgr.total());
    card = *bestCard;
}

cv::Mat CardLocator::warp(const cv::Mat& frameBgr, const LocatedCard& card, cv::Size size) const {
    if (frameBgr.empty() || card.document == DocumentKind::None) {
        return {};
    }
    try {
        return warpQuad(frameBgr, card.corners, size);
    } catch (const cv::Exception&) {
        return {};
    }
}

}  // namespace kiosk::ocr
