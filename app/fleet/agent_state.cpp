#include "agent_state.h"

namespace kiosk::fleet {

QString agentStateName(AgentState s) {
    switch (s) {
        case AgentState::Idle:
            return QStringLiteral("idle");
        case AgentState::Staging:
            return QStringLiteral("staging");
        case AgentState::Applying:
            return QStringLiteral("applying");
        case AgentState::HealthCheck:
            return QStringLiteral("health-check");
        case AgentState::Committing:
            return QStringLiteral("committing");
        case AgentState::RollingBack:
            return QStringLiteral("rolling-back");
    }
    return QStringLiteral("unknown");
}

QString agentEventName(AgentEvent e) {
    switch (e) {
        case AgentEvent::BundleAccepted:
            return QStringLiteral("bundle-accepted");
        case AgentEvent::Staged:
            return QStringLiteral("staged");
        case AgentEvent::Applied:
            return QStringLiteral("applied");
        case AgentEvent::HealthPassed:
            return QStringLiteral("health-passed");
        case AgentEvent::HealthFailed:
            return QStringLiteral("health-failed");
        case AgentEvent::Committed:
            return QStringLiteral("committed");
        case AgentEvent::StepFailed:
            return QStringLiteral("step-failed");
        case AgentEvent::RolledBack:
            return QStringLiteral("rolled-back");
    }
    return QStringLiteral("unknown");
}

}  // namespace kiosk::fleet
