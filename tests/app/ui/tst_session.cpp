// The session view-model on the in-process fakes: consent is recorded with
// the notice version, chip data fills forms, the card leaving wipes
// everything, offline submissions are queued with a tracking reference and a
// receipt, and the shell's idle countdown drives the state machine.
#include "fake_journey_parts.h"
#include "session.h"
#include "shell.h"

#include <QGuiApplication>
#include <QSignalSpy>
#include <QTest>

using kiosk::journey::FakeJourneyParts;
using kiosk::ui::Session;
using kiosk::ui::Shell;

namespace {

struct Rig {
    explicit Rig(int idleTimeoutMs = 600000, int idleWarningMs = 1000) {
        Shell::Options o;
        o.idleTimeoutMs = idleTimeoutMs;
        o.idleWarningMs = idleWarningMs;
        shell = std::make_unique<Shell>(o);
        fakes.behaviour().stepMs = 5;
        fakes.behaviour().verifyMs = 5;
        Session::Options so;
        so.endingMs = 200;
        session = std::make_unique<Session>(
            shell.get(), Session::Ports{&fakes, &fakes, &fakes, &fakes, &fakes, &fakes}, so);
    }
    // Attract -> services home with the demo citizen, IAL 2.3 achieved.
    bool toServices() {
        session->start();
        session->chooseLanguage(QStringLiteral("en"));
        session->acceptConsent();
        session->cardInserted();
        if (!QTest::qWaitFor([&] { return session->screen() == QLatin1String("result"); }, 5000)) {
            return false;
        }
        session->next();
        session->submitCode(FakeJourneyParts::bindingCode());
        return session->screen() == QLatin1String("services");
    }
    FakeJourneyParts fakes;
    std::unique_ptr<Shell> shell;
    std::unique_ptr<Session> session;
};

// A live camera: every frame comes with the prompt that is up.
class FramePerPromptCamera : public FakeJourneyParts {
public:
    void startLiveness(
        std::function<void(const kiosk::journey::LivenessPrompt&, const QImage&)> prompt,
        std::function<void(bool, const QString&)> done) override {
        using kiosk::journey::Challenge;
        const Challenge order[] = {Challenge::Blink, Challenge::TurnRight, Challenge::TurnLeft};
        QImage frame(64, 48, QImage::Format_RGB32);
        frame.fill(Qt::gray);
        for (int i = 0; i < 3; ++i) {
            for (int f = 0; f < 5; ++f) {
                prompt({order[i], i, 3}, frame);
            }
        }
        done(true, {});
    }
};

}  // namespace

class TestSession : public QObject {
    Q_OBJECT
private slots:
    void acceptConsent_recordsNoticeVersionAndTime() {
        Rig r;
        r.session->start();
        r.session->chooseLanguage(QStringLiteral("th"));
        QCOMPARE(r.session->screen(), QStringLiteral("privacy"));
        const QDateTime before = QDateTime::currentDateTimeUtc();
        r.session->acceptConsent();
        QCOMPARE(r.session->consent().version, r.session->consentVersion());
        QVERIFY(!r.session->consent().version.isEmpty());
        QCOMPARE(r.session->consent().action, QStringLiteral("accepted"));
        QVERIFY(r.session->consent().at >= before.addSecs(-1));
        QCOMPARE(r.session->screen(), QStringLiteral("insert_card"));
    }

    void journey_fakes_reachesIal23AndSpeaksPrompts() {
        Rig r;
        QVERIFY(r.toServices());
        QCOMPARE(r.session->result().value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("achieved"));
        QCOMPARE(r.session->citizen().value(QStringLiteral("maskedCid")).toString(),
                 QStringLiteral("1-1017-xxxxx-xx-8"));
        // Four challenges, each spoken in the session's language.
        QCOMPARE(r.fakes.spoken().size(), 4);
        QCOMPARE(r.fakes.spoken().first(), QStringLiteral("Please blink your eyes"));
        QVERIFY(!r.session->services().isEmpty());
    }

    void liveness_framePerPrompt_eachPromptSpokenOnce() {
        Shell shell({});
        FakeJourneyParts fakes;
        fakes.behaviour().stepMs = 5;
        fakes.behaviour().verifyMs = 5;
        FramePerPromptCamera camera;
        camera.behaviour().stepMs = 5;  // its card and face steps too
        Session session(&shell, Session::Ports{&fakes, &camera, &fakes, &fakes, &fakes, &fakes},
                        {});
        session.start();
        session.chooseLanguage(QStringLiteral("en"));
        session.acceptConsent();
        session.cardInserted();
        QVERIFY(QTest::qWaitFor([&] { return session.screen() == QLatin1String("result"); }, 5000));
        QCOMPARE(fakes.spoken(),
                 QStringList({QStringLiteral("Please blink your eyes"),
                              QStringLiteral("Please turn your head to the right"),
                              QStringLiteral("Please turn your head to the left")}));
    }

