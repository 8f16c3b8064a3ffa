// Identity proofing end to end: the virtual Thai ID card read over pcscd,
// portal-sim's DOPA, FVS and Digital ID IdP over mutual TLS, the device's
// provisioned Ed25519 key, the encrypted outbox. Face and liveness evidence
// come through BiometricEvidenceSource (a test source standing in for the
// vision stack, as the kiosk's will). One test per failure the issue names.
#include "backend_parsers.h"
#include "https_outbox_transport.h"
#include "pcsc_card_reader.h"
#include "portal_client.h"
#include "proof_support.h"
#include "proofing_service.h"
#include "provisioning.h"
#include "sim_rig.h"
#include "store.h"
#include "sync_worker.h"
#include "test_env.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace kiosk;
using namespace kiosk::proofing;

namespace {

const QString kKioskId = QStringLiteral("KIOSK-E2E-0001");

QString cardFile(const QString& name) {
    return test::sourceDir() + QStringLiteral("/sim/cards/") + name + QStringLiteral(".json");
}

// Stands in for vision/face + vision/liveness: returns what the test sets,
// and counts how often it was asked (it must not be without consent).
class TestBiometrics : public BiometricEvidenceSource {
public:
    std::optional<FaceEvidence> face;
    std::optional<LivenessEvidence> liveness;
    int calls = 0;
    QString lastVideo;
    QStringList lastChallenges;

    Outcome collect(const Request& request) override {
        ++calls;
        lastVideo = request.videoFile;
        lastChallenges = request.challenges;
        Outcome o;
        o.face = face;
        o.liveness = liveness;
        o.probeFaceJpeg = request.chipPhotoJpeg;  // a real JPEG for FVS
        return o;
    }

    void matching() {
        FaceEvidence f;
        f.score = 0.83;
        f.distance = 0.36;
        f.threshold = 0.6;
        f.match = true;
        f.qualityOk = true;
        f.probeFrameSha256 = sha256Hex("frame 118 of the clip");
        face = f;
        LivenessEvidence l;
        l.decision = LivenessEvidence::Decision::Live;
        l.cueScores.insert(QStringLiteral("blink"), 0.94);
        l.cueScores.insert(QStringLiteral("texture"), 0.81);
        l.challenges = {{QStringLiteral("turn_left"), true, 1400},
                        {QStringLiteral("blink"), true, 3100}};
        liveness = l;
    }
};

}  // namespace

