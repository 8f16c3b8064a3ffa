#include "session_state_machine.h"

namespace kiosk::session {

namespace {

using S = State;
using E = Event;
using G = Guard;
using T = Target;

constexpr StateSet kServices = StateSet(S::Entitlement) | S::QueueBooking | S::RequestForm |
                               S::Complaint | S::Payment | S::StatusTracking;
// Services whose confirmation creates a request at the portal.
constexpr StateSet kSubmitting =
    StateSet(S::QueueBooking) | S::RequestForm | S::Complaint | S::Payment;
constexpr StateSet kActive = StateSet::all().without(S::Attract);
// The machine is working and the citizen waits: no idle question here.
constexpr StateSet kBusy = StateSet(S::Reading) | S::Verifying;
constexpr StateSet kBeforeCard = StateSet(S::Language) | S::Privacy;

// Specific rows first, then the rules that hold in every state; first match wins.
const std::vector<Row> kTable = {
    // Start: a touch, or a card pushed in straight away.
    {S::Attract, E::Touch, G::Always, T::To, S::Language, NoAction},
    {S::Attract, E::CardInserted, G::Always, T::To, S::Language, NoAction},
    {S::Language, E::LanguageChosen, G::Always, T::To, S::Privacy, NoAction},
    // Nothing is read from the card before consent.
    {S::Privacy, E::ConsentAccepted, G::CardIn, T::To, S::Reading,
     RecordConsent | StartCardRead | PauseIdle},
    {S::Privacy, E::ConsentAccepted, G::NoCard, T::To, S::InsertCard, RecordConsent},
    {S::Privacy, E::ConsentDeclined, G::CardIn, T::To, S::Ending, Wipe | AskRemoveCard},
    {S::Privacy, E::ConsentDeclined, G::NoCard, T::To, S::Attract, Wipe},
    {kBeforeCard, E::CardInserted, G::Always, T::Stay, S::Attract, NoAction},
    {S::InsertCard, E::CardInserted, G::Always, T::To, S::Reading, StartCardRead | PauseIdle},
    {S::Reading, E::ReadDone, G::Always, T::To, S::CardImage, StartCardImage | ResumeIdle},
    {S::Reading, E::ReadFailed, G::Always, T::To, S::Error, ResumeIdle},
    {S::CardImage, E::CardImageDone, G::Always, T::To, S::FaceCapture, StartFaceCapture},
    {S::FaceCapture, E::FaceCaptured, G::Always, T::To, S::Liveness, StartLiveness},
    {S::Liveness, E::LivenessPassed, G::Online, T::To, S::Verifying,
     StopCamera | RequestProofing | PauseIdle},
    // Offline: the evidence is kept and checked when the backend is back.
    {S::Liveness, E::LivenessPassed, G::Offline, T::To, S::Result, StopCamera | KeepPending},
    {S::Liveness, E::LivenessFailed, G::Always, T::To, S::Result, StopCamera},
    {S::Verifying, E::ProofingAchieved, G::Always, T::To, S::Result, ResumeIdle},
    {S::Verifying, E::ProofingPending, G::Always, T::To, S::Result, KeepPending | ResumeIdle},
    {S::Verifying, E::ProofingNotAchieved, G::Always, T::To, S::Result, ResumeIdle},
    {S::Verifying, E::BackendDown, G::Always, T::To, S::Result,
     ShowOffline | KeepPending | ResumeIdle},
    {S::Result, E::Next, G::NotAchieved, T::To, S::Ending, AskRemoveCard},
    {S::Result, E::Retry, G::NotAchieved, T::To, S::FaceCapture, StartFaceCapture},
    // Binding needs the identity provider; offline, services run on queued submissions.
    {S::Result, E::Next, G::Offline, T::To, S::ServicesHome, NoAction},
    {S::Result, E::Next, G::Achieved, T::To, S::Binding, SendBindingCode},
    {S::Result, E::Next, G::Pending, T::To, S::ServicesHome, NoAction},
    {S::Binding, E::CodeAccepted, G::Always, T::To, S::ServicesHome, NoAction},
    {S::Binding, E::CodeRejected, G::Always, T::Stay, S::Attract, NoAction},
    {S::Binding, E::Skip, G::Always, T::To, S::ServicesHome, NoAction},
    {S::Binding, E::BackendDown, G::Always, T::To, S::ServicesHome, ShowOffline},
    {S::ServicesHome, E::OpenEntitlement, G::Always, T::To, S::Entitlement, LoadService},
    {S::ServicesHome, E::OpenQueueBooking, G::Always, T::To, S::QueueBooking, LoadService},
    {S::ServicesHome, E::OpenRequestForm, G::Always, T::To, S::RequestForm, LoadService},
    {S::ServicesHome, E::OpenComplaint, G::Always, T::To, S::Complaint, LoadService},
    {S::ServicesHome, E::OpenPayment, G::Always, T::To, S::Payment, LoadService},
    {S::ServicesHome, E::OpenStatus, G::Always, T::To, S::StatusTracking, LoadService},
    {S::ServicesHome, E::Finish, G::Always, T::To, S::Ending, AskRemoveCard},
    {kSubmitting, E::Submit, G::Online, T::To, S::Submitted, SendSubmission | PrintReceipt},
    {kSubmitting, E::Submit, G::Offline, T::To, S::Submitted, QueueSubmission | PrintReceipt},
    {kServices | S::Submitted, E::Back, G::Always, T::To, S::ServicesHome, NoAction},
    {kServices | S::Submitted, E::Finish, G::Always, T::To, S::Ending, AskRemoveCard},
    {S::Error, E::Retry, G::Always, T::Resume, S::Attract, NoAction},
    {S::Ending, E::Done, G::Always, T::To, S::Attract, Wipe},

    // Every state: the card leaving ends everything at once.
    {kActive, E::CardRemoved, G::CardIn, T::To, S::Attract, Wipe | StopCamera},
    {kActive.without(kBusy | S::StillThere | S::Ending), E::IdleWarning, G::Always, T::To,
     S::StillThere, NoAction},
    {S::StillThere, E::Activity, G::Always, T::Resume, S::Attract, NoAction},
    {kActive, E::IdleExpired, G::CardIn, T::To, S::Ending, Wipe | StopCamera | AskRemoveCard},
    {kActive, E::IdleExpired, G::NoCard, T::To, S::Attract, Wipe | StopCamera},
    {kActive.without(S::Ending), E::Cancel, G::CardIn, T::To, S::Ending,
     Wipe | StopCamera | AskRemoveCard},
    {kActive.without(S::Ending), E::Cancel, G::NoCard, T::To, S::Attract, Wipe | StopCamera},
    {kActive.without(StateSet(S::Error) | S::Ending | S::StillThere), E::Failure, G::Always, T::To,
     S::Error, StopCamera | ResumeIdle},
    {StateSet::all(), E::BackendDown, G::Always, T::Stay, S::Attract, ShowOffline},
    {StateSet::all(), E::BackendUp, G::Always, T::Stay, S::Attract, HideOffline},
};

// What entering a state starts; used when Retry returns to a step.
Actions entryActions(State s) {
    switch (s) {
        case S::Reading:
            return StartCardRead | PauseIdle;
        case S::CardImage:
            return StartCardImage;
        case S::FaceCapture:
            return StartFaceCapture;
        case S::Liveness:
            return StartFaceCapture | StartLiveness;
        case S::Verifying:
            return RequestProofing | PauseIdle;
        case S::Entitlement:
        case S::QueueBooking:
        case S::RequestForm:
        case S::Complaint:
        case S::Payment:
        case S::StatusTracking:
            return LoadService;
        default:
            return NoAction;
    }
}

}  // namespace

const std::vector<Row>& SessionStateMachine::table() {
    return kTable;
}

bool SessionStateMachine::guardHolds(Guard guard) const {
    switch (guard) {
        case G::Always:
            return true;
        case G::Online:
            return !m_offline;
        case G::Offline:
            return m_offline;
        case G::CardIn:
            return m_cardPresent;
        case G::NoCard:
            return !m_cardPresent;
        case G::Achieved:
            return m_outcome == Outcome::Achieved;
        case G::Pending:
            return m_outcome == Outcome::Pending;
        case G::NotAchieved:
            return m_outcome == Outcome::NotAchieved;
    }
    return false;
}

Transition SessionStateMachine::handle(Event event) {
    Transition t;
    t.from = m_state;
    t.to = m_state;

    auto match = [&](State state) -> const Row* {
        for (const Row& row : kTable) {
            if (row.event == event && row.from.contains(state) && guardHolds(row.guard)) {
                return &row;
            }
        }
        return nullptr;
    };

    const Row* row = match(m_state);
    // Under the idle question the session goes on: an event the covered
    // screen understands moves that screen, and the question stays up.
    if (!row && m_state == State::StillThere) {
        if (const Row* inner = match(m_resume); inner && inner->target != Target::Resume) {
            const State to = inner->target == Target::To ? inner->to : m_resume;
            applyFacts(event, to);
            t.accepted = true;
            t.actions = inner->actions;
            if (to == State::Attract || to == State::Ending) {
                m_state = to;
            } else {
                m_resume = to;
            }
            t.to = m_state;
            return t;
        }
    }
    if (!row) {
        return t;  // ignored
    }

    State next = m_state;
    Actions actions = row->actions;
    switch (row->target) {
        case Target::To:
            next = row->to;
            break;
        case Target::Stay:
            break;
        case Target::Resume:
            next = m_resume;
            if (m_state == State::Error) {
                actions |= entryActions(next);
            }
            break;
    }
    if ((next == State::StillThere || next == State::Error) && m_state != next) {
        m_resume = m_state;
    }
    applyFacts(event, next);
    m_state = next;
    t.accepted = true;
    t.to = next;
    t.actions = actions;
    return t;
}

void SessionStateMachine::applyFacts(Event event, State to) {
    switch (event) {
        case E::CardInserted:
            m_cardPresent = true;
            break;
        case E::CardRemoved:
            m_cardPresent = false;
            break;
        case E::BackendDown:
            m_offline = true;
            break;
        case E::BackendUp:
            m_offline = false;
            break;
        case E::ProofingAchieved:
            m_outcome = Outcome::Achieved;
            break;
        case E::ProofingPending:
            m_outcome = Outcome::Pending;
            break;
        case E::ProofingNotAchieved:
        case E::LivenessFailed:
            m_outcome = Outcome::NotAchieved;
            break;
        default:
            break;
    }
    // Proofing could not reach the backend: the result is pending, not refused.
    if (to == State::Result && m_outcome == Outcome::None) {
        m_outcome = Outcome::Pending;
    }
    if (to == State::FaceCapture && event == E::Retry) {
        m_outcome = Outcome::None;
    }
    if (to == State::Attract) {
        // A fresh start: the next citizen must insert (or re-insert) a card,
        // so an abandoned card is never read into someone else's session.
        m_cardPresent = false;
        m_outcome = Outcome::None;
        m_resume = State::Attract;
    }
}

QString SessionStateMachine::stateName(State state) {
    switch (state) {
        case S::Attract:
            return QStringLiteral("attract");
        case S::Language:
            return QStringLiteral("language");
        case S::Privacy:
            return QStringLiteral("privacy");
        case S::InsertCard:
            return QStringLiteral("insert_card");
        case S::Reading:
            return QStringLiteral("reading");
        case S::CardImage:
            return QStringLiteral("card_image");
        case S::FaceCapture:
            return QStringLiteral("face_capture");
        case S::Liveness:
            return QStringLiteral("liveness");
        case S::Verifying:
            return QStringLiteral("verifying");
        case S::Result:
            return QStringLiteral("result");
        case S::Binding:
            return QStringLiteral("binding");
        case S::ServicesHome:
            return QStringLiteral("services");
        case S::Entitlement:
            return QStringLiteral("entitlement");
        case S::QueueBooking:
            return QStringLiteral("queue_booking");
        case S::RequestForm:
            return QStringLiteral("request_form");
        case S::Complaint:
            return QStringLiteral("complaint");
        case S::Payment:
            return QStringLiteral("payment");
        case S::StatusTracking:
            return QStringLiteral("status_tracking");
        case S::Submitted:
            return QStringLiteral("submitted");
        case S::StillThere:
            return QStringLiteral("still_there");
        case S::Error:
            return QStringLiteral("error");
        case S::Ending:
            return QStringLiteral("ending");
    }
    return QStringLiteral("unknown");
}

QString SessionStateMachine::eventName(Event event) {
    static const char* const kNames[kEventCount] = {
        "touch",
        "language_chosen",
        "consent_accepted",
        "consent_declined",
        "card_inserted",
        "card_removed",
        "read_done",
        "read_failed",
        "card_image_done",
        "face_captured",
        "liveness_passed",
        "liveness_failed",
        "proofing_achieved",
        "proofing_pending",
        "proofing_not_achieved",
        "next",
        "code_accepted",
        "code_rejected",
        "skip",
        "open_entitlement",
        "open_queue_booking",
        "open_request_form",
        "open_complaint",
        "open_payment",
        "open_status",
        "submit",
        "back",
        "finish",
        "cancel",
        "idle_warning",
        "activity",
        "idle_expired",
        "backend_down",
        "backend_up",
        "failure",
        "retry",
        "done",
    };
    const int i = int(event);
    return i >= 0 && i < kEventCount ? QString::fromLatin1(kNames[i]) : QStringLiteral("unknown");
}

}  // namespace kiosk::session
