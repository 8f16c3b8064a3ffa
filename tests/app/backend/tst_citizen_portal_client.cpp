// The Citizen Portal and IdP clients against portal-sim over mutual TLS:
// catalogue, form schema, submissions taking effect once per idempotency
// key (also through a lost answer and a 503 with Retry-After), booking,
// entitlement, complaint, a payment whose PromptPay QR is checked, status
// tracking, and account binding by one-time code.
#include "citizen_portal_client.h"
#include "idp_client.h"
#include "portal_client.h"
#include "promptpay.h"
#include "sim_rig.h"

#include <QDate>
#include <QJsonDocument>
#include <QUuid>
#include <QtTest>

using namespace kiosk;
using namespace kiosk::backend;

class TestCitizenPortalClient : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<sim::SimRig> m_rig;
    BackendSettings m_tls;

    template <typename Client>
    std::unique_ptr<Client> make(const char* name, int attempts = 3) {
        auto s = ServiceSettings::fromBackend(QString::fromLatin1(name), m_tls);
        s.timeoutMs = 2000;
        s.maxAttempts = attempts;
        s.backoffMs = 50;
        s.maxBackoffMs = 1500;
        auto http = BackendHttp::create(m_tls, s, QStringLiteral("KIOSK-TEST"));
        return http ? std::make_unique<Client>(std::move(*http)) : nullptr;
    }

    bool fault(const QJsonObject& plan) {
        return test::httpsRequest(m_tls, "POST", QStringLiteral("/v1/test/service-faults"),
                                  QJsonDocument(plan).toJson())
                   .status == 200;
    }

    int portalCalls() {
        const auto r = test::httpsRequest(m_tls, "GET", QStringLiteral("/v1/test/calls"));
        return QJsonDocument::fromJson(r.body)
            .object()
            .value(QLatin1String("calls"))
            .toObject()
            .value(QLatin1String("portal"))
            .toInt();
    }

    static QString key() { return QUuid::createUuid().toString(QUuid::WithoutBraces); }

