// The citizen session as an explicit state machine: one table of
// (state, event, guard) -> (next state, actions). The table is the single
// place where the journey's rules live; the UI view-model only feeds it events
// and carries out the actions it returns, so every rule is testable by events.
//
// Privacy rules encoded here (DESIGN.md): card removal wipes the session at
// once from every state where a card is in; an idle timeout first asks "are
// you still there?", then wipes; the backend going down never loses work, it
// switches to offline handling (pending proofing, queued submissions).
#pragma once

#include <QString>
#include <cstdint>
#include <vector>

namespace kiosk::session {

enum class State : std::uint8_t {
    Attract,         // passer-by screen, no session
    Language,        // choose Thai / English
    Privacy,         // privacy notice and consent
    InsertCard,      // animated guidance to insert the card
    Reading,         // chip read in progress (busy)
    CardImage,       // camera on the card's back for the laser code (OCR guidance)
    FaceCapture,     // live face quality guidance
    Liveness,        // active challenges
    Verifying,       // waiting for proofing (busy)
    Result,          // IAL 2.3 achieved / pending / not achieved
    Binding,         // account binding by one-time code
    ServicesHome,    // Citizen Portal catalogue
    Entitlement,     // entitlement check (e.g. health coverage)
    QueueBooking,    // calendar of slots
    RequestForm,     // form rendered from the portal's schema, prefilled from the chip
    Complaint,       // free-text complaint
    Payment,         // PromptPay QR
    StatusTracking,  // status of earlier requests
    Submitted,       // receipt for a submission (sent or queued offline)
    StillThere,      // "are you still there?" countdown over the current screen
    Error,           // something failed; retry or end
    Ending,          // thank you, take your card
};
inline constexpr int kStateCount = int(State::Ending) + 1;

enum class Event : std::uint8_t {
    Touch,                // attract screen touched
    LanguageChosen,       // language picked
    ConsentAccepted,      // citizen accepted the notice shown
    ConsentDeclined,      // citizen declined: nothing may be read
    CardInserted,         // reader saw a card
    CardRemoved,          // reader lost the card
    ReadDone,             // chip read complete
    ReadFailed,           // chip unreadable (fatal for this card)
    CardImageDone,        // laser code read from the card image
    FaceCaptured,         // a good enough face frame was taken
    LivenessPassed,       // all challenges answered
    LivenessFailed,       // challenges not answered / presentation attack
    ProofingAchieved,     // IAL 2.3 reached
    ProofingPending,      // evidence kept; a backend check is still outstanding
    ProofingNotAchieved,  // refused, with a reason
    Next,                 // "continue" on an information screen
    CodeAccepted,         // one-time code bound the account
    CodeRejected,         // wrong one-time code (stay, try again)
    Skip,                 // skip an optional step (binding)
    OpenEntitlement,
    OpenQueueBooking,
    OpenRequestForm,
    OpenComplaint,
    OpenPayment,
    OpenStatus,
    Submit,       // citizen confirmed a service request
    Back,         // back to the services home
    Finish,       // citizen is done
    Cancel,       // citizen abandons the session
    IdleWarning,  // no input for a while: ask
    Activity,     // citizen answered the idle question
    IdleExpired,  // nobody answered: wipe
    BackendDown,  // the portal / proofing services became unreachable
    BackendUp,
    Failure,  // a device or step failed in a way the citizen can retry
    Retry,
    Done,  // the end screen's timer ran out
};
inline constexpr int kEventCount = int(Event::Done) + 1;

// What the view-model must do on a transition; several may be combined.
enum Action : std::uint32_t {
    NoAction = 0,
    Wipe = 1u << 0,            // zeroize all personal data of the session
    RecordConsent = 1u << 1,   // keep consent: text version, time, action
    StartCardRead = 1u << 2,   // read the chip
    StartCardImage = 1u << 3,  // camera + OCR guidance on the card
    StartFaceCapture = 1u << 4,
    StartLiveness = 1u << 5,
    StopCamera = 1u << 6,
    RequestProofing = 1u << 7,
    KeepPending = 1u << 8,  // store the proofing evidence for later (offline)
    ShowOffline = 1u << 9,
    HideOffline = 1u << 10,
    SendSubmission = 1u << 11,
    QueueSubmission = 1u << 12,  // into the encrypted outbox with a tracking reference
    PrintReceipt = 1u << 13,
    AskRemoveCard = 1u << 14,
    LoadService = 1u << 15,  // fetch the data the opened service needs
    SendBindingCode = 1u << 16,
    PauseIdle = 1u << 17,  // busy states: the citizen is waiting for us
    ResumeIdle = 1u << 18,
};
using Actions = std::uint32_t;

enum class Outcome : std::uint8_t { None, Achieved, Pending, NotAchieved };

// A row applies when the current state is in `from`, the event matches and the guard holds.
enum class Guard : std::uint8_t {
    Always,
    Online,
    Offline,
    CardIn,
    NoCard,
    Achieved,
    Pending,
    NotAchieved
};

struct StateSet {
    std::uint32_t bits = 0;
    constexpr StateSet() = default;
    constexpr StateSet(State s) : bits(1u << unsigned(s)) {}
    constexpr StateSet operator|(StateSet o) const {
        StateSet r;
        r.bits = bits | o.bits;
        return r;
    }
    constexpr bool contains(State s) const { return bits & (1u << unsigned(s)); }
    static constexpr StateSet all() {
        StateSet r;
        r.bits = (1u << kStateCount) - 1;
        return r;
    }
    constexpr StateSet without(StateSet o) const {
        StateSet r;
        r.bits = bits & ~o.bits;
        return r;
    }
};

// Special targets.
enum class Target : std::uint8_t { To, Stay, Resume };

struct Row {
    StateSet from;
    Event event;
    Guard guard;
    Target target;
    State to;  // when target == To
    Actions actions;
};

struct Transition {
    bool accepted = false;  // false: the event means nothing in this state (ignored)
    State from = State::Attract;
    State to = State::Attract;
    Actions actions = NoAction;
};

class SessionStateMachine {
public:
    SessionStateMachine() = default;

    Transition handle(Event event);

    State state() const { return m_state; }
    // The screen to show: under the idle question, the screen it covers.
    State screen() const { return m_state == State::StillThere ? m_resume : m_state; }
    bool offline() const { return m_offline; }
    bool cardPresent() const { return m_cardPresent; }
    Outcome outcome() const { return m_outcome; }

    static const std::vector<Row>& table();
    static QString stateName(State state);
    static QString eventName(Event event);
    // True in states that hold personal data or a started session (not Attract).
    static bool inSession(State state) { return state != State::Attract; }

private:
    bool guardHolds(Guard guard) const;
    void applyFacts(Event event, State to);

    State m_state = State::Attract;
    State m_resume = State::Attract;  // where StillThere / Error return to
    bool m_offline = false;
    bool m_cardPresent = false;
    Outcome m_outcome = Outcome::None;
};

}  // namespace kiosk::session
