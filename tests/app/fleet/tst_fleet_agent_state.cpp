// The agent's transition table, driven by events.
#include "agent_state.h"

#include <QTest>

using namespace kiosk::fleet;
using S = AgentState;
using E = AgentEvent;

class TstFleetAgentState : public QObject {
    Q_OBJECT

    static S run(S from, std::initializer_list<E> events) {
        S s = from;
        for (E e : events) {
            const auto next = nextAgentState(s, e);
            if (next) {
                s = *next;  // events without a row are ignored, as in the agent
            }
        }
        return s;
    }

private slots:
    void nextAgentState_happyPath_endsIdleThroughCommit() {
        QCOMPARE(nextAgentState(S::Idle, E::BundleAccepted), S::Staging);
        QCOMPARE(nextAgentState(S::Staging, E::Staged), S::Applying);
        QCOMPARE(nextAgentState(S::Applying, E::Applied), S::HealthCheck);
        QCOMPARE(nextAgentState(S::HealthCheck, E::HealthPassed), S::Committing);
        QCOMPARE(nextAgentState(S::Committing, E::Committed), S::Idle);
    }

    void nextAgentState_healthFailed_rollsBack() {
        QCOMPARE(run(S::Idle, {E::BundleAccepted, E::Staged, E::Applied, E::HealthFailed}),
                 S::RollingBack);
        QCOMPARE(nextAgentState(S::RollingBack, E::RolledBack), S::Idle);
    }

    void nextAgentState_stagingFailed_backToIdleWithoutRollback() {
        QCOMPARE(nextAgentState(S::Staging, E::StepFailed), S::Idle);
    }

    void nextAgentState_applyOrCommitFailed_rollsBack() {
        QCOMPARE(nextAgentState(S::Applying, E::StepFailed), S::RollingBack);
        QCOMPARE(nextAgentState(S::Committing, E::StepFailed), S::RollingBack);
    }

    void nextAgentState_bundleWhileBusy_notATransition() {
        for (S s : {S::Staging, S::Applying, S::HealthCheck, S::Committing, S::RollingBack}) {
            QVERIFY(!nextAgentState(s, E::BundleAccepted));
        }
    }

    void nextAgentState_lateHealthAnswer_ignoredOutsideHealthCheck() {
        QVERIFY(!nextAgentState(S::Idle, E::HealthPassed));
        QVERIFY(!nextAgentState(S::RollingBack, E::HealthPassed));
        QVERIFY(!nextAgentState(S::Committing, E::HealthFailed));
    }

    void table_everyStateReachesIdle() {
        for (S s :
             {S::Idle, S::Staging, S::Applying, S::HealthCheck, S::Committing, S::RollingBack}) {
            // Failure path from every state ends in Idle.
            QCOMPARE(run(s, {E::StepFailed, E::HealthFailed, E::RolledBack}), S::Idle);
        }
    }

    void names_areStable() {
        QCOMPARE(agentStateName(S::HealthCheck), QStringLiteral("health-check"));
        QCOMPARE(agentEventName(E::RolledBack), QStringLiteral("rolled-back"));
    }
};

QTEST_GUILESS_MAIN(TstFleetAgentState)
#include "tst_fleet_agent_state.moc"
