// The IAL policy: which checks each identity assurance level needs, read from
// the `proofing` section of the kiosk configuration. The engine evaluates
// every check from the evidence, then grants the highest level whose checks
// all passed. A failed check in `fatal_failures` (evidence that contradicts
// the claimed identity, e.g. a revoked card) grants no level at all; a check
// that was not performed only lowers the level. Every level not reached
// comes with the reasons.
#pragma once

#include "evidence.h"
#include "result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace kiosk::proofing {

enum class Check {
    ChipRead,               // "chip_read"
    PrintedCardConsistent,  // "printed_card_consistent"
    CardStatusValid,        // "card_status_valid"
    FaceMatch,              // "face_match"
    LivenessLive,           // "liveness_live"
    ConsentRecorded,        // "consent_recorded"
};

QString checkName(Check check);
std::optional<Check> checkFromName(const QString& name);
QList<Check> allChecks();

// Deferred: the kiosk could not reach the backend for this check and hands
// it to the IdP, which performs it before granting the pending level.
enum class Outcome { Passed, Failed, NotPerformed, Deferred };
QString outcomeName(Outcome outcome);  // "passed", "failed", "not_performed", "deferred"

struct IalPolicy {
    struct Level {
        QString ial;  // "1.1" .. "3"
        QList<Check> required;
    };
    QString id = QStringLiteral("default-2.3/1");  // recorded in each ProofingRecord
    QList<Level> levels;
    QList<Check> fatalFailures;
    // Minimum face similarity on top of the matcher's own decision; 0 = the
    // matcher's threshold alone.
    double faceMinScore = 0;
    // The privacy notice's text the citizen accepts; a new text, a new version
    // (consent-2: the card's front is photographed too).
    QString consentTextVersion = QStringLiteral("consent-2");

    // IAL 2.3: chip read complete, printed card consistent with the chip,
    // card valid at DOPA by laser code, live face matching the chip photo,
    // consent recorded. Lower levels need less (see docs/proofing.md).
    static IalPolicy defaults();
    // The `proofing` object of kiosk.json; absent keys keep the defaults.
    static Result<IalPolicy, QString> fromJson(const QJsonObject& proofing);
};

struct CheckResult {
    Check check = Check::ChipRead;
    Outcome outcome = Outcome::NotPerformed;
    QString reason;          // short, no personal data
    QString evidenceSha256;  // SHA-256 of the evidence's canonical JSON; empty if none
    QJsonObject details;     // non-personal facts (scores, DOPA code, mismatched fields)
};

struct PolicyDecision {
    QString ial;  // highest level granted now; empty: none
    // The level the record asks for once the IdP has performed the deferred
    // checks and they passed; empty when nothing is deferred or it is not higher.
    QString pendingIal;
    bool rejected = false;  // a fatal check failed
    QList<CheckResult> checks;
    QStringList reasons;  // why no higher level, one line each
};

// -1, 0, 1 like strcmp, comparing "2.3" and "1.10" part by part.
int compareIal(const QString& a, const QString& b);

QList<CheckResult> evaluateChecks(const Evidence& evidence, const IalPolicy& policy);
PolicyDecision decide(const QList<CheckResult>& checks, const IalPolicy& policy);

}  // namespace kiosk::proofing
