#include "card_sides_capture.h"

#include <algorithm>

namespace kiosk::journey {

CardSidesCapture::CardSidesCapture(int goodFramesToRead)
    : m_needed(std::max(1, goodFramesToRead)) {}

QString CardSidesCapture::sideCode(ocr::Side side) {
    switch (side) {
        case ocr::Side::Front:
            return QStringLiteral("front");
        case ocr::Side::Back:
            return QStringLiteral("back");
        case ocr::Side::Unknown:
            break;
    }
    return {};
}

QString CardSidesCapture::timeoutCode(ocr::Side side) {
    // The back keeps the code it had when it was the only side read.
    return side == ocr::Side::Front ? QStringLiteral("card_front_timeout")
                                    : QStringLiteral("card_image_timeout");
}

CardSidesCapture::Frame CardSidesCapture::onGuidance(ocr::Guidance guidance) {
    if (done()) {
        return {guidance, 1.0, false};
    }
    m_good = guidance == ocr::Guidance::Ok ? m_good + 1 : 0;
    return {guidance, std::min(1.0, double(m_good) / m_needed), m_good >= m_needed};
}

bool CardSidesCapture::onReading(const Result<ocr::CardReading, ocr::OcrError>& reading) {
    if (done()) {
        return false;
    }
    bool complete = false;
    if (reading) {
        if (m_side == ocr::Side::Front) {
            // An invalid check digit is a misread digit: proofing would take it
            // for a card that differs from the chip, so read another frame.
            complete = reading->front && !reading->front->cid.isEmpty() && reading->front->cidValid;
        } else if (reading->back && !reading->back->laserCode.isEmpty()) {
            m_laserCode = reading->back->laserCode;
            complete = true;
        }
    }
    m_good = 0;
    if (complete) {
        m_side = m_side == ocr::Side::Front ? ocr::Side::Back : ocr::Side::Unknown;
    }
    return complete;
}

}  // namespace kiosk::journey
