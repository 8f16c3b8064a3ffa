// First-boot provisioning creates a usable identity once, with private keys
// closed to others, and never replaces it.
#include "provisioning.h"

#include <openssl/pem.h>
#include <openssl/x509.h>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <memory>

using namespace kiosk::os;

namespace {

QByteArray read(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestProvisioning : public QObject {
    Q_OBJECT
private slots:
    void provision_emptyDataDir_identityCreated() {
        QTemporaryDir dir;
        const auto id = provision(dir.path(), QStringLiteral("KIOSK-TEST-0007"));
        QVERIFY2(id, id ? "" : qPrintable(id.error().message));
        QVERIFY(id->createdNow);
        QVERIFY(!QUuid::fromString(id->deviceId).isNull());
        for (const QString& secret : {id->signingKey, id->fleetKey}) {
            QCOMPARE(QFileInfo(secret).permissions() & (QFile::ReadGroup | QFile::ReadOther |
                                                        QFile::WriteGroup | QFile::WriteOther),
                     QFile::Permissions());
        }
        QCOMPARE(QFileInfo(dir.filePath(QStringLiteral("device"))).permissions() &
                     (QFile::ReadOther | QFile::ExeOther | QFile::ReadGroup),
                 QFile::Permissions());
    }

    void provision_enrolmentRequest_signedWithFleetKeyAndNamesDevice() {
        QTemporaryDir dir;
        const auto id = provision(dir.path(), QStringLiteral("KIOSK-TEST-0007"));
        QVERIFY(id);
        const QByteArray pem = read(id->enrolmentCsr);
        BIO* bio = BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size()));
        X509_REQ* req = PEM_read_bio_X509_REQ(bio, nullptr, nullptr, nullptr);
        BIO_free(bio);
        QVERIFY(req);
        EVP_PKEY* key = X509_REQ_get0_pubkey(req);
        QCOMPARE(X509_REQ_verify(req, key), 1);
        char cn[128] = {};
        X509_NAME_get_text_by_NID(X509_REQ_get_subject_name(req), NID_commonName, cn, sizeof(cn));
        char ou[128] = {};
        X509_NAME_get_text_by_NID(X509_REQ_get_subject_name(req), NID_organizationalUnitName, ou,
                                  sizeof(ou));
        QCOMPARE(QString::fromLatin1(cn), id->deviceId);
        QCOMPARE(QString::fromLatin1(ou), QStringLiteral("KIOSK-TEST-0007"));
        QCOMPARE(EVP_PKEY_get_base_id(key), EVP_PKEY_EC);
        X509_REQ_free(req);

        const QByteArray signing = read(id->signingPublic);
        bio = BIO_new_mem_buf(signing.constData(), static_cast<int>(signing.size()));
        EVP_PKEY* pub = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
        BIO_free(bio);
        QVERIFY(pub);
        QCOMPARE(EVP_PKEY_get_base_id(pub), EVP_PKEY_ED25519);
        EVP_PKEY_free(pub);
    }

    void provision_again_sameIdentityNothingReplaced() {
        QTemporaryDir dir;
        const auto first = provision(dir.path(), QStringLiteral("KIOSK-TEST-0007"));
        QVERIFY(first);
        const QByteArray key = read(first->signingKey);
        const auto second = provision(dir.path(), QStringLiteral("KIOSK-TEST-0007"));
        QVERIFY(second);
        QVERIFY(!second->createdNow);
        QCOMPARE(second->deviceId, first->deviceId);
        QCOMPARE(read(second->signingKey), key);
    }

    void provision_partialIdentity_completedKeepingExistingKey() {
        QTemporaryDir dir;
        const auto first = provision(dir.path(), QStringLiteral("KIOSK-TEST-0007"));
        QVERIFY(first);
        const QByteArray signing = read(first->signingKey);
        QVERIFY(QFile::remove(first->enrolmentCsr));  // e.g. power cut during first boot
        QVERIFY(!readIdentity(dir.path()));
        const auto again = provision(dir.path(), QStringLiteral("KIOSK-TEST-0007"));
        QVERIFY(again);
        QCOMPARE(again->deviceId, first->deviceId);
        QCOMPARE(read(again->signingKey), signing);
        QVERIFY(QFileInfo::exists(again->enrolmentCsr));
    }

    void readIdentity_notProvisioned_errorNamesFile() {
        QTemporaryDir dir;
        const auto id = readIdentity(dir.path());
        QVERIFY(!id);
        QVERIFY(id.error().message.contains(QStringLiteral("device-id")));
    }

    void provision_unwritableDataDir_error() {
        const auto id =
            provision(QStringLiteral("/proc/kiosk-cannot-write-here"), QStringLiteral("K"));
        QVERIFY(!id);
        QVERIFY(!id.error().message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestProvisioning)
#include "tst_provisioning.moc"
