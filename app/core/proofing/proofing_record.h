// The ProofingRecord: what the kiosk asserts about one proofing, for the
// Digital ID IdP. It lists each check, its outcome and the SHA-256 of its
// evidence (never raw images or templates), the level granted under which
// policy, and is signed with the device's Ed25519 key (DATA_DIR/device/
// signing-key.pem, made by provisioning).
//
// A record may ask for a `pending_ial` that the IdP grants only after it has
// performed the `deferred` checks itself (today: the DOPA card status, when
// the kiosk could not reach DOPA); those carry the inputs the check needs.
//
// Wire form: one JSON object. The signature covers the canonical encoding
// (canonical_json.h) of the object without its "signature" member:
//   "signature": {"alg": "Ed25519", "key_id": <sha256 hex of the public key's
//                 DER SubjectPublicKeyInfo>, "value": <base64 signature>}
#pragma once

#include "ial_policy.h"
#include "result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <memory>

namespace kiosk::proofing {

inline constexpr char kRecordFormat[] = "kiosk-proofing-record/1";

struct RecordInput {
    QString recordId;  // UUID
    QString kioskId;
    QString deviceId;
    QString cid;  // the subject; the IdP needs it to find the account
    QDateTime at;
    QString policyId;
    PolicyDecision decision;
    // What the IdP needs to perform deferred checks, by check name; e.g.
    // card_status_valid -> {"first_name_th","last_name_th","birth_date_be","laser_code"}
    // (the DOPA inputs besides the subject's CID). Empty when nothing is deferred.
    QJsonObject deferred;
};

// The unsigned record body.
QJsonObject buildRecordBody(const RecordInput& input);

// The bytes the signature covers: canonical JSON of `record` minus "signature".
QByteArray signedBytes(const QJsonObject& record);

struct SignError {
    QString message;
};

class RecordSigner {
public:
    // A PEM private key (Ed25519). Errors name the file, never its content.
    static Result<std::shared_ptr<RecordSigner>, SignError> fromPemFile(const QString& path);
    static Result<std::shared_ptr<RecordSigner>, SignError> fromPem(const QByteArray& pem);
    ~RecordSigner();

    // Returns `body` with its "signature" member.
    Result<QJsonObject, SignError> sign(const QJsonObject& body) const;
    QString keyId() const { return m_keyId; }
    QByteArray publicKeyPem() const { return m_publicPem; }

private:
    RecordSigner() = default;
    void* m_key = nullptr;  // EVP_PKEY*
    QString m_keyId;
    QByteArray m_publicPem;
};

// sha256 hex of the DER SubjectPublicKeyInfo of a PEM public key; empty if unreadable.
QString keyIdForPublicKey(const QByteArray& publicPem);

// Checks the record's signature with `publicPem`. The error says what is wrong
// (no signature, other key, bad signature) without echoing the record.
Result<void, SignError> verifyRecord(const QJsonObject& record, const QByteArray& publicPem);

}  // namespace kiosk::proofing
