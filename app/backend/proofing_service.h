// Runs one identity proofing against the government backends: gathers the
// evidence (chip, printed card / laser code, DOPA card status, consent, face
// and liveness through BiometricEvidenceSource, FVS), applies the IAL policy,
// signs the ProofingRecord with the device key, writes an audit entry, and
// raises the citizen's Digital ID account at the IdP. When the IdP cannot be
// reached the signed record waits, encrypted, in the outbox (delivered later,
// exactly once: same record id, idempotency key per item) and the citizen is
// told the upgrade is pending.
#pragma once

#include "dopa_client.h"
#include "evidence_sources.h"
#include "fvs_client.h"
#include "ial_policy.h"
#include "idp_client.h"
#include "outbox.h"
#include "proofing_record.h"

#include <QJsonObject>
#include <memory>

namespace kiosk::backend {

struct ProofingInput {
    proofing::ChipEvidence chip;
    QByteArray chipPhotoJpeg;  // reference face for the biometric source
    // OCR'd printed fields or a typed laser code; nullopt: neither.
    std::optional<proofing::PrintedCardReading> printed;
    std::optional<proofing::ConsentEvidence> consent;
    QString videoFile;
    QStringList challenges;
    QString sessionId;  // keeps the outbox order of this citizen's work
};

struct ProofingOutcome {
    enum class Delivery {
        Upgraded,   // the IdP raised the account
        Unchanged,  // the IdP already had this level or higher
        Pending,    // the IdP was unreachable: the record waits in the outbox
        Rejected,   // the IdP refused the record (e.g. signature)
        NotSent,    // nothing to send (no level granted, or no account)
    };
    proofing::PolicyDecision decision;
    QJsonObject record;  // signed; empty when signing failed
    Delivery delivery = Delivery::NotSent;
    QString deliveryDetail;
    QString outboxKey;   // when pending
    QString accountIal;  // the account's level after this run, when known
    std::optional<FaceVerifyResult> fvs;

    QJsonObject toJson() const;  // for kioskctl --json: no personal data
};

QString deliveryName(ProofingOutcome::Delivery delivery);

class ProofingService {
public:
    struct Parts {
        DopaClient* dopa = nullptr;
        FvsClient* fvs = nullptr;  // optional
        IdpClient* idp = nullptr;
        store::Outbox* outbox = nullptr;
        std::shared_ptr<proofing::RecordSigner> signer;
        proofing::BiometricEvidenceSource* biometrics = nullptr;  // optional
        proofing::IalPolicy policy = proofing::IalPolicy::defaults();
        QString kioskId;
        QString deviceId;
    };
    explicit ProofingService(Parts parts) : m_parts(std::move(parts)) {}

    Result<ProofingOutcome, QString> run(const ProofingInput& input);

private:
    Parts m_parts;
};

}  // namespace kiosk::backend
