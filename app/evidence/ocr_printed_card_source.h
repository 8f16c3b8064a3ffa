// The printed card's fields for proofing, read by OCR from photos of its front
// and back (vision/ocr). The chip stays the source of truth: proofing compares
// these fields with it and sends the laser code to DOPA.
#pragma once

#include "evidence_sources.h"
#include "result.h"

#include <QString>
#include <memory>

namespace kiosk::evidence {

class OcrPrintedCardSource final : public proofing::PrintedCardSource {
public:
    // `templatesDir` holds the blank card templates the locator compares
    // layouts with; an error names what is missing (templates, Tesseract data).
    static Result<std::unique_ptr<OcrPrintedCardSource>, QString> create(
        const QString& templatesDir);

    // Both images must show a Thai national ID card, the front with a CID and
    // the back with a laser code; anything else is an error saying which side
    // and why (the caller reports the printed-card check as failed with it).
    Result<proofing::PrintedCardReading, QString> read(const QString& frontImage,
                                                       const QString& backImage) override;
    // The same from encoded images in memory; the reading's image hashes are
    // of these bytes.
    Result<proofing::PrintedCardReading, QString> readEncoded(const QByteArray& frontImage,
                                                              const QByteArray& backImage) override;

    ~OcrPrintedCardSource() override;

private:
    struct Reader;
    explicit OcrPrintedCardSource(std::unique_ptr<Reader> reader);
    std::unique_ptr<Reader> m_reader;
};

}  // namespace kiosk::evidence
