// The session state machine, driven by events only: the happy path, and the
// three things that may happen anywhere (card pulled, idle timeout, backend
// down) tried in every state.
#include "session_state_machine.h"

#include <QSet>
#include <QTest>

using namespace kiosk::session;

Q_DECLARE_METATYPE(kiosk::session::State)

namespace {

// The shortest event path from Attract to each state.
QList<Event> pathTo(State s) {
    using E = Event;
    const QList<Event> privacy{E::Touch, E::LanguageChosen};
    const QList<Event> reading = privacy + QList<Event>{E::ConsentAccepted, E::CardInserted};
    const QList<Event> liveness =
        reading + QList<Event>{E::ReadDone, E::CardImageDone, E::FaceCaptured};
    const QList<Event> result = liveness + QList<Event>{E::LivenessPassed, E::ProofingAchieved};
    const QList<Event> home = result + QList<Event>{E::Next, E::Skip};
    switch (s) {
        case State::Attract:
            return {};
        case State::Language:
            return {E::Touch};
        case State::Privacy:
            return privacy;
        case State::InsertCard:
            return privacy + QList<Event>{E::ConsentAccepted};
        case State::Reading:
            return reading;
        case State::CardImage:
            return reading + QList<Event>{E::ReadDone};
        case State::FaceCapture:
            return reading + QList<Event>{E::ReadDone, E::CardImageDone};
        case State::Liveness:
            return liveness;
        case State::Verifying:
            return liveness + QList<Event>{E::LivenessPassed};
        case State::Result:
            return result;
        case State::Binding:
            return result + QList<Event>{E::Next};
        case State::ServicesHome:
            return home;
        case State::Entitlement:
            return home + QList<Event>{E::OpenEntitlement};
        case State::QueueBooking:
            return home + QList<Event>{E::OpenQueueBooking};
        case State::RequestForm:
            return home + QList<Event>{E::OpenRequestForm};
        case State::Complaint:
            return home + QList<Event>{E::OpenComplaint};
        case State::Payment:
            return home + QList<Event>{E::OpenPayment};
        case State::StatusTracking:
            return home + QList<Event>{E::OpenStatus};
        case State::Submitted:
            return home + QList<Event>{E::OpenQueueBooking, E::Submit};
        case State::StillThere:
            return home + QList<Event>{E::IdleWarning};
        case State::Error:
            return reading + QList<Event>{E::ReadFailed};
        case State::Ending:
            return home + QList<Event>{E::Finish};
    }
    return {};
}

SessionStateMachine machineIn(State s) {
    SessionStateMachine m;
    for (Event e : pathTo(s)) {
        const Transition t = m.handle(e);
        if (!t.accepted) {
            qFatal("path to %s: event %s refused in %s",
                   qPrintable(SessionStateMachine::stateName(s)),
                   qPrintable(SessionStateMachine::eventName(e)),
                   qPrintable(SessionStateMachine::stateName(m.state())));
        }
    }
    if (m.state() != s) {
        qFatal("path to %s ended in %s", qPrintable(SessionStateMachine::stateName(s)),
               qPrintable(SessionStateMachine::stateName(m.state())));
    }
    return m;
}

void addEveryState() {
    QTest::addColumn<State>("state");
    for (int i = 0; i < kStateCount; ++i) {
        const State s = State(i);
        QTest::newRow(qPrintable(SessionStateMachine::stateName(s))) << s;
    }
}

bool hasCard(State s) {
    return !(s == State::Attract || s == State::Language || s == State::Privacy ||
             s == State::InsertCard);
}

}  // namespace

