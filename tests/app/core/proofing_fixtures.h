// Evidence for the proofing unit tests: a complete, consistent set (IAL 2.3
// under the default policy) that each test weakens in one place.
#pragma once

#include "evidence.h"
#include "ial_policy.h"

#include <QDateTime>

namespace kiosk::test {

inline proofing::Evidence fullEvidence() {
    using namespace kiosk::proofing;
    Evidence e;
    ChipEvidence chip;
    chip.complete = true;
    chip.cid = QStringLiteral("1101700230708");
    chip.firstNameTh = QStringLiteral("สมชาย");
    chip.lastNameTh = QStringLiteral("ทดสอบดี");
    chip.birthDateBe = QStringLiteral("25300115");
    chip.photoSha256 = sha256Hex("photo");
    e.chip = chip;
    PrintedCardReading printed;
    printed.source = PrintedCardReading::Source::Ocr;
    printed.cid = QStringLiteral("1 1017 00230 70 8");
    printed.firstNameTh = chip.firstNameTh;
    printed.lastNameTh = chip.lastNameTh;
    printed.birthDateBe = chip.birthDateBe;
    printed.laserCode = QStringLiteral("JT0-1234567-89");
    e.printed = crossCheckPrintedCard(chip, printed);
    e.cardStatus = CardStatusEvidence{0, QStringLiteral("สถานะปกติ"), true, sha256Hex("req")};
    FaceEvidence face;
    face.score = 0.82;
    face.distance = 0.38;
    face.threshold = 0.6;
    face.match = true;
    face.qualityOk = true;
    face.probeFrameSha256 = sha256Hex("frame");
    e.face = face;
    LivenessEvidence live;
    live.decision = LivenessEvidence::Decision::Live;
    live.cueScores.insert(QStringLiteral("blink"), 0.9);
    live.challenges.append({QStringLiteral("turn_left"), true, 1200});
    e.liveness = live;
    e.consent = ConsentEvidence{IalPolicy::defaults().consentTextVersion,
                                QDateTime::fromMSecsSinceEpoch(1795000000000, Qt::UTC),
                                ConsentEvidence::Action::Accepted, QStringLiteral("touch")};
    return e;
}

}  // namespace kiosk::test
