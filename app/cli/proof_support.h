// What `kioskctl proof` plugs together, exposed so the kiosk and the tests
// use the same adapters: chip evidence from the card driver's CardData, and
// the factories of the vision-backed evidence sources (nullptr when a model or
// data file is missing: the checks they feed are then reported "not
// performed").
#pragma once

#include "card_data.h"
#include "config.h"
#include "evidence.h"
#include "evidence_sources.h"

#include <memory>

namespace kiosk::cli {

// The chip's evidence: CID, Thai and English names, birth date as BE
// YYYYMMDD, photo hash, chip laser code; `complete` when the CID check digit
// holds, the names and birth year are present and the photo is a complete JPEG.
proofing::ChipEvidence chipEvidence(const card::CardData& card);

// Face match + liveness from a clip or the camera; nullptr when this build has none.
std::unique_ptr<proofing::BiometricEvidenceSource> makeBiometricSource(const KioskConfig& config);
// OCR of the printed card's photos; nullptr (with the reason in the log) when
// the card templates or Tesseract's data are missing.
std::unique_ptr<proofing::PrintedCardSource> makePrintedCardSource(const KioskConfig& config);

// The blank card templates the OCR locator compares layouts with
// (paths::cardTemplatesDir with this build's shared data as the fallback).
QString cardTemplatesDir();

}  // namespace kiosk::cli
