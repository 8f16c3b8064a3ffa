// The fleet agent's configuration lifecycle as an explicit state machine:
// a transition table, a pure next-state function, tested by events.
//
//   Idle --BundleAccepted--> Staging --Staged--> Applying --Applied--> HealthCheck
//   HealthCheck --HealthPassed--> Committing --Committed--> Idle
//   Staging --StepFailed--> Idle                  (nothing was changed)
//   Applying|HealthCheck|Committing --StepFailed|HealthFailed--> RollingBack
//   RollingBack --RolledBack--> Idle
#pragma once

#include <QString>
#include <optional>

namespace kiosk::fleet {

enum class AgentState { Idle, Staging, Applying, HealthCheck, Committing, RollingBack };
enum class AgentEvent {
    BundleAccepted,
    Staged,
    Applied,
    HealthPassed,
    HealthFailed,
    Committed,
    StepFailed,
    RolledBack,
};

struct AgentTransition {
    AgentState from;
    AgentEvent event;
    AgentState to;
};

inline constexpr AgentTransition kAgentTransitions[] = {
    {AgentState::Idle, AgentEvent::BundleAccepted, AgentState::Staging},
    {AgentState::Staging, AgentEvent::Staged, AgentState::Applying},
    {AgentState::Staging, AgentEvent::StepFailed, AgentState::Idle},
    {AgentState::Applying, AgentEvent::Applied, AgentState::HealthCheck},
    {AgentState::Applying, AgentEvent::StepFailed, AgentState::RollingBack},
    {AgentState::HealthCheck, AgentEvent::HealthPassed, AgentState::Committing},
    {AgentState::HealthCheck, AgentEvent::HealthFailed, AgentState::RollingBack},
    {AgentState::Committing, AgentEvent::Committed, AgentState::Idle},
    {AgentState::Committing, AgentEvent::StepFailed, AgentState::RollingBack},
    {AgentState::RollingBack, AgentEvent::RolledBack, AgentState::Idle},
};

// The state after `event` in `from`, or nothing when the table has no such row
// (the event is then ignored and logged).
constexpr std::optional<AgentState> nextAgentState(AgentState from, AgentEvent event) {
    for (const auto& t : kAgentTransitions) {
        if (t.from == from && t.event == event) {
            return t.to;
        }
    }
    return std::nullopt;
}

QString agentStateName(AgentState s);
QString agentEventName(AgentEvent e);

}  // namespace kiosk::fleet