class TestSessionStateMachine : public QObject {
    Q_OBJECT
private slots:
    void handle_happyPath_actionsInOrder() {
        SessionStateMachine m;
        QCOMPARE(m.handle(Event::Touch).to, State::Language);
        QCOMPARE(m.handle(Event::LanguageChosen).to, State::Privacy);
        Transition t = m.handle(Event::ConsentAccepted);
        QCOMPARE(t.to, State::InsertCard);
        QVERIFY(t.actions & RecordConsent);
        t = m.handle(Event::CardInserted);
        QCOMPARE(t.to, State::Reading);
        QVERIFY(t.actions & StartCardRead);
        QVERIFY(t.actions & PauseIdle);
        t = m.handle(Event::ReadDone);
        QCOMPARE(t.to, State::CardImage);
        QVERIFY(t.actions & StartCardImage);
        QCOMPARE(m.handle(Event::CardImageDone).to, State::FaceCapture);
        QCOMPARE(m.handle(Event::FaceCaptured).to, State::Liveness);
        t = m.handle(Event::LivenessPassed);
        QCOMPARE(t.to, State::Verifying);
        QVERIFY(t.actions & RequestProofing);
        QVERIFY(t.actions & StopCamera);
        QCOMPARE(m.handle(Event::ProofingAchieved).to, State::Result);
        QCOMPARE(m.outcome(), Outcome::Achieved);
        t = m.handle(Event::Next);
        QCOMPARE(t.to, State::Binding);
        QVERIFY(t.actions & SendBindingCode);
        QCOMPARE(m.handle(Event::CodeRejected).to, State::Binding);
        QCOMPARE(m.handle(Event::CodeAccepted).to, State::ServicesHome);
        t = m.handle(Event::OpenRequestForm);
        QCOMPARE(t.to, State::RequestForm);
        QVERIFY(t.actions & LoadService);
        t = m.handle(Event::Submit);
        QCOMPARE(t.to, State::Submitted);
        QVERIFY(t.actions & SendSubmission);
        QVERIFY(t.actions & PrintReceipt);
        QVERIFY(!(t.actions & QueueSubmission));
        QCOMPARE(m.handle(Event::Finish).to, State::Ending);
        t = m.handle(Event::CardRemoved);
        QCOMPARE(t.to, State::Attract);
        QVERIFY(t.actions & Wipe);
    }

    void handle_cardFirstThenConsent_readsWithoutInsertScreen() {
        SessionStateMachine m;
        QCOMPARE(m.handle(Event::CardInserted).to, State::Language);
        m.handle(Event::LanguageChosen);
        const Transition t = m.handle(Event::ConsentAccepted);
        QCOMPARE(t.to, State::Reading);
        QVERIFY(t.actions & RecordConsent);
        QVERIFY(t.actions & StartCardRead);
    }

    void handle_consentDeclined_nothingReadAndWiped() {
        SessionStateMachine m = machineIn(State::Privacy);
        const Transition t = m.handle(Event::ConsentDeclined);
        QCOMPARE(t.to, State::Attract);
        QVERIFY(t.actions & Wipe);
        QVERIFY(!(t.actions & (RecordConsent | StartCardRead)));
    }

    // Card pulled at every step: with a card in, the session is wiped at once
    // and the kiosk is back on the attract screen; before a card, nothing happens.
    void cardRemoved_everyState_wipesAtOnce_data() { addEveryState(); }
    void cardRemoved_everyState_wipesAtOnce() {
        QFETCH(State, state);
        SessionStateMachine m = machineIn(state);
        QCOMPARE(m.cardPresent(), hasCard(state));
        const Transition t = m.handle(Event::CardRemoved);
        if (hasCard(state)) {
            QVERIFY(t.accepted);
            QCOMPARE(t.to, State::Attract);
            QVERIFY(t.actions & Wipe);
            QVERIFY(t.actions & StopCamera);
            QVERIFY(!m.cardPresent());
            QCOMPARE(m.outcome(), Outcome::None);
        } else {
            QVERIFY(!t.accepted);
            QCOMPARE(m.state(), state);
        }
    }

