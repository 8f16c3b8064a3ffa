// Finds a Thai national ID card in a camera frame, fixes its orientation
// (upside down too), tells front from back and a Thai ID from another document,
// warps it to a canonical ID-1 image, and turns what it saw into the one coaching
// hint the UI shows the citizen. Built for camera rate: ~10 ms per 1280x720
// frame on one core. Not thread-safe only in the sense that it is immutable
// after creation: one instance can be shared by reader threads.
#pragma once

#include "ocr_error.h"
#include "result.h"

#include <QString>
#include <array>
#include <opencv2/core.hpp>
#include <optional>
#include <vector>

namespace kiosk::ocr {

// The canonical card image: 85.6 x 54 mm at about 300 dpi.
inline constexpr int kCardWidth = 1024;
inline constexpr int kCardHeight = 646;

enum class DocumentKind { None, ThaiId, Other };
enum class Side { Unknown, Front, Back };

// What the UI tells the citizen, most important first.
enum class Guidance {
    Ok,
    NoCard,         // hold the card up to the camera
    TooFar,         // bring it closer
    TooClose,       // move it back (a corner is out of the frame)
    WrongDocument,  // this is not a Thai national ID card
    WrongSide,      // turn the card over
    Tilted,         // hold it flat, facing the camera
    Glare,          // tilt it away from the light
    Blur,           // hold still
};

QString documentName(DocumentKind kind);  // "thai_id", "other", "none"
QString sideName(Side side);              // "front", "back", "unknown"
QString guidanceName(Guidance g);         // "ok", "no_card", "too_far", ...

struct LocatedCard {
    DocumentKind document = DocumentKind::None;
    Side side = Side::Unknown;
    // The card's own corners (top-left, top-right, bottom-right, bottom-left of
    // the upright card) in frame pixels.
    std::array<cv::Point2f, 4> corners{};
    bool upsideDown = false;
    bool wholeFrame = false;     // a scan: the image is the card
    bool touchesBorder = false;  // part of the card may be outside the frame
    double widthFraction = 0;    // card width / frame width
    double tiltDegrees = 0;      // worst corner's departure from 90 degrees
    double sharpness = 0;        // mean gradient energy of the card's text areas
    double glareFraction = 0;    // share of clipped highlights on the card
    double frontScore = 0;       // layout similarity to the blank front / back template
    double backScore = 0;
};

struct LocatorOptions {
    double minWidthFraction = 0.38;  // smaller: too far to read
    double maxWidthFraction = 0.97;
    double maxTiltDegrees = 14;
    double minSharpness = 6.5;
    double maxGlareFraction = 0.012;
    double minTemplateScore = 0.45;  // below: not a Thai ID card layout
};

class CardLocator {
public:
    // Loads the blank front and back templates (layout references) from `templatesDir`.
    static Result<CardLocator, OcrError> create(const QString& templatesDir,
                                                LocatorOptions options = {});

    // Never throws; a frame without a card gives document None.
    LocatedCard locate(const cv::Mat& frameBgr) const;

    // The coaching hint for this frame; `expected` Unknown accepts either side.
    Guidance guide(const LocatedCard& card, Side expected = Side::Unknown) const;

    // The upright card at kCardWidth x kCardHeight, from the full-resolution frame.
    cv::Mat warp(const cv::Mat& frameBgr, const LocatedCard& card,
                 cv::Size size = cv::Size(kCardWidth, kCardHeight)) const;

    // Aligns a located front (or a quad whose layout did not match) with the
    // blank front template by intensity registration: fixes a
    // corner that the outline fit put on the background, and re-classifies a
    // card whose bad quad made it look like another document. Slower than
    // locate() (a few ms); meant for the reading path, not for live guidance.
    void refine(const cv::Mat& frameBgr, LocatedCard& card) const;

    const LocatorOptions& options() const { return m_options; }

private:
    CardLocator() = default;
    LocatorOptions m_options;
    cv::Mat m_front;  // layout thumbnails (float, zero-mean, unit norm)
    cv::Mat m_back;
    cv::Mat m_back2;
    cv::Mat m_frontGray;  // blurred grey front template at the registration size
    // ORB features of the front template's fixed print (points in kAlignSize
    // coordinates) for finding a front that the outline fit missed.
    std::vector<cv::Point2f> m_frontPoints;
    cv::Mat m_frontDescriptors;

    std::optional<std::array<cv::Point2f, 4>> matchFrontFeatures(const cv::Mat& frameBgr) const;
};

}  // namespace kiosk::ocr
