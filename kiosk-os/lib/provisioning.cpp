#include "provisioning.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QUuid>
#include <memory>

namespace kiosk::os {

namespace {

struct Free {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
    void operator()(BIO* p) const { BIO_free(p); }
    void operator()(X509_REQ* p) const { X509_REQ_free(p); }
};
using Key = std::unique_ptr<EVP_PKEY, Free>;

QString opensslError(const char* what) {
    char buf[256] = {};
    ERR_error_string_n(ERR_get_error(), buf, sizeof(buf));
    return QStringLiteral("%1: %2").arg(QLatin1String(what), QLatin1String(buf));
}

QByteArray bioBytes(BIO* bio) {
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    return QByteArray(data, len);
}

Result<void, ProvisionError> writeFile(const QString& path, const QByteArray& data, bool secret) {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        return fail(ProvisionError{QStringLiteral("%1: %2").arg(path, f.errorString())});
    }
    // Restrict before any secret byte reaches the disk.
    f.setPermissions(
        secret ? (QFile::ReadOwner | QFile::WriteOwner)
               : (QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
    if (f.write(data) != data.size() || !f.commit()) {
        return fail(ProvisionError{QStringLiteral("%1: %2").arg(path, f.errorString())});
    }
    return {};
}

Result<Key, ProvisionError> loadPrivateKey(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return fail(ProvisionError{QStringLiteral("%1: %2").arg(path, f.errorString())});
    }
    const QByteArray pem = f.readAll();
    std::unique_ptr<BIO, Free> bio(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
    Key key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    if (!key) {
        return fail(ProvisionError{QStringLiteral("%1: not a private key").arg(path)});
    }
    return key;
}

Result<Key, ProvisionError> ensureKey(const QString& path, const char* algorithm) {
    if (QFileInfo::exists(path)) {
        return loadPrivateKey(path);
    }
    Key key(QByteArray(algorithm) == "ED25519"
                ? EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519")
                : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    if (!key) {
        return fail(ProvisionError{opensslError("key generation")});
    }
    std::unique_ptr<BIO, Free> bio(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) !=
        1) {
        return fail(ProvisionError{opensslError("key encoding")});
    }
    if (auto w = writeFile(path, bioBytes(bio.get()), true); !w) {
        return fail(w.error());
    }
    return key;
}

Result<QByteArray, ProvisionError> publicPem(EVP_PKEY* key) {
    std::unique_ptr<BIO, Free> bio(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_PUBKEY(bio.get(), key) != 1) {
        return fail(ProvisionError{opensslError("public key encoding")});
    }
    return bioBytes(bio.get());
}

Result<QByteArray, ProvisionError> enrolmentRequest(EVP_PKEY* key, const QString& deviceId,
                                                    const QString& kioskId) {
    std::unique_ptr<X509_REQ, Free> req(X509_REQ_new());
    X509_REQ_set_version(req.get(), 0);
    X509_NAME* name = X509_REQ_get_subject_name(req.get());
    const QByteArray cn = deviceId.toLatin1();
    const QByteArray ou = kioskId.toLatin1();
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("Smart Kiosk"), -1, -1, 0);
    if (!ou.isEmpty()) {
        X509_NAME_add_entry_by_txt(name, "OU", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char*>(ou.constData()), -1, -1,
                                   0);
    }
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(cn.constData()), -1, -1, 0);
    X509_REQ_set_pubkey(req.get(), key);
    if (X509_REQ_sign(req.get(), key, EVP_sha256()) == 0) {
        return fail(ProvisionError{opensslError("request signature")});
    }
    std::unique_ptr<BIO, Free> bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509_REQ(bio.get(), req.get());
    return bioBytes(bio.get());
}

DeviceIdentity pathsIn(const QString& dir) {
    DeviceIdentity id;
    id.signingKey = dir + QStringLiteral("/signing-key.pem");
    id.signingPublic = dir + QStringLiteral("/signing-key.pub.pem");
    id.fleetKey = dir + QStringLiteral("/fleet-key.pem");
    id.enrolmentCsr = dir + QStringLiteral("/fleet-enrolment.csr");
    return id;
}

}  // namespace

Result<DeviceIdentity, ProvisionError> readIdentity(const QString& dataDir) {
    const QString dir = dataDir + QStringLiteral("/device");
    DeviceIdentity id = pathsIn(dir);
    QFile f(dir + QStringLiteral("/device-id"));
    if (!f.open(QIODevice::ReadOnly)) {
        return fail(
            ProvisionError{QStringLiteral("not provisioned: %1 is missing").arg(f.fileName())});
    }
    id.deviceId = QString::fromLatin1(f.readAll()).trimmed();
    if (QUuid::fromString(id.deviceId).isNull()) {
        return fail(
            ProvisionError{QStringLiteral("%1 does not hold a device id").arg(f.fileName())});
    }
    for (const QString& p : {id.signingKey, id.signingPublic, id.fleetKey, id.enrolmentCsr}) {
        if (!QFileInfo::exists(p)) {
            return fail(ProvisionError{QStringLiteral("not provisioned: %1 is missing").arg(p)});
        }
    }
    return id;
}

Result<DeviceIdentity, ProvisionError> provision(const QString& dataDir, const QString& kioskId) {
    if (auto existing = readIdentity(dataDir)) {
        return existing;
    }
    const QString dir = dataDir + QStringLiteral("/device");
    if (!QDir().mkpath(dir)) {
        return fail(ProvisionError{QStringLiteral("cannot create %1").arg(dir)});
    }
    QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    DeviceIdentity id = pathsIn(dir);
    id.createdNow = true;

    const QString idFile = dir + QStringLiteral("/device-id");
    QFile existingId(idFile);
    if (existingId.open(QIODevice::ReadOnly) &&
        !QUuid::fromString(existingId.readAll().trimmed()).isNull()) {
        existingId.seek(0);
        id.deviceId = QString::fromLatin1(existingId.readAll()).trimmed();
    } else {
        id.deviceId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        if (auto w = writeFile(idFile, id.deviceId.toLatin1() + '\n', false); !w) {
            return fail(w.error());
        }
    }
    auto signing = ensureKey(id.signingKey, "ED25519");
    if (!signing) {
        return fail(signing.error());
    }
    auto pub = publicPem(signing->get());
    if (!pub) {
        return fail(pub.error());
    }
    if (auto w = writeFile(id.signingPublic, *pub, false); !w) {
        return fail(w.error());
    }
    auto fleet = ensureKey(id.fleetKey, "EC");
    if (!fleet) {
        return fail(fleet.error());
    }
    auto csr = enrolmentRequest(fleet->get(), id.deviceId, kioskId);
    if (!csr) {
        return fail(csr.error());
    }
    if (auto w = writeFile(id.enrolmentCsr, *csr, false); !w) {
        return fail(w.error());
    }
    return id;
}

}  // namespace kiosk::os