    // Timeout at every step: first the question over the same screen, an answer
    // resumes; no answer wipes. Busy steps never ask (the citizen waits for us).
    void idle_everyState_askThenWipe_data() { addEveryState(); }
    void idle_everyState_askThenWipe() {
        QFETCH(State, state);
        SessionStateMachine m = machineIn(state);
        const State screen = m.screen();
        Transition t = m.handle(Event::IdleWarning);
        const bool asks = state != State::Attract && state != State::Reading &&
                          state != State::Verifying && state != State::Ending &&
                          state != State::StillThere;
        if (state == State::Attract) {
            QVERIFY(!t.accepted);
            QVERIFY(!m.handle(Event::IdleExpired).accepted);
            return;
        }
        if (asks) {
            QVERIFY(t.accepted);
            QCOMPARE(m.state(), State::StillThere);
            QCOMPARE(m.screen(), screen);
            t = m.handle(Event::Activity);
            QVERIFY(t.accepted);
            QCOMPARE(m.state(), state);
            m.handle(Event::IdleWarning);
        } else if (state != State::StillThere) {
            QVERIFY(!t.accepted);
            QCOMPARE(m.state(), state);
        }
        const bool card = m.cardPresent();
        t = m.handle(Event::IdleExpired);
        QVERIFY(t.accepted);
        QVERIFY(t.actions & Wipe);
        QCOMPARE(t.to, card ? State::Ending : State::Attract);
        if (card) {
            QVERIFY(t.actions & AskRemoveCard);
            QCOMPARE(m.handle(Event::Done).to, State::Attract);
        }
    }

    // Backend down at every step: the session goes on offline, nothing is lost.
    void backendDown_everyState_offlineNoLoss_data() { addEveryState(); }
    void backendDown_everyState_offlineNoLoss() {
        QFETCH(State, state);
        SessionStateMachine m = machineIn(state);
        const Transition t = m.handle(Event::BackendDown);
        QVERIFY(t.accepted);
        QVERIFY(m.offline());
        QVERIFY(t.actions & ShowOffline);
        QVERIFY(!(t.actions & Wipe));
        switch (state) {
            case State::Verifying:
                QCOMPARE(t.to, State::Result);
                QCOMPARE(m.outcome(), Outcome::Pending);
                QVERIFY(t.actions & KeepPending);
                break;
            case State::Binding:
                QCOMPARE(t.to, State::ServicesHome);
                break;
            default:
                QCOMPARE(t.to, state);
        }
        // Back online: the banner goes, the state stays.
        const State before = m.state();
        const Transition up = m.handle(Event::BackendUp);
        QVERIFY(up.actions & HideOffline);
        QCOMPARE(m.state(), before);
        QVERIFY(!m.offline());
    }

    void submit_offline_queuedWithReceipt_data() {
        QTest::addColumn<State>("state");
        QTest::newRow("queue_booking") << State::QueueBooking;
        QTest::newRow("request_form") << State::RequestForm;
        QTest::newRow("complaint") << State::Complaint;
        QTest::newRow("payment") << State::Payment;
    }
    void submit_offline_queuedWithReceipt() {
        QFETCH(State, state);
        SessionStateMachine m = machineIn(state);
        m.handle(Event::BackendDown);
        const Transition t = m.handle(Event::Submit);
        QCOMPARE(t.to, State::Submitted);
        QVERIFY(t.actions & QueueSubmission);
        QVERIFY(t.actions & PrintReceipt);
        QVERIFY(!(t.actions & SendSubmission));
    }

    void submit_lookupServices_notASubmission() {
        SessionStateMachine m = machineIn(State::Entitlement);
        QVERIFY(!m.handle(Event::Submit).accepted);
        QCOMPARE(m.handle(Event::Back).to, State::ServicesHome);
    }

    void livenessPassed_offline_pendingAndKept() {
        SessionStateMachine m = machineIn(State::Liveness);
        m.handle(Event::BackendDown);
        const Transition t = m.handle(Event::LivenessPassed);
        QCOMPARE(t.to, State::Result);
        QVERIFY(t.actions & KeepPending);
        QCOMPARE(m.outcome(), Outcome::Pending);
        // Binding needs the identity provider: straight to the services.
        QCOMPARE(m.handle(Event::Next).to, State::ServicesHome);
    }

