// What travels between operators and kiosks: signed envelopes carrying a
// configuration bundle or a remote command, and the checks a kiosk makes
// before acting on either.
//
// Envelope (the signature is detached from the JSON it signs):
//   {"format":"smart-kiosk-signed-1","payload":"<base64 of the payload JSON>",
//    "signatures":[{"key_id":"<16 hex>","sig":"<base64 Ed25519>"}]}
// The signed bytes are kSignatureContext followed by the payload bytes
// exactly as sent, so no JSON canonicalisation is needed.
#pragma once

#include "ed25519.h"
#include "fleet_error.h"
#include "result.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>

namespace kiosk::fleet {

inline constexpr char kSignatureContext[] = "smart-kiosk-fleet-v1\n";

struct Limits {
    qsizetype maxBundleBytes = 64 * 1024;  // a whole kiosk.json is ~2 KiB
    qsizetype maxCommandBytes = 4 * 1024;
    qint64 maxCommandLifetimeS = 15 * 60;  // expires_at - issued_at
    qint64 clockSkewS = 120;               // tolerated difference with the operator's clock
    int maxRememberedNonces = 4096;
};

struct Target {
    QString kiosk;  // exactly one of kiosk/group is set
    QString group;
    bool matches(const QString& kioskId, const QString& kioskGroup) const;
    QJsonObject toJson() const;
    QString describe() const;                                      // "kiosk:ID" or "group:NAME"
    static Result<Target, FleetError> parse(const QString& spec);  // "kiosk:ID" | "group:NAME"
};

struct Opened {
    QByteArray payload;
    QJsonObject object;
    QString keyId;
};

// Wraps `payload` into a signed envelope.
Result<QByteArray, FleetError> seal(const QByteArray& payload, const SigningKey& key);

// Size, shape and signature checks, in that order. `trustedKeys` are raw
// 32-byte public keys.
Result<Opened, FleetError> openEnvelope(const QByteArray& wire, qsizetype maxBytes,
                                        const QList<QByteArray>& trustedKeys);

// Decodes fleet.trusted_keys (base64) into raw keys; bad entries are skipped.
QList<QByteArray> decodeTrustedKeys(const QStringList& base64Keys);

struct ConfigBundle {
    qint64 version = 0;
    Target target;
    QDateTime notBefore;
    QDateTime notAfter;
    QString description;
    QJsonObject patch;  // merge patch over the running configuration
    QString digest;     // SHA-256 (hex) of the payload, to recognise a re-delivery
    QString keyId;
};

struct FleetCommand {
    QString name;  // restart | upload-logs | retry-outbox | self-test
    QJsonObject args;
    Target target;
    QString nonce;
    QDateTime issuedAt;
    QDateTime expiresAt;
    QString keyId;
};

// Payload checks (schema, target, validity window). Version/replay checks
// need the agent's state and are made by the agent.
Result<ConfigBundle, FleetError> parseBundle(const Opened& opened, const QString& kioskId,
                                             const QString& group, const QDateTime& now,
                                             const Limits& limits = {});
Result<FleetCommand, FleetError> parseCommand(const Opened& opened, const QString& kioskId,
                                              const QString& group, const QDateTime& now,
                                              const Limits& limits = {});

// Builds payloads (operator side).
QByteArray bundlePayload(qint64 version, const Target& target, const QDateTime& notBefore,
                         const QDateTime& notAfter, const QJsonObject& patch,
                         const QString& description = {});
QByteArray commandPayload(const QString& name, const QJsonObject& args, const Target& target,
                          const QDateTime& issuedAt, const QDateTime& expiresAt,
                          QString* nonceOut = nullptr);

// RFC 7386 JSON merge patch.
QJsonObject mergePatch(const QJsonObject& target, const QJsonObject& patch);

// The configuration a bundle would produce from `running`, fully validated
// (schema + semantic rules of kiosk.json). A bundle may not change the
// kiosk's identity.
Result<QJsonObject, FleetError> candidateConfig(const QJsonObject& running,
                                                const ConfigBundle& bundle);

// Nonces of commands already run, kept until their command would have
// expired anyway, so memory stays bounded.
class ReplayGuard {
public:
    explicit ReplayGuard(int capacity = 4096) : m_capacity(capacity) {}
    // Replayed when the nonce was seen; Busy when the table is full.
    Result<void, FleetError> admit(const FleetCommand& command, const QDateTime& now, qint64 skewS);
    QJsonObject toJson() const;
    void restore(const QJsonObject& saved);
    int size() const { return static_cast<int>(m_seen.size()); }

private:
    void prune(qint64 nowMs, qint64 skewMs);
    int m_capacity;
    QHash<QString, qint64> m_seen;  // nonce -> expires_at (ms)
};

QString isoUtc(const QDateTime& t);  // 2026-11-23T08:00:00Z
QDateTime parseIsoUtc(const QString& s);

}  // namespace kiosk::fleet
