#include "test_pki.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>
#include <QFile>
#include <memory>

namespace kiosk::sim {

namespace {

struct Free {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
    void operator()(X509* p) const { X509_free(p); }
    void operator()(BIO* p) const { BIO_free(p); }
};
using Key = std::unique_ptr<EVP_PKEY, Free>;
using Cert = std::unique_ptr<X509, Free>;

QString opensslError(const char* what) {
    char buf[256] = {};
    ERR_error_string_n(ERR_get_error(), buf, sizeof(buf));
    return QStringLiteral("%1: %2").arg(QLatin1String(what), QLatin1String(buf));
}

bool addExtension(X509* cert, X509* issuer, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!ext) {
        return false;
    }
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

Result<Cert, QString> makeCert(EVP_PKEY* key, const char* commonName, X509* issuer,
                               EVP_PKEY* issuerKey, bool isCa, const char* extendedUsage,
                               const char* subjectAltName) {
    Cert cert(X509_new());
    unsigned char serial[16];
    RAND_bytes(serial, sizeof(serial));
    serial[0] &= 0x7f;
    BIGNUM* bn = BN_bin2bn(serial, sizeof(serial), nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    X509_set_version(cert.get(), 2);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 60L * 60 * 24 * 30);
    X509_set_pubkey(cert.get(), key);
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("Smart Kiosk test"), -1, -1,
                               0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(commonName), -1, -1, 0);
    X509* signer = issuer ? issuer : cert.get();
    X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
    bool ok = true;
    if (isCa) {
        ok = ok && addExtension(cert.get(), signer, NID_basic_constraints, "critical,CA:TRUE");
        ok = ok && addExtension(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        ok = ok && addExtension(cert.get(), signer, NID_basic_constraints, "critical,CA:FALSE");
        ok = ok && addExtension(cert.get(), signer, NID_key_usage, "critical,digitalSignature");
        ok = ok && addExtension(cert.get(), signer, NID_ext_key_usage, extendedUsage);
    }
    if (subjectAltName) {
        ok = ok && addExtension(cert.get(), signer, NID_subject_alt_name, subjectAltName);
    }
    ok = ok && addExtension(cert.get(), signer, NID_subject_key_identifier, "hash");
    if (!ok) {
        return fail(opensslError("certificate extension"));
    }
    if (X509_sign(cert.get(), issuerKey ? issuerKey : key, EVP_sha256()) == 0) {
        return fail(opensslError("certificate signature"));
    }
    return cert;
}

Result<void, QString> writePem(const QString& path, X509* cert, EVP_PKEY* key) {
    std::unique_ptr<BIO, Free> bio(BIO_new(BIO_s_mem()));
    const bool ok =
        cert ? PEM_write_bio_X509(bio.get(), cert) == 1
             : PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
    if (!ok) {
        return fail(opensslError("PEM encoding"));
    }
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return fail(QStringLiteral("%1: %2").arg(path, f.errorString()));
    }
    if (key) {
        f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    }
    if (f.write(data, len) != len) {
        return fail(QStringLiteral("%1: %2").arg(path, f.errorString()));
    }
    return {};
}

}  // namespace

Result<TestPki, QString> TestPki::create(const QString& dir, const QString& clientCommonName) {
    Key caKey(EVP_EC_gen("P-256"));
    Key serverKey(EVP_EC_gen("P-256"));
    Key clientKey(EVP_EC_gen("P-256"));
    if (!caKey || !serverKey || !clientKey) {
        return fail(opensslError("key generation"));
    }
    auto ca =
        makeCert(caKey.get(), "Smart Kiosk simulator CA", nullptr, nullptr, true, nullptr, nullptr);
    if (!ca) {
        return fail(ca.error());
    }
    auto server = makeCert(serverKey.get(), "localhost", ca->get(), caKey.get(), false,
                           "serverAuth", "DNS:localhost,IP:127.0.0.1,IP:::1");
    if (!server) {
        return fail(server.error());
    }
    const QByteArray cn = clientCommonName.toLatin1();
    auto client = makeCert(clientKey.get(), cn.constData(), ca->get(), caKey.get(), false,
                           "clientAuth", nullptr);
    if (!client) {
        return fail(client.error());
    }
    TestPki pki{dir + QStringLiteral("/ca.pem"), dir + QStringLiteral("/server.pem"),
                dir + QStringLiteral("/server.key"), dir + QStringLiteral("/client.pem"),
                dir + QStringLiteral("/client.key")};
    for (const auto& r : {writePem(pki.caCert, ca->get(), nullptr),
                          writePem(pki.serverCert, server->get(), nullptr),
                          writePem(pki.serverKey, nullptr, serverKey.get()),
                          writePem(pki.clientCert, client->get(), nullptr),
                          writePem(pki.clientKey, nullptr, clientKey.get())}) {
        if (!r) {
            return fail(r.error());
        }
    }
    return pki;
}

}  // namespace kiosk::sim
