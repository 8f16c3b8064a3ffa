// The evidence a proofing gathers, as plain values independent of the card
// driver, the OCR and the vision stack (their outputs are adapted to these).
// Personal fields (CID, names, birth date) live in memory for one session;
// the ProofingRecord keeps only hashes of evidence, never raw images.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

namespace kiosk::proofing {

// SHA-256 of raw bytes, lower-case hex.
QString sha256Hex(const QByteArray& bytes);

// What the chip said. `complete`: every field the policy needs was read and
// the photo is a complete JPEG.
struct ChipEvidence {
    bool complete = false;
    QStringList missing;  // fields not read, when incomplete
    QString cid;
    QString prefixTh, firstNameTh, lastNameTh;
    QString firstNameEn, lastNameEn;
    QString birthDateBe;    // Buddhist-era YYYYMMDD as on the chip ("00" for unknown parts)
    QString photoSha256;    // hex of the chip photo JPEG
    QString chipLaserCode;  // when the chip exposes it

    QJsonObject toJson() const;  // personal data: hashed, never logged or sent
};

// Fields read from the printed card (by OCR, or typed by the citizen).
struct PrintedCardReading {
    enum class Source { Ocr, Typed };
    Source source = Source::Typed;
    QString cid;  // empty: not read
    QString firstNameTh, lastNameTh;
    QString birthDateBe;
    QString laserCode;                          // "JT0-1234567-89" or "JT0123456789"
    QString frontImageSha256, backImageSha256;  // of the raw images, when OCR ran
};

struct FieldMismatch {
    QString field;   // "cid", "first_name_th", "last_name_th", "birth_date", "laser_code"
    QString reason;  // no personal data: e.g. "differs from the chip"
};

struct PrintedCardEvidence {
    enum class Source { Ocr, Typed };
    Source source = Source::Typed;
    // Consistency with the chip: nullopt when only a laser code was typed (no
    // printed field to compare).
    std::optional<bool> consistentWithChip;
    QList<FieldMismatch> mismatches;
    QString laserCode;  // normalized: 2 letters + 10 digits, no dashes
    QString frontImageSha256, backImageSha256;

    QJsonObject toJson() const;
};

// Laser code as DOPA wants it: upper-case letters and digits only.
QString normalizeLaserCode(const QString& text);
// True for 2 letters followed by 10 digits (after normalizing).
bool isLaserCodeWellFormed(const QString& text);

// Compares what the printed card shows with the chip (the source of truth).
PrintedCardEvidence crossCheckPrintedCard(const ChipEvidence& chip,
                                          const PrintedCardReading& printed);

// DOPA's answer to CheckCardByLaser.
struct CardStatusEvidence {
    int code = -1;          // DOPA's code; 0 = card valid and data matches
    QString description;    // DOPA's description (Thai)
    bool valid = false;     // code == 0
    QString requestSha256;  // of the canonical request (CID, names, birth date, laser code)

    QJsonObject toJson() const;
};

// 1:1 match of the live face with the chip photo.
struct FaceEvidence {
    double score = 0;      // similarity in [0, 1], higher is more alike
    double distance = 0;   // embedding distance, lower is more alike
    double threshold = 0;  // the matcher's decision threshold on `score`
    bool match = false;    // the matcher's decision at `threshold`
    bool qualityOk = false;
    QStringList qualityReasons;  // why quality failed ("blur", "pose", ...)
    QString probeFrameSha256;    // of the frame that was matched

    QJsonObject toJson() const;
};

struct LivenessEvidence {
    enum class Decision { Live, Attack, Inconclusive };
    Decision decision = Decision::Inconclusive;
    QMap<QString, double> cueScores;  // per cue, e.g. "blink", "texture", "turn_left"
    struct Challenge {
        QString name;  // e.g. "turn_left", "blink"
        bool passed = false;
        qint64 atMs = 0;  // from the start of the clip or session
    };
    QList<Challenge> challenges;

    QJsonObject toJson() const;
};

QString decisionName(LivenessEvidence::Decision decision);

struct ConsentEvidence {
    enum class Action { Accepted, Declined };
    QString textVersion;  // version id of the consent text shown
    QDateTime at;         // UTC
    Action action = Action::Declined;
    QString channel;  // "touch", "kioskctl"

    QJsonObject toJson() const;
};

// Everything gathered for one proofing; a missing member was not performed.
struct Evidence {
    std::optional<ChipEvidence> chip;
    std::optional<PrintedCardEvidence> printed;
    std::optional<CardStatusEvidence> cardStatus;
    std::optional<FaceEvidence> face;
    std::optional<LivenessEvidence> liveness;
    std::optional<ConsentEvidence> consent;
    // Why a check could not be performed (check name -> reason), e.g.
    // "card_status_valid" -> "DOPA unreachable".
    QMap<QString, QString> notPerformed;
    // Checks handed to the IdP because their backend could not be reached
    // now (check name -> reason), e.g. DOPA down: "card_status_valid".
    QMap<QString, QString> deferred;
};

}  // namespace kiosk::proofing