    void result_notAchieved_retryOrEnd() {
        SessionStateMachine m = machineIn(State::Liveness);
        Transition t = m.handle(Event::LivenessFailed);
        QCOMPARE(t.to, State::Result);
        QCOMPARE(m.outcome(), Outcome::NotAchieved);
        t = m.handle(Event::Retry);
        QCOMPARE(t.to, State::FaceCapture);
        QVERIFY(t.actions & StartFaceCapture);
        QCOMPARE(m.outcome(), Outcome::None);
        m.handle(Event::FaceCaptured);
        m.handle(Event::LivenessPassed);
        m.handle(Event::ProofingNotAchieved);
        t = m.handle(Event::Next);
        QCOMPARE(t.to, State::Ending);
        QVERIFY(t.actions & AskRemoveCard);
    }

    void result_pending_servicesWithoutBinding() {
        SessionStateMachine m = machineIn(State::Verifying);
        m.handle(Event::ProofingPending);
        QCOMPARE(m.outcome(), Outcome::Pending);
        QCOMPARE(m.handle(Event::Next).to, State::ServicesHome);
    }

    void stillThere_partFinishesMeanwhile_screenMovesQuestionStays() {
        SessionStateMachine m = machineIn(State::FaceCapture);
        m.handle(Event::IdleWarning);
        const Transition t = m.handle(Event::FaceCaptured);
        QVERIFY(t.accepted);
        QVERIFY(t.actions & StartLiveness);
        QCOMPARE(m.state(), State::StillThere);
        QCOMPARE(m.screen(), State::Liveness);
        m.handle(Event::Activity);
        QCOMPARE(m.state(), State::Liveness);
    }

    void error_retry_resumesStepAndRestartsIt() {
        SessionStateMachine m = machineIn(State::CardImage);
        Transition t = m.handle(Event::Failure);
        QCOMPARE(t.to, State::Error);
        QVERIFY(t.actions & StopCamera);
        t = m.handle(Event::Retry);
        QCOMPARE(t.to, State::CardImage);
        QVERIFY(t.actions & StartCardImage);
    }

    void cancel_everyActiveState_endsAndWipes_data() { addEveryState(); }
    void cancel_everyActiveState_endsAndWipes() {
        QFETCH(State, state);
        SessionStateMachine m = machineIn(state);
        const Transition t = m.handle(Event::Cancel);
        if (state == State::Attract || state == State::Ending) {
            QVERIFY(!t.accepted);
            return;
        }
        QVERIFY(t.actions & Wipe);
        QCOMPARE(t.to, hasCard(state) ? State::Ending : State::Attract);
    }

    void table_everyStateReachableAndLeavable() {
        QSet<int> targets{int(State::Attract)};
        for (const Row& r : SessionStateMachine::table()) {
            QVERIFY(r.from.bits != 0);
            if (r.target == Target::To) {
                targets.insert(int(r.to));
            }
        }
        for (int i = 0; i < kStateCount; ++i) {
            const State s = State(i);
            QVERIFY2(targets.contains(i) || s == State::StillThere || s == State::Error,
                     qPrintable(SessionStateMachine::stateName(s)));
            // Every state but the attract screen can be left by the citizen.
            if (s != State::Attract) {
                SessionStateMachine m = machineIn(s);
                const Event out = s == State::Ending ? Event::Done : Event::IdleExpired;
                QVERIFY2(m.handle(out).to != s, qPrintable(SessionStateMachine::stateName(s)));
            }
        }
    }

    void names_everyStateAndEvent_uniqueAndKnown() {
        QSet<QString> names;
        for (int i = 0; i < kStateCount; ++i) {
            names.insert(SessionStateMachine::stateName(State(i)));
        }
        QCOMPARE(names.size(), kStateCount);
        QVERIFY(!names.contains(QStringLiteral("unknown")));
        names.clear();
        for (int i = 0; i < kEventCount; ++i) {
            names.insert(SessionStateMachine::eventName(Event(i)));
        }
        QCOMPARE(names.size(), kEventCount);
    }
};

QTEST_GUILESS_MAIN(TestSessionStateMachine)
#include "tst_session_state_machine.moc"