    void requestForm_chipData_prefilledAndCidMasked() {
        Rig r;
        QVERIFY(r.toServices());
        r.session->openService(QStringLiteral("welfare.card"));
        QCOMPARE(r.session->screen(), QStringLiteral("request_form"));
        QHash<QString, QVariantMap> byId;
        for (const QVariant& v : r.session->service().value(QStringLiteral("fields")).toList()) {
            byId.insert(v.toMap().value(QStringLiteral("id")).toString(), v.toMap());
        }
        QCOMPARE(byId.value(QStringLiteral("full_name")).value(QStringLiteral("value")).toString(),
                 QStringLiteral("นายสมชาย ทดสอบดี"));
        QVERIFY(
            byId.value(QStringLiteral("full_name")).value(QStringLiteral("prefilled")).toBool());
        QCOMPARE(byId.value(QStringLiteral("cid")).value(QStringLiteral("value")).toString(),
                 QStringLiteral("1-1017-xxxxx-xx-8"));
        QVERIFY(!byId.value(QStringLiteral("phone")).value(QStringLiteral("prefilled")).toBool());
        // A required field left empty keeps the citizen on the form.
        r.session->submit();
        QCOMPARE(r.session->screen(), QStringLiteral("request_form"));
        QCOMPARE(r.session->service().value(QStringLiteral("missingField")).toString(),
                 QStringLiteral("phone"));
        r.session->setField(QStringLiteral("phone"), QStringLiteral("0812345678"));
        r.session->setField(QStringLiteral("income"), QStringLiteral("< 30,000"));
        r.session->submit();
        QVERIFY(QTest::qWaitFor(
            [&] {
                return !r.session->receipt()
                            .value(QStringLiteral("reference"))
                            .toString()
                            .isEmpty();
            },
            2000));
        QCOMPARE(r.fakes.submitted().size(), 1);
        // The portal gets the full CID, not the masked one.
        bool fullCid = false;
        for (const auto& [k, v] : r.fakes.submitted().first().values) {
            fullCid = fullCid || (k == QLatin1String("cid") && v == QLatin1String("1101700230708"));
        }
        QVERIFY(fullCid);
        QCOMPARE(r.fakes.printed().size(), 1);
    }

    void submit_backendDown_queuedWithTrackingReferenceAndReceipt() {
        Rig r;
        QVERIFY(r.toServices());
        QSignalSpy offline(r.session.get(), &Session::offlineChanged);
        r.session->backendDown();
        QVERIFY(r.session->offline());
        QVERIFY(offline.count() >= 1);
        r.session->openService(QStringLiteral("general.complaint"));
        r.session->submit();  // empty complaint: refused
        QCOMPARE(r.session->screen(), QStringLiteral("complaint"));
        r.session->setField(QStringLiteral("complaint"), QStringLiteral("The queue was long"));
        r.session->submit();
        QCOMPARE(r.session->screen(), QStringLiteral("submitted"));
        QVERIFY(r.session->receipt().value(QStringLiteral("queued")).toBool());
        const QString ref = r.session->receipt().value(QStringLiteral("reference")).toString();
        QVERIFY(ref.startsWith(QLatin1String("TRK-")));
        QCOMPARE(r.session->offlineReference(), ref);
        QCOMPARE(r.fakes.queued().size(), 1);
        QCOMPARE(r.fakes.submitted().size(), 0);
        QCOMPARE(r.fakes.printed().size(), 1);
        QCOMPARE(r.fakes.printed().first().reference, ref);
    }

    void submit_portalFailsOnline_fallsBackToQueue() {
        Rig r;
        QVERIFY(r.toServices());
        r.fakes.behaviour().portalDown = true;
        r.session->openService(QStringLiteral("registration.fee"));
        r.session->submit();
        QVERIFY(QTest::qWaitFor(
            [&] { return r.session->receipt().value(QStringLiteral("queued")).toBool(); }, 2000));
        QCOMPARE(r.fakes.queued().size(), 1);
    }

