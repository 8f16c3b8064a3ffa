// The signed ProofingRecord: it verifies with the device's public key, every
// change to it (an outcome, the level, the subject, a hash) breaks the
// signature, and it carries hashes, never raw images.
#include "ial_policy.h"
#include "proofing_fixtures.h"
#include "proofing_record.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace kiosk::proofing;

namespace {

QByteArray newEd25519Pem() {
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    QByteArray pem(data, static_cast<qsizetype>(n));
    BIO_free(bio);
    EVP_PKEY_free(key);
    return pem;
}

QJsonObject body() {
    const IalPolicy p = IalPolicy::defaults();
    const Evidence e = kiosk::test::fullEvidence();
    return buildRecordBody({QStringLiteral("6f1c2a9e-8d5b-4f1e-9a3c-0b7d2e4f6a81"),
                            QStringLiteral("KIOSK-TEST-0001"),
                            QStringLiteral("dev-1"),
                            e.chip->cid,
                            QDateTime::fromMSecsSinceEpoch(1795000000000, Qt::UTC),
                            p.id,
                            decide(evaluateChecks(e, p), p),
                            {}});
}

}  // namespace

class TestProofingRecord : public QObject {
    Q_OBJECT
private:
    std::shared_ptr<RecordSigner> m_signer;

private slots:
    void initTestCase() {
        auto s = RecordSigner::fromPem(newEd25519Pem());
        QVERIFY2(s.has_value(), qPrintable(s.has_value() ? QString() : s.error().message));
        m_signer = *s;
    }

    void sign_thenVerify_ok() {
        const auto rec = m_signer->sign(body());
        QVERIFY(rec.has_value());
        QCOMPARE(rec->value(QLatin1String("ial")).toString(), QStringLiteral("2.3"));
        const auto v = verifyRecord(*rec, m_signer->publicKeyPem());
        QVERIFY2(v.has_value(), qPrintable(v.has_value() ? QString() : v.error().message));
        QCOMPARE(rec->value(QLatin1String("signature"))
                     .toObject()
                     .value(QLatin1String("key_id"))
                     .toString(),
                 keyIdForPublicKey(m_signer->publicKeyPem()));
    }

    void verify_afterJsonRoundTrip_ok() {
        // The IdP receives text, possibly re-ordered and re-indented.
        const auto rec = m_signer->sign(body());
        const QJsonObject back =
            QJsonDocument::fromJson(QJsonDocument(*rec).toJson(QJsonDocument::Indented)).object();
        QVERIFY(verifyRecord(back, m_signer->publicKeyPem()).has_value());
    }

    void sign_sameBody_sameSignature() {
        // Ed25519 is deterministic: the same canonical bytes give the same signature.
        const auto a = m_signer->sign(body());
        const auto b = m_signer->sign(body());
        QCOMPARE(a->value(QLatin1String("signature")), b->value(QLatin1String("signature")));
    }

    void verify_tampered_rejected_data() {
        QTest::addColumn<QString>("what");
        QTest::newRow("level raised") << "ial";
        QTest::newRow("outcome changed") << "outcome";
        QTest::newRow("subject swapped") << "cid";
        QTest::newRow("evidence hash changed") << "hash";
        QTest::newRow("signature bit flipped") << "signature";
        QTest::newRow("signature removed") << "unsigned";
    }
    void verify_tampered_rejected() {
        QFETCH(QString, what);
        QJsonObject rec = *m_signer->sign(body());
        if (what == QLatin1String("ial")) {
            rec.insert(QStringLiteral("ial"), QStringLiteral("3"));
        } else if (what == QLatin1String("outcome") || what == QLatin1String("hash")) {
            QJsonArray checks = rec.value(QLatin1String("checks")).toArray();
            QJsonObject c = checks[3].toObject();
            if (what == QLatin1String("outcome")) {
                c.insert(QStringLiteral("outcome"), QStringLiteral("failed"));
            } else {
                c.insert(QStringLiteral("evidence_sha256"), QString(64, QLatin1Char('0')));
            }
            checks[3] = c;
            rec.insert(QStringLiteral("checks"), checks);
        } else if (what == QLatin1String("cid")) {
            rec.insert(QStringLiteral("subject"),
                       QJsonObject{{QStringLiteral("cid"), QStringLiteral("3509900456122")}});
        } else if (what == QLatin1String("signature")) {
            QJsonObject sig = rec.value(QLatin1String("signature")).toObject();
            QByteArray raw =
                QByteArray::fromBase64(sig.value(QLatin1String("value")).toString().toLatin1());
            raw[5] = static_cast<char>(raw[5] ^ 0x01);
            sig.insert(QStringLiteral("value"), QString::fromLatin1(raw.toBase64()));
            rec.insert(QStringLiteral("signature"), sig);
        } else {
            rec.remove(QStringLiteral("signature"));
        }
        const auto v = verifyRecord(rec, m_signer->publicKeyPem());
        QVERIFY(!v.has_value());
    }

    void verify_otherKey_rejectedNamingKey() {
        const auto rec = m_signer->sign(body());
        auto other = RecordSigner::fromPem(newEd25519Pem());
        const auto v = verifyRecord(*rec, (*other)->publicKeyPem());
        QVERIFY(!v.has_value());
        QVERIFY(v.error().message.contains(QStringLiteral("another key")));
    }

    void record_noRawImages_onlyHashes() {
        const QByteArray text = QJsonDocument(*m_signer->sign(body())).toJson();
        QVERIFY(text.size() < 8000);
        QVERIFY(!text.contains("สมชาย"));  // names stay out of the record
        QVERIFY(!text.contains("/9j/"));   // no base64 JPEG
        const QJsonArray checks =
            QJsonDocument::fromJson(text).object().value(QLatin1String("checks")).toArray();
        QCOMPARE(checks.size(), 6);
    }

    void fromPem_notEd25519_error() {
        EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
        BIO* bio = BIO_new(BIO_s_mem());
        PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
        char* data = nullptr;
        const long n = BIO_get_mem_data(bio, &data);
        const QByteArray pem(data, static_cast<qsizetype>(n));
        BIO_free(bio);
        EVP_PKEY_free(key);
        QVERIFY(!RecordSigner::fromPem(pem).has_value());
        QVERIFY(!RecordSigner::fromPem("garbage").has_value());
    }
};

QTEST_GUILESS_MAIN(TestProofingRecord)
#include "tst_proofing_record.moc"
