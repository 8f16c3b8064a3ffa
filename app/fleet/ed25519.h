// Ed25519 keys for signing fleet bundles and commands (OpenSSL 3 EVP).
// Operators hold the private key; kiosks are configured with the public key
// as 32 raw bytes in base64 (fleet.trusted_keys).
#pragma once

#include "fleet_error.h"
#include "result.h"

#include <QByteArray>
#include <QString>
#include <memory>

typedef struct evp_pkey_st EVP_PKEY;

namespace kiosk::fleet {

class SigningKey {
public:
    static Result<SigningKey, FleetError> generate();
    static Result<SigningKey, FleetError> fromPem(const QByteArray& pem);
    static Result<SigningKey, FleetError> fromFile(const QString& path);

    QByteArray privatePem() const;  // PKCS#8
    QByteArray publicRaw() const;   // 32 bytes
    QString publicBase64() const { return QString::fromLatin1(publicRaw().toBase64()); }
    QString keyId() const;
    Result<QByteArray, FleetError> sign(const QByteArray& message) const;

    // Writes the private key (0600) to `path`.
    Result<void, FleetError> save(const QString& path) const;

private:
    std::shared_ptr<EVP_PKEY> m_key;
};

// A short, stable name for a public key: hex of the first 8 bytes of its SHA-256.
QString keyIdOf(const QByteArray& publicRaw);

// True when `signature` is a valid Ed25519 signature of `message` by `publicRaw`.
bool verifyEd25519(const QByteArray& publicRaw, const QByteArray& message,
                   const QByteArray& signature);

}  // namespace kiosk::fleet