class TestProofingE2e : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<sim::SimRig> m_rig;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    os::DeviceIdentity m_identity;
    backend::BackendSettings m_tls;
    std::unique_ptr<store::FileKeyStore> m_keys;
    std::unique_ptr<store::Store> m_store;
    std::unique_ptr<store::Outbox> m_outbox;
    card::CardData m_somchai;
    TestBiometrics m_bio;

    backend::ServiceSettings service(const char* name, int timeoutMs = 3000, int attempts = 2) {
        auto s = backend::ServiceSettings::fromBackend(QString::fromLatin1(name), m_tls);
        s.timeoutMs = timeoutMs;
        s.maxAttempts = attempts;
        s.backoffMs = 50;
        s.maxBackoffMs = 200;
        s.breaker.failureThreshold = 3;
        s.breaker.openMs = 60000;
        return s;
    }

    template <typename Client>
    std::unique_ptr<Client> client(const backend::ServiceSettings& s) {
        auto http = backend::BackendHttp::create(m_tls, s, kKioskId);
        if (!http) {
            qWarning("%s", qPrintable(http.error().message));
            return nullptr;
        }
        return std::make_unique<Client>(std::move(*http));
    }

    struct Clients {
        std::unique_ptr<backend::DopaClient> dopa;
        std::unique_ptr<backend::FvsClient> fvs;
        std::unique_ptr<backend::IdpClient> idp;
    };

    Clients clients() {
        return {client<backend::DopaClient>(service("dopa")),
                client<backend::FvsClient>(service("fvs")),
                client<backend::IdpClient>(service("idp"))};
    }

    backend::ProofingService proofingService(Clients& c) {
        auto signer = RecordSigner::fromPemFile(m_identity.signingKey);
        return backend::ProofingService({c.dopa.get(), c.fvs.get(), c.idp.get(), m_outbox.get(),
                                         signer ? *signer : nullptr, &m_bio, IalPolicy::defaults(),
                                         kKioskId, m_identity.deviceId});
    }

    // Printed fields as OCR reads them from the card's photos: the same as the chip.
    static PrintedCardReading printedOf(const card::CardData& card) {
        PrintedCardReading p;
        p.source = PrintedCardReading::Source::Ocr;
        p.cid = card.cid;
        p.firstNameTh = card.nameTh.first;
        p.lastNameTh = card.nameTh.last;
        p.birthDateBe = cli::chipEvidence(card).birthDateBe;
        p.laserCode = card.laserCode;
        p.frontImageSha256 = sha256Hex("front");
        p.backImageSha256 = sha256Hex("back");
        return p;
    }

    backend::ProofingInput input(const card::CardData& card) {
        backend::ProofingInput in;
        in.chip = cli::chipEvidence(card);
        in.chipPhotoJpeg = card.photoJpeg;
        in.printed = printedOf(card);
        in.consent = ConsentEvidence{IalPolicy::defaults().consentTextVersion,
                                     QDateTime::currentDateTimeUtc(),
                                     ConsentEvidence::Action::Accepted, QStringLiteral("touch")};
        in.videoFile = test::sharedDataDir() + QStringLiteral("/video/talk_turn_left.mp4");
        in.challenges = {QStringLiteral("turn_left"), QStringLiteral("blink")};
        in.sessionId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        return in;
    }

    Result<card::CardData, QString> readCard() {
        card::PcscCardReader reader;
        card::ReadOptions options;
        auto data = reader.read(QString(), options);
        if (!data) {
            return fail(data.error().message);
        }
        return *data;
    }

    QJsonObject simGet(const QString& path) {
        const auto r = test::httpsRequest(m_tls, "GET", path);
        return QJsonDocument::fromJson(r.body).object();
    }

    bool fault(const QJsonObject& plan) {
        return test::httpsRequest(m_tls, "POST", QStringLiteral("/v1/test/service-faults"),
                                  QJsonDocument(plan).toJson())
                   .status == 200;
    }

    void clearFaults() {
        for (const char* s : {"dopa", "fvs", "idp", "portal"}) {
            fault({{QStringLiteral("service"), QLatin1String(s)},
                   {QStringLiteral("mode"), QStringLiteral("none")}});
        }
    }

    int calls(const char* service) {
        return simGet(QStringLiteral("/v1/test/calls"))
            .value(QLatin1String("calls"))
            .toObject()
            .value(QLatin1String(service))
            .toInt();
    }

    QJsonObject account(const QString& cid) {
        for (const QJsonValue& v : simGet(QStringLiteral("/v1/test/idp/accounts"))
                                       .value(QLatin1String("accounts"))
                                       .toArray()) {
            if (v.toObject().value(QLatin1String("cid")).toString() == cid) {
                return v.toObject();
            }
        }
        return {};
    }

    static Outcome outcomeOf(const backend::ProofingOutcome& o, Check c) {
        for (const auto& r : o.decision.checks) {
            if (r.check == c) {
                return r.outcome;
            }
        }
        return Outcome::NotPerformed;
    }

    static QString reasonOf(const backend::ProofingOutcome& o, Check c) {
        for (const auto& r : o.decision.checks) {
            if (r.check == c) {
                return r.reason;
            }
        }
        return {};
    }

