#include "fleet_agent.h"

#include "topics.h"

#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSaveFile>

Q_LOGGING_CATEGORY(lcFleetAgent, "kiosk.fleet.agent")

namespace kiosk::fleet {

namespace {
constexpr int kHistoryLimit = 20;
constexpr int kRecentErrorsLimit = 5;
}  // namespace

FleetAgent::FleetAgent(Options options, FleetTransport* transport, ConfigTarget* target,
                       QObject* parent)
    : QObject(parent),
      m_options(std::move(options)),
      m_transport(transport),
      m_target(target),
      m_replay(m_options.limits.maxRememberedNonces) {
    m_healthTimer.setSingleShot(true);
    connect(&m_healthTimer, &QTimer::timeout, this, [this] {
        if (m_state == AgentState::HealthCheck) {
            ++m_healthGeneration;  // a late answer is ignored
            m_failureCode = QStringLiteral("health-failed");
            m_failureReason = QStringLiteral("health check did not finish in %1 ms")
                                  .arg(m_options.healthTimeoutMs);
            dispatch(AgentEvent::HealthFailed);
        }
    });
    connect(&m_heartbeatTimer, &QTimer::timeout, this, &FleetAgent::sendHeartbeat);
    connect(m_transport, &FleetTransport::messageReceived, this, &FleetAgent::handleMessage);
    connect(m_transport, &FleetTransport::connectedChanged, this, &FleetAgent::onConnected);
    m_uptime.start();
    load();
}

QDateTime FleetAgent::now() const {
    return m_options.clock ? m_options.clock() : QDateTime::currentDateTimeUtc();
}

void FleetAgent::start() {
    const QJsonObject offline{{QStringLiteral("kiosk"), m_options.kioskId},
                              {QStringLiteral("online"), false}};
    m_transport->setWill(topics::kiosk(m_options.kioskId, "status"),
                         QJsonDocument(offline).toJson(QJsonDocument::Compact), true);
    m_transport->subscribe(topics::kiosk(m_options.kioskId, "desired"));
    m_transport->subscribe(topics::kiosk(m_options.kioskId, "command"));
    if (!m_options.group.isEmpty()) {
        m_transport->subscribe(topics::group(m_options.group, "desired"));
        m_transport->subscribe(topics::group(m_options.group, "command"));
    }
    m_transport->start();
    m_heartbeatTimer.start(m_options.heartbeatMs);
}

void FleetAgent::stop() {
    m_heartbeatTimer.stop();
    if (m_transport->isConnected()) {
        const QJsonObject offline{{QStringLiteral("kiosk"), m_options.kioskId},
                                  {QStringLiteral("online"), false}};
        m_transport->publish(topics::kiosk(m_options.kioskId, "status"),
                             QJsonDocument(offline).toJson(QJsonDocument::Compact), true);
    }
    m_transport->stop();
}

void FleetAgent::onConnected(bool connected) {
    qCInfo(lcFleetAgent).noquote() << m_options.kioskId
                                   << (connected ? "connected to the fleet broker"
                                                 : "lost the fleet broker; retrying with backoff");
    if (connected) {
        const QJsonObject online{{QStringLiteral("kiosk"), m_options.kioskId},
                                 {QStringLiteral("online"), true}};
        m_transport->publish(topics::kiosk(m_options.kioskId, "status"),
                             QJsonDocument(online).toJson(QJsonDocument::Compact), true);
        publishReported();
    }
    emit connectedChanged(connected);
}

void FleetAgent::handleMessage(const QString& topic, const QByteArray& payload) {
    const QString leaf = topics::leafOf(topic);
    if (leaf == QLatin1String("desired")) {
        if (payload.isEmpty()) {
            return;  // a cleared retained message
        }
        handleBundle(payload);
    } else if (leaf == QLatin1String("command")) {
        handleCommand(payload);
    }
}

void FleetAgent::handleBundle(const QByteArray& payload) {
    auto opened = openEnvelope(payload, m_options.limits.maxBundleBytes, m_options.trustedKeys);
    if (!opened) {
        reject(QStringLiteral("bundle"), opened.error());
        return;
    }
    const qint64 claimed =
        static_cast<qint64>(opened->object.value(QLatin1String("version")).toDouble());
    auto bundle = parseBundle(*opened, m_options.kioskId, m_options.group, now(), m_options.limits);
    if (!bundle) {
        reject(QStringLiteral("bundle"), bundle.error(), claimed);
        return;
    }
    // The same bundle again (retained on the kiosk and the group topic, or
    // re-sent on reconnect) is not news.
    if (bundle->digest == m_committedDigest || bundle->digest == m_attemptedDigest ||
        (m_current && bundle->digest == m_current->digest)) {
        qCDebug(lcFleetAgent) << "bundle version" << bundle->version << "already handled";
        return;
    }
    if (m_state != AgentState::Idle) {
        m_pending = payload;  // the newest one waits for the current apply
        return;
    }
    const qint64 floor = std::max(m_committedVersion, m_attemptedVersion);
    if (bundle->version <= floor) {
        reject(
            QStringLiteral("bundle"),
            fleetError(
                FleetError::Code::Replayed,
                QStringLiteral("version %1 is not newer than %2").arg(bundle->version).arg(floor)),
            bundle->version);
        return;
    }
    auto candidate = candidateConfig(m_target->running(), *bundle);
    if (!candidate) {
        reject(QStringLiteral("bundle"), candidate.error(), bundle->version);
        return;
    }
    m_current = *bundle;
    m_candidate = *candidate;
    m_attemptedVersion = bundle->version;
    m_attemptedDigest = bundle->digest;
    m_failureCode.clear();
    m_failureReason.clear();
    m_needsRestart.clear();
    save();
    audit(QStringLiteral("fleet.bundle.accepted"), QStringLiteral("v%1").arg(bundle->version),
          QStringLiteral("key %1, %2").arg(bundle->keyId, bundle->target.describe()));
    dispatch(AgentEvent::BundleAccepted);
}

void FleetAgent::handleCommand(const QByteArray& payload) {
    auto opened = openEnvelope(payload, m_options.limits.maxCommandBytes, m_options.trustedKeys);
    if (!opened) {
        reject(QStringLiteral("command"), opened.error());
        return;
    }
    auto command =
        parseCommand(*opened, m_options.kioskId, m_options.group, now(), m_options.limits);
    if (!command) {
        reject(QStringLiteral("command"), command.error());
        return;
    }
    if (auto r = m_replay.admit(*command, now(), m_options.limits.clockSkewS); !r) {
        reject(QStringLiteral("command"), r.error());
        return;
    }
    save();  // the nonce is spent before the command runs, even if it crashes
    audit(QStringLiteral("fleet.command"), command->name,
          QStringLiteral("nonce %1, key %2").arg(command->nonce.left(8), command->keyId));
    Result<QJsonObject, QString> result =
        m_commands ? m_commands(*command)
                   : Result<QJsonObject, QString>(fail(QStringLiteral("no command handler")));
    QJsonObject event{{QStringLiteral("type"), QStringLiteral("command-result")},
                      {QStringLiteral("command"), command->name},
                      {QStringLiteral("nonce"), command->nonce},
                      {QStringLiteral("ok"), result.has_value()}};
    if (result) {
        event.insert(QStringLiteral("result"), *result);
    } else {
        event.insert(QStringLiteral("error"), result.error());
        m_recentErrors << QStringLiteral("command %1: %2").arg(command->name, result.error());
    }
    publishEvent(event);
    emit commandHandled(command->name, result.has_value());
}

void FleetAgent::reject(const QString& what, const FleetError& e, qint64 version) {
    qCWarning(lcFleetAgent).noquote() << "rejected" << what << e.summary();
    m_recentErrors << QStringLiteral("%1 %2: %3").arg(what, e.codeName(), e.reason);
    while (m_recentErrors.size() > kRecentErrorsLimit) {
        m_recentErrors.removeFirst();
    }
    audit(QStringLiteral("fleet.%1.rejected").arg(what), e.codeName(), e.reason);
    QJsonObject event{{QStringLiteral("type"), QStringLiteral("rejected")},
                      {QStringLiteral("what"), what},
                      {QStringLiteral("code"), e.codeName()},
                      {QStringLiteral("reason"), e.reason},
                      {QStringLiteral("at"), isoUtc(now())}};
    if (version > 0) {
        event.insert(QStringLiteral("version"), version);
    }
    publishEvent(event);
    if (what == QLatin1String("bundle")) {
        // Operators watching a rollout see it in the shadow too.
        m_lastResult = event;
        m_lastResult.insert(QStringLiteral("outcome"), QStringLiteral("rejected"));
        publishReported();
    }
    emit rejected(what, e);
}

void FleetAgent::dispatch(AgentEvent event) {
    m_events.enqueue(event);
    if (m_dispatching) {
        return;  // the running loop picks it up: no re-entrant transitions
    }
    m_dispatching = true;
    while (!m_events.isEmpty()) {
        const AgentEvent e = m_events.dequeue();
        const auto next = nextAgentState(m_state, e);
        if (!next) {
            qCWarning(lcFleetAgent).noquote()
                << "ignored event" << agentEventName(e) << "in state" << agentStateName(m_state);
            continue;
        }
        const AgentState from = m_state;
        m_state = *next;
        qCDebug(lcFleetAgent).noquote()
            << agentStateName(from) << "--" << agentEventName(e) << "->" << agentStateName(m_state);
        if (from == AgentState::Committing && m_state == AgentState::Idle) {
            finish(QStringLiteral("committed"), {}, {});
        } else if (from == AgentState::RollingBack) {
            finish(QStringLiteral("rolled-back"), m_failureCode, m_failureReason);
        } else if (from == AgentState::Staging && m_state == AgentState::Idle) {
            finish(QStringLiteral("failed"), m_failureCode, m_failureReason);
        }
        emit stateChanged(m_state);
        enter(m_state);
    }
    m_dispatching = false;
}

void FleetAgent::enter(AgentState state) {
    switch (state) {
        case AgentState::Idle:
            publishReported();
            if (m_pending) {
                const QByteArray next = *m_pending;
                m_pending.reset();
                QMetaObject::invokeMethod(
                    this, [this, next] { handleBundle(next); }, Qt::QueuedConnection);
            }
            break;
        case AgentState::Staging:
            publishReported();
            if (auto r = m_target->stage(m_candidate); !r) {
                m_failureCode = QStringLiteral("apply-failed");
                m_failureReason = QStringLiteral("staging: ") + r.error();
                dispatch(AgentEvent::StepFailed);
            } else {
                dispatch(AgentEvent::Staged);
            }
            break;
        case AgentState::Applying:
            if (auto r = m_target->apply(); !r) {
                m_failureCode = QStringLiteral("apply-failed");
                m_failureReason = r.error();
                dispatch(AgentEvent::StepFailed);
            } else {
                m_needsRestart = r->needsRestart;
                dispatch(AgentEvent::Applied);
            }
            break;
        case AgentState::HealthCheck: {
            publishReported();
            const int generation = ++m_healthGeneration;
            m_healthTimer.start(m_options.healthTimeoutMs);
            QPointer<FleetAgent> self(this);
            m_target->checkHealth([self, generation](bool ok, QString reason) {
                if (!self || generation != self->m_healthGeneration ||
                    self->m_state != AgentState::HealthCheck) {
                    return;
                }
                self->m_healthTimer.stop();
                if (!ok) {
                    self->m_failureCode = QStringLiteral("health-failed");
                    self->m_failureReason = reason;
                }
                self->dispatch(ok ? AgentEvent::HealthPassed : AgentEvent::HealthFailed);
            });
            break;
        }
        case AgentState::Committing:
            if (auto r = m_target->commit(); !r) {
                m_failureCode = QStringLiteral("apply-failed");
                m_failureReason = QStringLiteral("commit: ") + r.error();
                dispatch(AgentEvent::StepFailed);
            } else {
                dispatch(AgentEvent::Committed);
            }
            break;
        case AgentState::RollingBack:
            if (auto r = m_target->rollback(); !r) {
                // The running file was never replaced; a restart brings it back.
                qCCritical(lcFleetAgent).noquote() << "rollback incomplete:" << r.error();
                m_failureReason += QStringLiteral("; rollback: ") + r.error();
            }
            dispatch(AgentEvent::RolledBack);
            break;
    }
}

void FleetAgent::finish(const QString& outcome, const QString& code, const QString& reason) {
    const qint64 version = m_current ? m_current->version : 0;
    if (outcome == QLatin1String("committed") && m_current) {
        m_committedVersion = m_current->version;
        m_committedDigest = m_current->digest;
    } else {
        m_recentErrors << QStringLiteral("bundle v%1 %2: %3").arg(version).arg(code, reason);
        while (m_recentErrors.size() > kRecentErrorsLimit) {
            m_recentErrors.removeFirst();
        }
    }
    m_lastResult = QJsonObject{{QStringLiteral("version"), version},
                               {QStringLiteral("outcome"), outcome},
                               {QStringLiteral("at"), isoUtc(now())}};
    if (!code.isEmpty()) {
        m_lastResult.insert(QStringLiteral("code"), code);
        m_lastResult.insert(QStringLiteral("reason"), reason);
    }
    if (!m_needsRestart.isEmpty() && outcome == QLatin1String("committed")) {
        m_lastResult.insert(QStringLiteral("needs_restart"),
                            QJsonArray::fromStringList(m_needsRestart));
    }
    m_history.append(m_lastResult);
    while (m_history.size() > kHistoryLimit) {
        m_history.removeFirst();
    }
    m_current.reset();
    m_candidate = {};
    save();
    audit(QStringLiteral("fleet.bundle.") + outcome, QStringLiteral("v%1").arg(version), reason);
    qCInfo(lcFleetAgent).noquote() << "bundle version" << version << outcome << reason;
    publishEvent(QJsonObject{{QStringLiteral("type"), QStringLiteral("bundle-result")},
                             {QStringLiteral("result"), m_lastResult}});
    emit bundleFinished(version, outcome, reason);
}

QJsonObject FleetAgent::reported() const {
    QJsonObject r{{QStringLiteral("kiosk"), m_options.kioskId},
                  {QStringLiteral("group"), m_options.group},
                  {QStringLiteral("state"), agentStateName(m_state)},
                  {QStringLiteral("config_version"), m_committedVersion},
                  {QStringLiteral("app_version"), m_options.appVersion},
                  {QStringLiteral("ts"), isoUtc(now())}};
    if (m_current) {
        r.insert(QStringLiteral("applying_version"), m_current->version);
    }
    if (!m_lastResult.isEmpty()) {
        r.insert(QStringLiteral("last_result"), m_lastResult);
    }
    return r;
}

void FleetAgent::publishReported() {
    m_transport->publish(topics::kiosk(m_options.kioskId, "reported"),
                         QJsonDocument(reported()).toJson(QJsonDocument::Compact), true);
}

void FleetAgent::publishEvent(const QJsonObject& event) {
    QJsonObject e = event;
    e.insert(QStringLiteral("kiosk"), m_options.kioskId);
    m_transport->publish(topics::kiosk(m_options.kioskId, "events"),
                         QJsonDocument(e).toJson(QJsonDocument::Compact), false);
}

QJsonObject FleetAgent::heartbeat() {
    QJsonObject hb{
        {QStringLiteral("kiosk"), m_options.kioskId},
        {QStringLiteral("group"), m_options.group},
        {QStringLiteral("seq"), ++m_heartbeatSeq},
        {QStringLiteral("ts"), isoUtc(now())},
        {QStringLiteral("uptime_s"), m_uptime.elapsed() / 1000},
        {QStringLiteral("state"), agentStateName(m_state)},
        {QStringLiteral("versions"), QJsonObject{{QStringLiteral("app"), m_options.appVersion},
                                                 {QStringLiteral("config"), m_committedVersion}}},
        {QStringLiteral("errors"), QJsonArray::fromStringList(m_recentErrors)}};
    if (m_status) {
        // device status, outbox depth, ... from the kiosk
        const QJsonObject s = m_status();
        for (auto it = s.begin(); it != s.end(); ++it) {
            hb.insert(it.key(), it.value());
        }
    }
    return hb;
}

void FleetAgent::sendHeartbeat() {
    if (!m_transport->isConnected()) {
        return;  // heartbeats are not queued: the next one says it all
    }
    if (m_transport->publish(topics::kiosk(m_options.kioskId, "heartbeat"),
                             QJsonDocument(heartbeat()).toJson(QJsonDocument::Compact), false, 0)) {
        ++m_heartbeatsSent;
    }
}

void FleetAgent::audit(const QString& event, const QString& subject, const QString& detail) {
    if (m_audit) {
        m_audit(event, subject, detail);
    }
}

void FleetAgent::load() {
    if (m_options.stateFile.isEmpty()) {
        return;
    }
    QFile f(m_options.stateFile);
    if (!f.open(QIODevice::ReadOnly)) {
        return;  // first start
    }
    const QJsonObject s = QJsonDocument::fromJson(f.readAll()).object();
    m_committedVersion = static_cast<qint64>(s.value(QLatin1String("config_version")).toDouble());
    m_committedDigest = s.value(QLatin1String("config_digest")).toString();
    m_attemptedVersion =
        static_cast<qint64>(s.value(QLatin1String("attempted_version")).toDouble());
    m_attemptedDigest = s.value(QLatin1String("attempted_digest")).toString();
    m_history = s.value(QLatin1String("history")).toArray();
    if (!m_history.isEmpty()) {
        m_lastResult = m_history.last().toObject();
    }
    m_replay.restore(s.value(QLatin1String("nonces")).toObject());
}

void FleetAgent::save() {
    if (m_options.stateFile.isEmpty()) {
        return;
    }
    const QJsonObject s{{QStringLiteral("config_version"), m_committedVersion},
                        {QStringLiteral("config_digest"), m_committedDigest},
                        {QStringLiteral("attempted_version"), m_attemptedVersion},
                        {QStringLiteral("attempted_digest"), m_attemptedDigest},
                        {QStringLiteral("history"), m_history},
                        {QStringLiteral("nonces"), m_replay.toJson()}};
    QSaveFile f(m_options.stateFile);
    if (f.open(QIODevice::WriteOnly)) {
        f.write(QJsonDocument(s).toJson(QJsonDocument::Compact));
        if (!f.commit()) {
            qCWarning(lcFleetAgent).noquote() << "cannot save" << m_options.stateFile;
        }
    }
}

}  // namespace kiosk::fleet
