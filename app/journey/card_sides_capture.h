// The card-image step's order, kept apart from the camera and the OCR engine
// so it can be tested with made-up guidance and readings: the front first,
// until a reading with a CID whose check digit holds (the printed fields
// proofing compares with the chip), then the back, until its laser code. A
// side is read once enough good frames in a row were seen; a reading that
// lacks what the side must give starts the count again.
#pragma once

#include "field_reader.h"

#include <QString>

namespace kiosk::journey {

class CardSidesCapture {
public:
    explicit CardSidesCapture(int goodFramesToRead);

    struct Frame {
        ocr::Guidance guidance = ocr::Guidance::NoCard;
        double progress = 0;  // 0..1 towards reading side()
        bool read = false;    // read this frame now, as side()
    };
    // The locator's guidance for one frame, judged against side().
    Frame onGuidance(ocr::Guidance guidance);
    // What reading that frame as side() gave. True when it completed the
    // side: the step then asks for the back, or is done.
    bool onReading(const Result<ocr::CardReading, ocr::OcrError>& reading);

    // The side asked for; Unknown once both were read.
    ocr::Side side() const { return m_side; }
    bool done() const { return m_side == ocr::Side::Unknown; }
    QString laserCode() const { return m_laserCode; }

    // "front", "back" (Guidance::side), empty for Unknown.
    static QString sideCode(ocr::Side side);
    // The step's error when the side asked for was not read in time (one
    // ErrorScreen text per side).
    static QString timeoutCode(ocr::Side side);

private:
    int m_needed;
    int m_good = 0;
    ocr::Side m_side = ocr::Side::Front;
    QString m_laserCode;
};

}  // namespace kiosk::journey