private slots:
    void initTestCase() {
        m_dataDir = std::make_unique<QTemporaryDir>();
        auto id = os::provision(m_dataDir->path(), kKioskId);
        QVERIFY2(id.has_value(), qPrintable(id.has_value() ? QString() : id.error().message));
        m_identity = *id;
        // The IdP's enrolment of this kiosk's signing key, given at start.
        QFile pub(m_identity.signingPublic);
        QVERIFY(pub.open(QIODevice::ReadOnly));
        const QString devices = m_dataDir->path() + QStringLiteral("/devices.json");
        QFile f(devices);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(
                    QJsonObject{{QStringLiteral("devices"),
                                 QJsonArray{QJsonObject{{QStringLiteral("kiosk_id"), kKioskId},
                                                        {QStringLiteral("public_key_pem"),
                                                         QString::fromLatin1(pub.readAll())}}}}})
                    .toJson());
        f.close();

        sim::SimRig::Options options;
        options.mosquitto = false;
        options.card = sim::VirtualCardPart::Card{cardFile(QStringLiteral("somchai"))};
        options.portalData.devicesFile = devices;
        auto rig = sim::SimRig::start(options);
        if (!rig) {
            QFAIL(
                qPrintable(QStringLiteral("simulator rig did not start: ") + rig.error().message));
        }
        m_rig = std::move(*rig);
        qputenv("PCSCLITE_CSOCK_NAME",
                m_rig->environment().value(QStringLiteral("PCSCLITE_CSOCK_NAME")).toLocal8Bit());
        const auto& pki = m_rig->portal()->pki();
        m_tls = {QUrl(m_rig->portal()->baseUrl()), pki.caCert, pki.clientCert, pki.clientKey, 3000};

        m_keys = std::make_unique<store::FileKeyStore>(
            store::FileKeyStore::defaultPath(m_dataDir->path()));
        store::Store::Options so;
        so.dataDir = m_dataDir->path();
        so.keyStore = m_keys.get();
        auto st = store::Store::open(so);
        QVERIFY2(st.has_value(), qPrintable(st.has_value() ? QString() : st.error().message));
        m_store = std::move(*st);
        m_outbox = std::make_unique<store::Outbox>(*m_store);

        auto card = readCard();
        QVERIFY2(card.has_value(), qPrintable(card.has_value() ? QString() : card.error()));
        m_somchai = *card;
        QVERIFY(cli::chipEvidence(m_somchai).complete);
    }

    void init() {
        clearFaults();
        m_bio = TestBiometrics();
        m_bio.matching();
    }

    void proof_allEvidence_ial23AndAccountUpgraded() {
        const int appliedBefore =
            account(m_somchai.cid).value(QLatin1String("upgrades_applied")).toInt();
        const qint64 auditsBefore =
            m_store->db()
                .queryInt("SELECT count(*) FROM audit WHERE event = 'proofing'")
                .value_or(-1);
        Clients c = clients();
        auto svc = proofingService(c);
        const auto r = svc.run(input(m_somchai));
        QVERIFY2(r.has_value(), qPrintable(r.has_value() ? QString() : r.error()));
        QCOMPARE(r->decision.ial, QStringLiteral("2.3"));
        for (const auto& check : r->decision.checks) {
            QVERIFY2(check.outcome == Outcome::Passed,
                     qPrintable(checkName(check.check) + QLatin1Char(' ') + check.reason));
        }
        QVERIFY2(r->delivery == backend::ProofingOutcome::Delivery::Upgraded ||
                     r->delivery == backend::ProofingOutcome::Delivery::Unchanged,
                 qPrintable(r->deliveryDetail));
        QCOMPARE(r->accountIal, QStringLiteral("2.3"));
        QCOMPARE(account(m_somchai.cid).value(QLatin1String("ial")).toString(),
                 QStringLiteral("2.3"));
        QCOMPARE(account(m_somchai.cid).value(QLatin1String("upgrades_applied")).toInt(),
                 appliedBefore + 1);
        QVERIFY(r->fvs.has_value());
        QCOMPARE(r->fvs->similarityPercent, 93.5);
        QCOMPARE(m_bio.calls, 1);
        // The clip and the challenges reached the biometric source.
        QVERIFY(m_bio.lastVideo.endsWith(QStringLiteral("talk_turn_left.mp4")));
        QCOMPARE(m_bio.lastChallenges,
                 (QStringList{QStringLiteral("turn_left"), QStringLiteral("blink")}));
        // The record verifies with the device key and holds no image or name.
        QFile pub(m_identity.signingPublic);
        QVERIFY(pub.open(QIODevice::ReadOnly));
        QVERIFY(verifyRecord(r->record, pub.readAll()).has_value());
        const QByteArray wire = QJsonDocument(r->record).toJson();
        QVERIFY(!wire.contains(m_somchai.nameTh.first.toUtf8()));
        QVERIFY(!wire.contains(m_somchai.photoJpeg.toBase64().left(40)));
        QCOMPARE(m_store->db()
                     .queryInt("SELECT count(*) FROM audit WHERE event = 'proofing'")
                     .value_or(-1),
                 auditsBefore + 1);
    }

    void proof_revokedCard_rejectedNothingSent() {
        auto inserted = m_rig->insertCard({cardFile(QStringLiteral("pranee"))});
        QVERIFY2(inserted.has_value(),
                 qPrintable(inserted.has_value() ? QString() : inserted.error().message));
        auto pranee = readCard();
        QVERIFY2(pranee.has_value(), qPrintable(pranee.has_value() ? QString() : pranee.error()));
        QVERIFY(m_rig->insertCard({cardFile(QStringLiteral("somchai"))}).has_value());
        const int idpBefore = calls("idp");
        Clients c = clients();
        auto svc = proofingService(c);
        const auto r = svc.run(input(*pranee));
        QVERIFY(r.has_value());
        QVERIFY(r->decision.rejected);
        QVERIFY(r->decision.ial.isEmpty());
        QCOMPARE(outcomeOf(*r, Check::CardStatusValid), Outcome::Failed);
        QVERIFY(reasonOf(*r, Check::CardStatusValid).contains(QStringLiteral("DOPA: code 1")));
        QCOMPARE(r->delivery, backend::ProofingOutcome::Delivery::NotSent);
        QCOMPARE(calls("idp"), idpBefore);
    }

    void proof_wrongLaserCode_rejectedDopaCode4() {
        Clients c = clients();
        auto svc = proofingService(c);
        auto in = input(m_somchai);
        in.printed->laserCode = QStringLiteral("JT0-7654321-00");
        const auto r = svc.run(in);
        QVERIFY(r.has_value());
        QVERIFY(r->decision.rejected);
        QCOMPARE(outcomeOf(*r, Check::CardStatusValid), Outcome::Failed);
        QVERIFY(reasonOf(*r, Check::CardStatusValid).contains(QStringLiteral("code 4")));
    }

    void proof_printedCardNotMatchingChip_rejected() {
        Clients c = clients();
        auto svc = proofingService(c);
        auto in = input(m_somchai);
        in.printed->lastNameTh = QStringLiteral("ปลอมแปลง");
        in.printed->birthDateBe = QStringLiteral("25310115");
        const auto r = svc.run(in);
        QVERIFY(r.has_value());
        QVERIFY(r->decision.rejected);
        QCOMPARE(outcomeOf(*r, Check::PrintedCardConsistent), Outcome::Failed);
        const QString why = reasonOf(*r, Check::PrintedCardConsistent);
        QVERIFY2(why.contains(QStringLiteral("last_name_th")) &&
                     why.contains(QStringLiteral("birth_date")),
                 qPrintable(why));
        QVERIFY(!why.contains(QStringLiteral("ปลอมแปลง")));  // reasons name fields, not values
    }

    void proof_faceMismatch_rejected() {
        m_bio.face->match = false;
        m_bio.face->score = 0.18;
        Clients c = clients();
        auto svc = proofingService(c);
        const auto r = svc.run(input(m_somchai));
        QVERIFY(r.has_value());
        QVERIFY(r->decision.rejected);
        QCOMPARE(outcomeOf(*r, Check::FaceMatch), Outcome::Failed);
        QCOMPARE(r->delivery, backend::ProofingOutcome::Delivery::NotSent);
    }

    void proof_livenessFailed_rejected() {
        m_bio.liveness->decision = LivenessEvidence::Decision::Attack;
        m_bio.liveness->challenges[0].passed = false;
        Clients c = clients();
        auto svc = proofingService(c);
        const auto r = svc.run(input(m_somchai));
        QVERIFY(r.has_value());
        QVERIFY(r->decision.rejected);
        QCOMPARE(outcomeOf(*r, Check::LivenessLive), Outcome::Failed);
    }

    void proof_noConsent_noBiometricsLowerLevel() {
        const int fvsBefore = calls("fvs");
        Clients c = clients();
        auto svc = proofingService(c);
        auto in = input(m_somchai);
        in.consent.reset();
        const auto r = svc.run(in);
        QVERIFY(r.has_value());
        QVERIFY(!r->decision.rejected);
        QCOMPARE(r->decision.ial, QStringLiteral("1.3"));
        QCOMPARE(m_bio.calls, 0);           // no face processed without consent
        QCOMPARE(calls("fvs"), fvsBefore);  // and none sent to FVS
        QCOMPARE(outcomeOf(*r, Check::FaceMatch), Outcome::NotPerformed);
        QVERIFY(reasonOf(*r, Check::FaceMatch).contains(QStringLiteral("consent")));
        QVERIFY(r->decision.reasons.join(QLatin1Char(' '))
                    .contains(QStringLiteral("consent_recorded")));
    }

    void proof_idpDown_pendingThenDeliveredOnce() {
        QVERIFY(fault({{QStringLiteral("service"), QStringLiteral("idp")},
                       {QStringLiteral("mode"), QStringLiteral("down")}}));
        // Malee: an account not yet raised by another test.
        auto inserted = m_rig->insertCard({cardFile(QStringLiteral("malee"))});
        QVERIFY(inserted.has_value());
        auto malee = readCard();
        QVERIFY2(malee.has_value(), qPrintable(malee.has_value() ? QString() : malee.error()));
        QVERIFY(m_rig->insertCard({cardFile(QStringLiteral("somchai"))}).has_value());
        const QString ialBefore = account(malee->cid).value(QLatin1String("ial")).toString();
        QCOMPARE(ialBefore, QStringLiteral("1.1"));

        Clients c = clients();
        auto svc = proofingService(c);
        const auto r = svc.run(input(*malee));
        QVERIFY(r.has_value());
        QCOMPARE(r->decision.ial, QStringLiteral("2.3"));
        QCOMPARE(r->delivery, backend::ProofingOutcome::Delivery::Pending);
        QVERIFY(!r->outboxKey.isEmpty());
        QCOMPARE(m_outbox->stats().value_or(store::OutboxStats{}).pending, qint64(1));

        auto transport = backend::HttpsOutboxTransport::create(m_tls, kKioskId);
        QVERIFY(transport.has_value());
        store::SyncPolicy policy;
        policy.baseDelayMs = 100;
        policy.maxDelayMs = 300;
        policy.idleCheckMs = 200;
        store::SyncWorker worker(*m_outbox, **transport, policy);
        QSignalSpy retried(&worker, &store::SyncWorker::retryScheduled);
        QSignalSpy delivered(&worker, &store::SyncWorker::delivered);
        worker.start();
        QTRY_VERIFY_WITH_TIMEOUT(retried.size() >= 2, 15000);  // the IdP is still down
        QCOMPARE(account(malee->cid).value(QLatin1String("ial")).toString(), QStringLiteral("1.1"));
        clearFaults();
        QTRY_VERIFY_WITH_TIMEOUT(delivered.size() == 1, 15000);
        QCOMPARE(delivered.first().first().toString(), r->outboxKey);
        QTRY_COMPARE_WITH_TIMEOUT(m_outbox->stats().value_or(store::OutboxStats{}).pending,
                                  qint64(0), 5000);
        QTest::qWait(500);  // any late duplicate would show now
        worker.stop();
        const QJsonObject acc = account(malee->cid);
        QCOMPARE(acc.value(QLatin1String("ial")).toString(), QStringLiteral("2.3"));
        QCOMPARE(acc.value(QLatin1String("upgrades_applied")).toInt(), 1);
        QCOMPARE(delivered.size(), 1);
    }

    void proof_dopaDown_pendingThenIdpChecksAndDeliversOnce() {
        // DOPA unreachable: IAL 1.2 now, 2.3 pending; the signed record waits in
        // the outbox until the IdP can run the card check itself.
        QVERIFY(fault({{QStringLiteral("service"), QStringLiteral("dopa")},
                       {QStringLiteral("mode"), QStringLiteral("down")}}));
        QVERIFY(m_rig->insertCard({cardFile(QStringLiteral("thanakorn"))}).has_value());
        auto thanakorn = readCard();
        QVERIFY2(thanakorn.has_value(),
                 qPrintable(thanakorn.has_value() ? QString() : thanakorn.error()));
        QVERIFY(m_rig->insertCard({cardFile(QStringLiteral("somchai"))}).has_value());
        QCOMPARE(account(thanakorn->cid).value(QLatin1String("ial")).toString(),
                 QStringLiteral("1.1"));
        Clients c = clients();
        auto svc = proofingService(c);
        auto in = input(*thanakorn);
        in.printed->laserCode =
            QStringLiteral("TK1-2345678-90");  // the back of his card; not on the chip
        const auto r = svc.run(in);
        QVERIFY(r.has_value());
        QCOMPARE(r->decision.ial, QStringLiteral("1.2"));
        QCOMPARE(r->decision.pendingIal, QStringLiteral("2.3"));
        QCOMPARE(outcomeOf(*r, Check::CardStatusValid), Outcome::Deferred);
        QCOMPARE(r->delivery, backend::ProofingOutcome::Delivery::Pending);
        QCOMPARE(r->record.value(QLatin1String("pending_ial")).toString(), QStringLiteral("2.3"));
        QCOMPARE(m_outbox->stats().value_or(store::OutboxStats{}).pending, qint64(1));

        auto transport = backend::HttpsOutboxTransport::create(m_tls, kKioskId);
        QVERIFY(transport.has_value());
        store::SyncPolicy policy;
        policy.baseDelayMs = 100;
        policy.maxDelayMs = 300;
        policy.idleCheckMs = 200;
        store::SyncWorker worker(*m_outbox, **transport, policy);
        QSignalSpy retried(&worker, &store::SyncWorker::retryScheduled);
        QSignalSpy delivered(&worker, &store::SyncWorker::delivered);
        worker.start();
        QTRY_VERIFY_WITH_TIMEOUT(retried.size() >= 2, 15000);  // DOPA still down
        QCOMPARE(account(thanakorn->cid).value(QLatin1String("ial")).toString(),
                 QStringLiteral("1.1"));
        clearFaults();
        QTRY_VERIFY_WITH_TIMEOUT(delivered.size() == 1, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(m_outbox->stats().value_or(store::OutboxStats{}).pending,
                                  qint64(0), 5000);
        QTest::qWait(500);
        worker.stop();
        const QJsonObject acc = account(thanakorn->cid);
        QCOMPARE(acc.value(QLatin1String("ial")).toString(), QStringLiteral("2.3"));
        QCOMPARE(acc.value(QLatin1String("upgrades_applied")).toInt(), 1);
        QCOMPARE(delivered.size(), 1);
    }

    void proof_dopaSlow_timeoutsRetriesThenBreakerOpens() {
        // DOPA answers after 1.5 s; the kiosk waits 400 ms, twice per proofing.
        QVERIFY(fault({{QStringLiteral("service"), QStringLiteral("dopa")},
                       {QStringLiteral("mode"), QStringLiteral("slow")},
                       {QStringLiteral("delay_ms"), 1500}}));
        auto dopaSettings = service("dopa", 400, 2);
        dopaSettings.breaker.failureThreshold = 4;
        Clients c = clients();
        c.dopa = client<backend::DopaClient>(dopaSettings);
        auto svc = proofingService(c);
        const int before = calls("dopa");
        QElapsedTimer t;
        t.start();
        const auto first = svc.run(input(m_somchai));
        QVERIFY(first.has_value());
        QCOMPARE(calls("dopa"), before + 2);  // one retry
        QVERIFY(t.elapsed() < 3000);          // the deadline held, not the server's 1.5 s x 2
        QCOMPARE(outcomeOf(*first, Check::CardStatusValid), Outcome::Deferred);
        QVERIFY2(reasonOf(*first, Check::CardStatusValid).contains(QStringLiteral("timeout")),
                 qPrintable(reasonOf(*first, Check::CardStatusValid)));
        QCOMPARE(first->decision.ial, QStringLiteral("1.2"));  // lower now, with the reason
        QCOMPARE(first->decision.pendingIal, QStringLiteral("2.3"));
        QVERIFY(!first->decision.rejected);

        const auto second = svc.run(input(m_somchai));  // failures 3 and 4: the breaker opens
        QVERIFY(second.has_value());
        QCOMPARE(calls("dopa"), before + 4);
        QCOMPARE(c.dopa->http().breaker().state(), backend::CircuitBreaker::State::Open);
        t.restart();
        const auto third = svc.run(input(m_somchai));  // not even tried
        QVERIFY(third.has_value());
        QCOMPARE(calls("dopa"), before + 4);
        QVERIFY2(reasonOf(*third, Check::CardStatusValid).contains(QStringLiteral("circuit_open")),
                 qPrintable(reasonOf(*third, Check::CardStatusValid)));
    }

    void proof_dopaSlowBodyOnce_retrySucceeds() {
        // The first answer drips for 2 s (past the 600 ms deadline); the retry is normal.
        QVERIFY(fault({{QStringLiteral("service"), QStringLiteral("dopa")},
                       {QStringLiteral("mode"), QStringLiteral("slow_body")},
                       {QStringLiteral("delay_ms"), 2000},
                       {QStringLiteral("count"), 1}}));
        Clients c = clients();
        c.dopa = client<backend::DopaClient>(service("dopa", 600, 3));
        auto svc = proofingService(c);
        const int before = calls("dopa");
        const auto r = svc.run(input(m_somchai));
        QVERIFY(r.has_value());
        QCOMPARE(calls("dopa"), before + 2);
        QCOMPARE(outcomeOf(*r, Check::CardStatusValid), Outcome::Passed);
        QCOMPARE(r->decision.ial, QStringLiteral("2.3"));
    }

    void idp_tamperedRecord_rejectedBySignature() {
        Clients c = clients();
        auto signer = RecordSigner::fromPemFile(m_identity.signingKey);
        QVERIFY(signer.has_value());
        const IalPolicy policy = IalPolicy::defaults();
        Evidence e;
        e.chip = cli::chipEvidence(m_somchai);
        auto rec =
            (*signer)->sign(buildRecordBody({QUuid::createUuid().toString(QUuid::WithoutBraces),
                                             kKioskId,
                                             m_identity.deviceId,
                                             m_somchai.cid,
                                             QDateTime::currentDateTimeUtc(),
                                             policy.id,
                                             decide(evaluateChecks(e, policy), policy),
                                             {}}));
        QVERIFY(rec.has_value());
        QCOMPARE(rec->value(QLatin1String("ial")).toString(), QStringLiteral("1.2"));
        QJsonObject tampered = *rec;
        tampered.insert(QStringLiteral("ial"),
                        QStringLiteral("2.3"));  // claim more than was proven
        const int appliedBefore =
            account(m_somchai.cid).value(QLatin1String("upgrades_applied")).toInt();
        const auto r = c.idp->upgradeIal(QJsonDocument(tampered).toJson(QJsonDocument::Compact),
                                         QUuid::createUuid().toString(QUuid::WithoutBraces));
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().code, backend::BackendError::Code::Rejected);
        QCOMPARE(r.error().httpStatus, 422);
        QVERIFY2(r.error().message.contains(QStringLiteral("bad_signature")),
                 qPrintable(r.error().message));
        QVERIFY(!r.error().retryable());
        QCOMPARE(account(m_somchai.cid).value(QLatin1String("upgrades_applied")).toInt(),
                 appliedBefore);
        QVERIFY(simGet(QStringLiteral("/v1/test/idp/accounts"))
                    .value(QLatin1String("rejected_signatures"))
                    .toInt() >= 1);
    }

    // `kioskctl --json proof ARGS` as a technician runs it, from a freshly
    // provisioned kiosk whose signing key the IdP knows.
    QJsonObject runKioskctlProof(const QStringList& args) {
        auto config =
            m_rig->writeKioskConfig(test::sourceDir() + QStringLiteral("/config/kiosk.json"));
        if (!config) {
            qWarning("no kiosk config: %s", qPrintable(config.error().message));
            return {};
        }
        QTemporaryDir dataDir;
        const auto id = os::provision(dataDir.path(), QStringLiteral("KIOSK-DEV-0001"));
        if (!id) {
            qWarning("provisioning failed: %s", qPrintable(id.error().message));
            return {};
        }
        QFile pub(id->signingPublic);
        if (!pub.open(QIODevice::ReadOnly) ||
            test::httpsRequest(m_tls, "POST", QStringLiteral("/v1/test/devices"),
                               QJsonDocument(QJsonObject{{QStringLiteral("kiosk_id"),
                                                          QStringLiteral("KIOSK-DEV-0001")},
                                                         {QStringLiteral("public_key_pem"),
                                                          QString::fromLatin1(pub.readAll())}})
                                   .toJson())
                    .status != 200) {
            qWarning("the IdP did not take the kiosk's key");
            return {};
        }
        QProcess p;
        p.setProcessEnvironment(m_rig->environment());
        p.start(test::program(QStringLiteral("kioskctl")),
                QStringList{QStringLiteral("--config"), *config, QStringLiteral("--data-dir"),
                            dataDir.path(), QStringLiteral("--json"), QStringLiteral("proof"),
                            QStringLiteral("--reader"), QString()} +
                    args);
        if (!p.waitForFinished(180000)) {
            qWarning("kioskctl proof did not finish");
            return {};
        }
        const QByteArray stdoutText = p.readAllStandardOutput();
        const QJsonObject o = QJsonDocument::fromJson(stdoutText).object();
        if (!o.contains(QLatin1String("checks"))) {
            qWarning("kioskctl proof: %s %s", stdoutText.constData(),
                     p.readAllStandardError().constData());
        }
        return o;
    }

    static QJsonObject checkNamed(const QJsonObject& result, const char* name) {
        for (const QJsonValue& v : result.value(QLatin1String("checks")).toArray()) {
            if (v.toObject().value(QLatin1String("name")).toString() == QLatin1String(name)) {
                return v.toObject();
            }
        }
        return {};
    }

    void kioskctl_proof_otherPersonOnClip_faceCheckedNotGranted() {
        // With the vision stack: the clip shows someone other than the chip's
        // citizen, so the face is really compared (never "not performed") and
        // IAL 2.3 is not granted.
        const QJsonObject o =
            runKioskctlProof({QStringLiteral("--video"),
                              test::sharedDataDir() + QStringLiteral("/video/talk_turn_left.mp4"),
                              QStringLiteral("--laser"), QStringLiteral("JT0-1234567-89")});
        QVERIFY(o.contains(QLatin1String("checks")));
        QVERIFY(o.value(QLatin1String("ial")).toString() != QStringLiteral("2.3"));
        const QJsonObject face = checkNamed(o, "face_match");
        QVERIFY(!face.isEmpty());
        QVERIFY2(face.value(QLatin1String("outcome")).toString() != QStringLiteral("not_performed"),
                 qPrintable(face.value(QLatin1String("reason")).toString()));
        QVERIFY(face.value(QLatin1String("outcome")).toString() != QStringLiteral("passed"));
        QCOMPARE(checkNamed(o, "card_status_valid").value(QLatin1String("outcome")).toString(),
                 QStringLiteral("passed"));
    }

    void kioskctl_proof_demoCitizenClipAndCardPhotos_ial23Delivered() {
        // Everything real except the government: the virtual card of the demo
        // citizen (chip photo = a frame of the clip), her printed card rendered
        // and read back by OCR, the clip answering blink, turn right, turn left
        // (its annotated order), face match and PAD running on it, DOPA, FVS and
        // the IdP in portal-sim.
        const QString cid = QStringLiteral("1103700456121");
        QVERIFY(m_rig->insertCard({cardFile(QStringLiteral("kanya"))}).has_value());
        QTemporaryDir cards;
        QProcess gen;
        gen.start(test::program(QStringLiteral("kiosk-cardgen")),
                  {QStringLiteral("--citizen"), cardFile(QStringLiteral("kanya")),
                   QStringLiteral("--out"), cards.path()});
        QVERIFY(gen.waitForFinished(60000));
        QVERIFY2(gen.exitCode() == 0, gen.readAllStandardError().constData());
        const int upgradesBefore = account(cid).value(QLatin1String("upgrades_applied")).toInt();

        const QJsonObject o = runKioskctlProof(
            {QStringLiteral("--video"),
             test::sharedDataDir() + QStringLiteral("/video/katie_hill_talk.mp4"),
             QStringLiteral("--challenges"), QStringLiteral("blink,turn_right,turn_left"),
             QStringLiteral("--card-image"), cards.filePath(QStringLiteral("kanya-front.png")),
             cards.filePath(QStringLiteral("kanya-back.png"))});
        QVERIFY(m_rig->insertCard({cardFile(QStringLiteral("somchai"))}).has_value());
        QVERIFY(o.contains(QLatin1String("checks")));
        for (const char* name : {"chip_read", "printed_card_consistent", "card_status_valid",
                                 "face_match", "liveness_live", "consent_recorded"}) {
            const QJsonObject check = checkNamed(o, name);
            QVERIFY2(check.value(QLatin1String("outcome")).toString() == QLatin1String("passed"),
                     qPrintable(QStringLiteral("%1: %2 %3")
                                    .arg(QLatin1String(name),
                                         check.value(QLatin1String("outcome")).toString(),
                                         check.value(QLatin1String("reason")).toString())));
        }
        QCOMPARE(o.value(QLatin1String("ial")).toString(), QStringLiteral("2.3"));
        QCOMPARE(
            o.value(QLatin1String("delivery")).toObject().value(QLatin1String("status")).toString(),
            QStringLiteral("upgraded"));
        QCOMPARE(account(cid).value(QLatin1String("ial")).toString(), QStringLiteral("2.3"));
        QCOMPARE(account(cid).value(QLatin1String("upgrades_applied")).toInt(), upgradesBefore + 1);
    }

    void cleanupTestCase() {
        qunsetenv("PCSCLITE_CSOCK_NAME");
        m_outbox.reset();
        m_store.reset();
        m_rig.reset();
    }
};

QTEST_GUILESS_MAIN(TestProofingE2e)
#include "tst_proofing_e2e.moc"