private slots:
    void initTestCase() {
        sim::SimRig::Options options;
        options.pcscd = false;
        options.mosquitto = false;
        auto rig = sim::SimRig::start(options);
        if (!rig) {
            QFAIL(qPrintable(QStringLiteral("portal-sim did not start: ") + rig.error().message));
        }
        m_rig = std::move(*rig);
        const auto& pki = m_rig->portal()->pki();
        m_tls = {QUrl(m_rig->portal()->baseUrl()), pki.caCert, pki.clientCert, pki.clientKey, 3000};
    }

    void init() {
        fault({{QStringLiteral("service"), QStringLiteral("portal")},
               {QStringLiteral("mode"), QStringLiteral("none")}});
    }

    void catalogueAndForm_listed() {
        auto portal = make<CitizenPortalClient>("portal");
        const auto services = portal->catalogue();
        QVERIFY2(services.has_value(),
                 qPrintable(services.has_value() ? QString() : services.error().message));
        QVERIFY(services->size() >= 3);
        const auto form = portal->formSchema(QStringLiteral("house-registration-copy"));
        QVERIFY(form.has_value());
        QVERIFY(
            form->value(QLatin1String("properties")).toObject().contains(QStringLiteral("copies")));
        const auto missing = portal->formSchema(QStringLiteral("no-such-service"));
        QVERIFY(!missing.has_value());
        QCOMPARE(missing.error().code, BackendError::Code::NotFound);
    }

    void submit_sameKeyTwice_onceWithSameAnswer() {
        auto portal = make<CitizenPortalClient>("portal");
        const QJsonObject form{{QStringLiteral("copies"), 2},
                               {QStringLiteral("purpose"), QStringLiteral("bank")}};
        const QString k = key();
        const auto a = portal->submit(QStringLiteral("house-registration-copy"), form, k);
        const auto b = portal->submit(QStringLiteral("house-registration-copy"), form, k);
        QVERIFY(a.has_value() && b.has_value());
        QCOMPARE(a->submissionId, b->submissionId);
        const auto reused = portal->submit(QStringLiteral("house-registration-copy"),
                                           {{QStringLiteral("copies"), 5}}, k);
        QVERIFY(!reused.has_value());
        QCOMPARE(reused.error().code, BackendError::Code::Conflict);
        const auto status = portal->submissionStatus(a->submissionId);
        QVERIFY(status.has_value());
        QCOMPARE(status->status, QStringLiteral("received"));
    }

    void submit_answerLostThenRetried_appliedOnce() {
        // The portal applies the submission but the answer is cut off; the
        // client retries with the same key and gets the first answer.
        QVERIFY(fault({{QStringLiteral("service"), QStringLiteral("portal")},
                       {QStringLiteral("mode"), QStringLiteral("reset")},
                       {QStringLiteral("count"), 1}}));
        auto portal = make<CitizenPortalClient>("portal");
        const int callsBefore = portalCalls();
        const QString k = key();
        const auto a =
            portal->submit(QStringLiteral("elderly-allowance"),
                           {{QStringLiteral("bank_account"), QStringLiteral("1234567890")}}, k);
        QVERIFY2(a.has_value(), qPrintable(a.has_value() ? QString() : a.error().message));
        // Sent twice (by the client's retry or Qt's own resend of a request
        // whose connection dropped), applied once.
        QVERIFY(portalCalls() - callsBefore >= 2);
        const auto again =
            portal->submit(QStringLiteral("elderly-allowance"),
                           {{QStringLiteral("bank_account"), QStringLiteral("1234567890")}}, k);
        QCOMPARE(again->submissionId, a->submissionId);
    }

    void submit_503RetryAfter_waitsAndSucceeds() {
        QVERIFY(fault({{QStringLiteral("service"), QStringLiteral("portal")},
                       {QStringLiteral("mode"), QStringLiteral("status")},
                       {QStringLiteral("status"), 503},
                       {QStringLiteral("retry_after_s"), 1},
                       {QStringLiteral("count"), 1}}));
        auto portal = make<CitizenPortalClient>("portal");
        QElapsedTimer t;
        t.start();
        const auto a =
            portal->fileComplaint(QStringLiteral("1101700230708"), QStringLiteral("service"),
                                  QStringLiteral("ทดสอบ"), key());
        QVERIFY2(a.has_value(), qPrintable(a.has_value() ? QString() : a.error().message));
        QVERIFY(t.elapsed() >= 1000);  // Retry-After honoured
        QCOMPARE(portal->http().lastAttempts(), 2);
    }

    void submit_answerSentTwice_onceAndParsed() {
        QVERIFY(fault({{QStringLiteral("service"), QStringLiteral("portal")},
                       {QStringLiteral("mode"), QStringLiteral("duplicate")},
                       {QStringLiteral("count"), 1}}));
        auto portal = make<CitizenPortalClient>("portal");
        const QString k = key();
        const auto a = portal->book(QStringLiteral("queue-district-office-20991231-9"),
                                    QStringLiteral("3509900456122"), k);
        QVERIFY2(a.has_value(), qPrintable(a.has_value() ? QString() : a.error().message));
        QCOMPARE(a->status, QStringLiteral("booked"));
    }

    void submit_withoutKey_notRetried() {
        QVERIFY(fault({{QStringLiteral("service"), QStringLiteral("portal")},
                       {QStringLiteral("mode"), QStringLiteral("status")},
                       {QStringLiteral("status"), 503},
                       {QStringLiteral("count"), 1}}));
        auto portal = make<CitizenPortalClient>("portal");
        const auto a = portal->submit(QStringLiteral("elderly-allowance"), {}, QString());
        QVERIFY(!a.has_value());
        QCOMPARE(portal->http().lastAttempts(), 1);  // a write without a key is never repeated
        QVERIFY(a.error().retryable());
    }

    void slotsAndBooking_availabilityDrops() {
        auto portal = make<CitizenPortalClient>("portal");
        const QDate day = QDate::currentDate().addDays(1);
        const auto before = portal->bookingSlots(QStringLiteral("queue-district-office"), day);
        QVERIFY(before.has_value());
        QVERIFY(!before->isEmpty());
        const Slot slot = before->first();
        const QString k = key();
        const auto booking = portal->book(slot.slotId, QStringLiteral("1101700230708"), k);
        QVERIFY2(booking.has_value(),
                 qPrintable(booking.has_value() ? QString() : booking.error().message));
        QVERIFY(portal->book(slot.slotId, QStringLiteral("1101700230708"), k)
                    .has_value());  // repeat: same booking
        const auto after = portal->bookingSlots(QStringLiteral("queue-district-office"), day);
        QCOMPARE(after->first().available, slot.available - 1);
    }

    void entitlement_byAge() {
        auto portal = make<CitizenPortalClient>("portal");
        const auto young = portal->checkEntitlement(QStringLiteral("1101700230708"),
                                                    QStringLiteral("elderly-allowance"));
        QVERIFY(young.has_value());
        QVERIFY(!young->entitled);  // born 1987
        const auto old = portal->checkEntitlement(QStringLiteral("2900800123458"),
                                                  QStringLiteral("elderly-allowance"));
        QVERIFY(old.has_value());
        QVERIFY(old->entitled);  // born 1937
    }

    void payment_qrPayloadValid() {
        auto portal = make<CitizenPortalClient>("portal");
        const auto p = portal->createPayment(QStringLiteral("SUB-1"), 2000, key());
        QVERIFY2(p.has_value(), qPrintable(p.has_value() ? QString() : p.error().message));
        const auto parsed = promptpay::parsePayload(p->qrPayload);
        QVERIFY(parsed.has_value());
        QCOMPARE(parsed->amountSatang.value_or(0), qint64(2000));
        QVERIFY(parsed->dynamic);
    }

    void idpBinding_wrongThenRightCode_bound() {
        auto idp = make<IdpClient>("idp");
        const auto account = idp->lookupAccount(QStringLiteral("3509900456122"));
        QVERIFY2(account.has_value(),
                 qPrintable(account.has_value() ? QString() : account.error().message));
        QVERIFY(account->mobileMasked.endsWith(QStringLiteral("0102")));
        QVERIFY(!account->mobileMasked.contains(QStringLiteral("999000")));
        const auto challenge = idp->startBinding(account->accountId);
        QVERIFY(challenge.has_value());
        const auto wrong = idp->confirmBinding(challenge->challengeId, QStringLiteral("000000x"));
        QVERIFY(!wrong.has_value());
        QCOMPARE(wrong.error().code, BackendError::Code::Rejected);
        const auto sms = test::httpsRequest(
            m_tls, "GET", QStringLiteral("/v1/test/idp/otp/") + challenge->challengeId);
        const QString otp =
            QJsonDocument::fromJson(sms.body).object().value(QLatin1String("otp")).toString();
        QCOMPARE(otp.size(), 6);
        const auto bound = idp->confirmBinding(challenge->challengeId, otp);
        QVERIFY(bound.has_value());
        QVERIFY(bound->bound);
        QCOMPARE(bound->accountId, account->accountId);
        QVERIFY(!idp->confirmBinding(challenge->challengeId, otp).has_value());  // one use only
    }

    void idpLookup_unknownCid_notFound() {
        auto idp = make<IdpClient>("idp");
        const auto a = idp->lookupAccount(QStringLiteral("1111111111119"));
        QVERIFY(!a.has_value());
        QCOMPARE(a.error().code, BackendError::Code::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestCitizenPortalClient)
#include "tst_citizen_portal_client.moc"
