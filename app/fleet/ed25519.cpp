#include "ed25519.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <QCryptographicHash>
#include <QFile>
#include <QSaveFile>

namespace kiosk::fleet {

namespace {

QString opensslError(const char* what) {
    char buf[256] = {};
    ERR_error_string_n(ERR_get_error(), buf, sizeof(buf));
    return QStringLiteral("%1: %2").arg(QLatin1String(what), QLatin1String(buf));
}

struct MdCtxFree {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

}  // namespace

Result<SigningKey, FleetError> SigningKey::generate() {
    EVP_PKEY* raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    if (!raw) {
        return fail(fleetError(FleetError::Code::Crypto, opensslError("Ed25519 key generation")));
    }
    SigningKey k;
    k.m_key.reset(raw, EVP_PKEY_free);
    return k;
}

Result<SigningKey, FleetError> SigningKey::fromPem(const QByteArray& pem) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.constData(), pem.size()),
                                                  BIO_free);
    EVP_PKEY* raw = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
    if (!raw) {
        return fail(fleetError(FleetError::Code::Crypto, opensslError("private key")));
    }
    if (EVP_PKEY_get_id(raw) != EVP_PKEY_ED25519) {
        EVP_PKEY_free(raw);
        return fail(fleetError(FleetError::Code::Crypto, QStringLiteral("not an Ed25519 key")));
    }
    SigningKey k;
    k.m_key.reset(raw, EVP_PKEY_free);
    return k;
}

Result<SigningKey, FleetError> SigningKey::fromFile(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return fail(
            fleetError(FleetError::Code::Io, path + QStringLiteral(": ") + f.errorString()));
    }
    return fromPem(f.readAll());
}

QByteArray SigningKey::privatePem() const {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    if (!m_key || PEM_write_bio_PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr,
                                           nullptr) != 1) {
        return {};
    }
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, static_cast<qsizetype>(len));
}

QByteArray SigningKey::publicRaw() const {
    QByteArray out(32, '\0');
    size_t len = static_cast<size_t>(out.size());
    if (!m_key || EVP_PKEY_get_raw_public_key(
                      m_key.get(), reinterpret_cast<unsigned char*>(out.data()), &len) != 1) {
        return {};
    }
    out.resize(static_cast<qsizetype>(len));
    return out;
}

QString SigningKey::keyId() const {
    return keyIdOf(publicRaw());
}

Result<QByteArray, FleetError> SigningKey::sign(const QByteArray& message) const {
    MdCtx ctx(EVP_MD_CTX_new());
    size_t len = 0;
    if (!m_key || !ctx ||
        EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, m_key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &len,
                       reinterpret_cast<const unsigned char*>(message.constData()),
                       static_cast<size_t>(message.size())) != 1) {
        return fail(fleetError(FleetError::Code::Crypto, opensslError("Ed25519 sign")));
    }
    QByteArray sig(static_cast<qsizetype>(len), '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                       reinterpret_cast<const unsigned char*>(message.constData()),
                       static_cast<size_t>(message.size())) != 1) {
        return fail(fleetError(FleetError::Code::Crypto, opensslError("Ed25519 sign")));
    }
    sig.resize(static_cast<qsizetype>(len));
    return sig;
}

Result<void, FleetError> SigningKey::save(const QString& path) const {
    const QByteArray pem = privatePem();
    QSaveFile f(path);
    if (pem.isEmpty() || !f.open(QIODevice::WriteOnly)) {
        return fail(
            fleetError(FleetError::Code::Io, path + QStringLiteral(": ") + f.errorString()));
    }
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    f.write(pem);
    if (!f.commit()) {
        return fail(
            fleetError(FleetError::Code::Io, path + QStringLiteral(": ") + f.errorString()));
    }
    return {};
}

QString keyIdOf(const QByteArray& publicRaw) {
    return QString::fromLatin1(
        QCryptographicHash::hash(publicRaw, QCryptographicHash::Sha256).left(8).toHex());
}

bool verifyEd25519(const QByteArray& publicRaw, const QByteArray& message,
                   const QByteArray& signature) {
    if (publicRaw.size() != 32 || signature.size() != 64) {
        return false;
    }
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                    reinterpret_cast<const unsigned char*>(publicRaw.constData()),
                                    static_cast<size_t>(publicRaw.size())),
        EVP_PKEY_free);
    MdCtx ctx(EVP_MD_CTX_new());
    if (!key || !ctx ||
        EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1) {
        ERR_clear_error();
        return false;
    }
    const int rc =
        EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.constData()),
                         static_cast<size_t>(signature.size()),
                         reinterpret_cast<const unsigned char*>(message.constData()),
                         static_cast<size_t>(message.size()));
    ERR_clear_error();
    return rc == 1;
}

}  // namespace kiosk::fleet
