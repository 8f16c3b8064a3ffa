#include "proofing_record.h"

#include "canonical_json.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <QFile>
#include <QJsonArray>

namespace kiosk::proofing {

namespace {

struct BioFree {
    void operator()(BIO* b) const { BIO_free(b); }
};
struct PkeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using Bio = std::unique_ptr<BIO, BioFree>;
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

Bio memBio(const QByteArray& data) {
    return Bio(BIO_new_mem_buf(data.constData(), static_cast<int>(data.size())));
}

QByteArray publicDer(EVP_PKEY* key) {
    unsigned char* der = nullptr;
    const int n = i2d_PUBKEY(key, &der);
    if (n <= 0) {
        return {};
    }
    QByteArray out(reinterpret_cast<const char*>(der), n);
    OPENSSL_free(der);
    return out;
}

QByteArray publicPem(EVP_PKEY* key) {
    Bio bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), key) != 1) {
        return {};
    }
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, static_cast<qsizetype>(n));
}

}  // namespace

QJsonObject buildRecordBody(const RecordInput& in) {
    QJsonArray checks;
    for (const CheckResult& c : in.decision.checks) {
        checks.append(QJsonObject{{QStringLiteral("name"), checkName(c.check)},
                                  {QStringLiteral("outcome"), outcomeName(c.outcome)},
                                  {QStringLiteral("reason"), c.reason},
                                  {QStringLiteral("evidence_sha256"), c.evidenceSha256},
                                  {QStringLiteral("details"), c.details}});
    }
    return {{QStringLiteral("format"), QString::fromLatin1(kRecordFormat)},
            {QStringLiteral("record_id"), in.recordId},
            {QStringLiteral("kiosk_id"), in.kioskId},
            {QStringLiteral("device_id"), in.deviceId},
            {QStringLiteral("subject"), QJsonObject{{QStringLiteral("cid"), in.cid}}},
            {QStringLiteral("created_at"), in.at.toUTC().toString(Qt::ISODateWithMs)},
            {QStringLiteral("policy_id"), in.policyId},
            {QStringLiteral("ial"), in.decision.ial},
            {QStringLiteral("pending_ial"), in.decision.pendingIal},
            {QStringLiteral("deferred"), in.deferred},
            {QStringLiteral("rejected"), in.decision.rejected},
            {QStringLiteral("reasons"), QJsonArray::fromStringList(in.decision.reasons)},
            {QStringLiteral("checks"), checks}};
}

QByteArray signedBytes(const QJsonObject& record) {
    QJsonObject body = record;
    body.remove(QLatin1String("signature"));
    return canonicalJson(body);
}

Result<std::shared_ptr<RecordSigner>, SignError> RecordSigner::fromPemFile(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return fail(SignError{QStringLiteral("%1: %2").arg(path, f.errorString())});
    }
    auto r = fromPem(f.readAll());
    if (!r) {
        return fail(SignError{QStringLiteral("%1: %2").arg(path, r.error().message)});
    }
    return r;
}

Result<std::shared_ptr<RecordSigner>, SignError> RecordSigner::fromPem(const QByteArray& pem) {
    Bio bio = memBio(pem);
    Pkey key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!key) {
        return fail(SignError{QStringLiteral("not a PEM private key")});
    }
    if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_ED25519) {
        return fail(SignError{QStringLiteral("not an Ed25519 key")});
    }
    std::shared_ptr<RecordSigner> s(new RecordSigner);
    s->m_publicPem = publicPem(key.get());
    s->m_keyId = sha256Hex(publicDer(key.get()));
    s->m_key = key.release();
    return s;
}

RecordSigner::~RecordSigner() {
    EVP_PKEY_free(static_cast<EVP_PKEY*>(m_key));
}

Result<QJsonObject, SignError> RecordSigner::sign(const QJsonObject& body) const {
    const QByteArray msg = signedBytes(body);
    MdCtx ctx(EVP_MD_CTX_new());
    size_t len = 0;
    if (!ctx ||
        EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, static_cast<EVP_PKEY*>(m_key)) !=
            1 ||
        EVP_DigestSign(ctx.get(), nullptr, &len,
                       reinterpret_cast<const unsigned char*>(msg.constData()),
                       static_cast<size_t>(msg.size())) != 1) {
        return fail(SignError{QStringLiteral("signing failed")});
    }
    QByteArray sig(static_cast<qsizetype>(len), '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                       reinterpret_cast<const unsigned char*>(msg.constData()),
                       static_cast<size_t>(msg.size())) != 1) {
        return fail(SignError{QStringLiteral("signing failed")});
    }
    sig.resize(static_cast<qsizetype>(len));
    QJsonObject out = body;
    out.insert(QStringLiteral("signature"),
               QJsonObject{{QStringLiteral("alg"), QStringLiteral("Ed25519")},
                           {QStringLiteral("key_id"), m_keyId},
                           {QStringLiteral("value"), QString::fromLatin1(sig.toBase64())}});
    return out;
}

QString keyIdForPublicKey(const QByteArray& pem) {
    Bio bio = memBio(pem);
    Pkey key(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    return key ? sha256Hex(publicDer(key.get())) : QString();
}

Result<void, SignError> verifyRecord(const QJsonObject& record, const QByteArray& pem) {
    const QJsonObject sig = record.value(QLatin1String("signature")).toObject();
    if (sig.isEmpty()) {
        return fail(SignError{QStringLiteral("record is not signed")});
    }
    if (sig.value(QLatin1String("alg")).toString() != QLatin1String("Ed25519")) {
        return fail(SignError{QStringLiteral("unsupported signature algorithm")});
    }
    Bio bio = memBio(pem);
    Pkey key(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_ED25519) {
        return fail(SignError{QStringLiteral("not an Ed25519 public key")});
    }
    if (sig.value(QLatin1String("key_id")).toString() != sha256Hex(publicDer(key.get()))) {
        return fail(SignError{QStringLiteral("signed with another key")});
    }
    const QByteArray value =
        QByteArray::fromBase64(sig.value(QLatin1String("value")).toString().toLatin1());
    const QByteArray msg = signedBytes(record);
    MdCtx ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1 ||
        EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(value.constData()),
                         static_cast<size_t>(value.size()),
                         reinterpret_cast<const unsigned char*>(msg.constData()),
                         static_cast<size_t>(msg.size())) != 1) {
        return fail(SignError{QStringLiteral("signature does not verify")});
    }
    return {};
}

}  // namespace kiosk::proofing
