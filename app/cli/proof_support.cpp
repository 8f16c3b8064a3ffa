#include "proof_support.h"

#include "ocr_printed_card_source.h"
#include "paths.h"
#include "vision_biometric_source.h"

#include <QDir>

namespace kiosk::cli {

proofing::ChipEvidence chipEvidence(const card::CardData& card) {
    proofing::ChipEvidence e;
    e.cid = card.cid;
    e.prefixTh = card.nameTh.prefix;
    e.firstNameTh = card.nameTh.first;
    e.lastNameTh = card.nameTh.last;
    e.firstNameEn = card.nameEn.first;
    e.lastNameEn = card.nameEn.last;
    e.birthDateBe = card.birthDate.toBuddhistYmd();
    e.photoSha256 = card.photoSha256();
    e.chipLaserCode = card.laserCode;
    if (!card.cidValid()) {
        e.missing << QStringLiteral("cid");
    }
    if (card.nameTh.first.isEmpty() || card.nameTh.last.isEmpty()) {
        e.missing << QStringLiteral("name_th");
    }
    if (card.birthDate.year == 0) {
        e.missing << QStringLiteral("birth_date");
    }
    if (!card::isCompleteJpeg(card.photoJpeg)) {
        e.missing << QStringLiteral("photo");
    }
    e.complete = e.missing.isEmpty();
    return e;
}

// Face match + liveness through the vision stack. Models that fail to load
// leave the source out: proofing then reports those checks not performed,
// with the reason in the log.
std::unique_ptr<proofing::BiometricEvidenceSource> makeBiometricSource(const KioskConfig& config) {
    auto source = evidence::VisionBiometricSource::create(config);
    if (!source) {
        qWarning("kioskctl: face and liveness unavailable: %s", qPrintable(source.error()));
        return nullptr;
    }
    return std::move(*source);
}

std::unique_ptr<proofing::PrintedCardSource> makePrintedCardSource(const KioskConfig&) {
    auto source = evidence::OcrPrintedCardSource::create(cardTemplatesDir());
    if (!source) {
        qWarning("kioskctl: printed-card OCR unavailable: %s", qPrintable(source.error()));
        return nullptr;
    }
    return std::move(*source);
}

QString cardTemplatesDir() {
    return paths::cardTemplatesDir(QStringLiteral(KIOSK_SHARED_DATA_DIR));
}

}  // namespace kiosk::cli