    void cardRemoved_midJourney_everythingWiped() {
        Rig r;
        QVERIFY(r.toServices());
        r.session->openService(QStringLiteral("welfare.card"));
        QVERIFY(!r.session->citizen().isEmpty());
        r.session->cardRemoved();
        QCOMPARE(r.session->screen(), QStringLiteral("attract"));
        QVERIFY(r.session->citizen().isEmpty());
        QVERIFY(r.session->service().isEmpty());
        QVERIFY(r.session->result().isEmpty());
        QVERIFY(r.session->consent().version.isEmpty());
        QCOMPARE(r.shell->screen(), Shell::Screen::Attract);
        QCOMPARE(r.shell->language(), QStringLiteral("th"));
    }

    void cardRemoved_duringRead_lateResultDropped() {
        Rig r;
        r.fakes.behaviour().stepMs = 50;
        r.session->start();
        r.session->chooseLanguage(QStringLiteral("en"));
        r.session->acceptConsent();
        r.session->cardInserted();
        QCOMPARE(r.session->screen(), QStringLiteral("reading"));
        r.session->cardRemoved();
        QTest::qWait(400);
        QCOMPARE(r.session->screen(), QStringLiteral("attract"));
        QVERIFY(r.session->citizen().isEmpty());
    }

    void bindingCode_wrongThenRight_errorShownThenServices() {
        Rig r;
        r.session->start();
        r.session->chooseLanguage(QStringLiteral("en"));
        r.session->acceptConsent();
        r.session->cardInserted();
        QVERIFY(
            QTest::qWaitFor([&] { return r.session->screen() == QLatin1String("result"); }, 5000));
        r.session->next();
        QCOMPARE(r.session->screen(), QStringLiteral("binding"));
        QCOMPARE(r.session->binding().value(QStringLiteral("destination")).toString(),
                 QStringLiteral("08x-xxx-4321"));
        r.session->submitCode(QStringLiteral("000000"));
        QCOMPARE(r.session->binding().value(QStringLiteral("error")).toString(),
                 QStringLiteral("wrong_code"));
        QCOMPARE(r.session->screen(), QStringLiteral("binding"));
        r.session->submitCode(FakeJourneyParts::bindingCode());
        QCOMPARE(r.session->screen(), QStringLiteral("services"));
    }

    void idle_shellCountdown_stillThereThenEndingThenAttract() {
        Rig r(700, 500);
        QVERIFY(r.toServices());
        QVERIFY(QTest::qWaitFor(
            [&] { return r.session->state() == kiosk::session::State::StillThere; }, 2000));
        QCOMPARE(r.session->screen(), QStringLiteral("services"));  // the question covers it
        r.shell->stillHere();
        QCOMPARE(r.session->state(), kiosk::session::State::ServicesHome);
        // Nobody answers the second time: wiped, "take your card", then attract.
        QVERIFY(
            QTest::qWaitFor([&] { return r.session->screen() == QLatin1String("ending"); }, 3000));
        QVERIFY(r.session->citizen().isEmpty());
        QVERIFY(
            QTest::qWaitFor([&] { return r.session->screen() == QLatin1String("attract"); }, 2000));
    }

    void liveness_fails_resultNotAchievedWithReason() {
        Rig r;
        r.fakes.behaviour().livenessFails = true;
        r.session->start();
        r.session->chooseLanguage(QStringLiteral("en"));
        r.session->acceptConsent();
        r.session->cardInserted();
        QVERIFY(
            QTest::qWaitFor([&] { return r.session->screen() == QLatin1String("result"); }, 5000));
        QCOMPARE(r.session->result().value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("not_achieved"));
        QCOMPARE(r.session->result().value(QStringLiteral("reason")).toString(),
                 QStringLiteral("liveness_failed"));
    }

    void payment_promptPayPayload_emvCrcValid() {
        QCOMPARE(FakeJourneyParts::emvCrc16(QStringLiteral("123456789")), QStringLiteral("29B1"));
        Rig r;
        QVERIFY(r.toServices());
        r.session->openService(QStringLiteral("registration.fee"));
        const QString qr = r.session->service().value(QStringLiteral("qr")).toString();
        QVERIFY(qr.contains(QLatin1String("A000000677010112")));  // PromptPay AID
        QCOMPARE(qr.right(4), FakeJourneyParts::emvCrc16(qr.left(qr.size() - 4)));
        QCOMPARE(r.session->service().value(QStringLiteral("amount")).toString(),
                 QStringLiteral("100.00"));
    }

    void textScale_setByCitizen_clampedAndResetAtEnd() {
        Rig r;
        r.session->start();
        r.shell->setTextScale(3.0);
        QCOMPARE(r.shell->textScale(), 1.6);
        r.shell->setHighContrast(true);
        r.session->cancel();
        QCOMPARE(r.shell->textScale(), 1.0);
        QVERIFY(!r.shell->highContrast());
    }
};

QTEST_MAIN(TestSession)
#include "tst_session.moc"
