// Reads the printed fields of a Thai national ID card from a camera frame or a
// scan: locate, warp, then per field crop, clean up and recognise with a
// whitelist, then validate. Front: CID (+ check digit), Thai and English names,
// birth and expiry dates. Back: the laser code. Not thread-safe (it owns an
// OcrEngine): one FieldReader per worker thread.
#pragma once

#include "card_locator.h"
#include "ocr_engine.h"
#include "ocr_text.h"

#include <QJsonObject>
#include <QMap>
#include <memory>
#include <optional>

namespace kiosk::ocr {

struct FrontFields {
    QString cid;  // 13 digits as read, or empty
    bool cidValid = false;
    PersonName nameTh;
    PersonName nameEn;
    std::optional<CardDate> birthDate;
    std::optional<CardDate> expiryDate;
    bool lifelong = false;
};

struct BackFields {
    QString laserCode;  // 2 letters + 10 digits, no dashes, or empty
};

struct CardReading {
    DocumentKind document = DocumentKind::None;
    Side side = Side::Unknown;
    Guidance guidance = Guidance::NoCard;
    LocatedCard located;
    std::optional<FrontFields> front;
    std::optional<BackFields> back;
    QMap<QString, double> confidence;  // field name -> 0..1
    QMap<QString, QString> raw;        // field name -> OCR text (personal data: never log)
    double ms = 0;

    // The `kioskctl ocr --json` shape (personal data: never log it).
    QJsonObject toJson() const;
};

class FieldReader {
public:
    FieldReader(CardLocator locator, std::unique_ptr<OcrEngine> engine);

    // Locates the card and reads the side it shows (or `side` when given: the
    // caller knows which side it asked the citizen for).
    Result<CardReading, OcrError> read(const cv::Mat& frameBgr, Side side = Side::Unknown);

    // Field reading on an already upright canonical card image (kCardWidth x kCardHeight).
    FrontFields readFront(const cv::Mat& card, CardReading& into);
    BackFields readBack(const cv::Mat& card, CardReading& into);
    // The card's title line says "Thai National ID Card".
    bool hasThaiIdTitle(const cv::Mat& card);

    const CardLocator& locator() const { return m_locator; }

private:
    Result<OcrLine, OcrError> readField(const cv::Mat& card, const cv::Rect2d& box,
                                        const LineRequest& request, bool tight = true,
                                        int bodyHeight = 34, bool flatten = true);
    CardLocator m_locator;
    std::unique_ptr<OcrEngine> m_engine;
};

}  // namespace kiosk::ocr
