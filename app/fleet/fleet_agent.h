// The kiosk's fleet agent: follows its desired configuration and remote
// commands over a FleetTransport, reports its state, sends heartbeats.
//
// Bundles: envelope (size, signature) -> payload (schema, target, validity
// window) -> version (newer than the running one) -> candidate configuration
// (kiosk.json schema and rules) -> stage -> apply -> health check -> commit or
// roll back (the AgentState machine). Every rejection is reported with its
// reason and the running configuration stays.
// Commands: envelope -> payload -> nonce never seen (ReplayGuard, persisted)
// -> handler; the result is reported on the kiosk's events topic.
#pragma once

#include "agent_state.h"
#include "config_target.h"
#include "fleet_error.h"
#include "fleet_transport.h"
#include "messages.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QQueue>
#include <QTimer>
#include <functional>
#include <optional>

namespace kiosk::fleet {

class FleetAgent : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString kioskId;
        QString group;
        QList<QByteArray> trustedKeys;  // raw Ed25519 public keys
        int heartbeatMs = 60000;
        int healthTimeoutMs = 30000;
        QString stateFile;  // persisted versions, nonces, history; empty = memory only
        QString appVersion = QStringLiteral(KIOSK_VERSION);
        Limits limits;
        std::function<QDateTime()> clock;  // UTC now; tests move it
    };
    using StatusProvider = std::function<QJsonObject()>;
    using CommandHandler = std::function<Result<QJsonObject, QString>(const FleetCommand&)>;
    using AuditSink =
        std::function<void(const QString& event, const QString& subject, const QString& detail)>;

    FleetAgent(Options options, FleetTransport* transport, ConfigTarget* target,
               QObject* parent = nullptr);

    void setStatusProvider(StatusProvider p) { m_status = std::move(p); }
    void setCommandHandler(CommandHandler h) { m_commands = std::move(h); }
    void setAuditSink(AuditSink a) { m_audit = std::move(a); }

    // Subscribes, connects (in the background) and starts heartbeats.
    void start();
    void stop();

    AgentState state() const { return m_state; }
    qint64 configVersion() const { return m_committedVersion; }
    QJsonObject reported() const;
    QJsonObject heartbeat();
    QJsonArray history() const { return m_history; }
    bool isConnected() const { return m_transport->isConnected(); }
    int heartbeatsSent() const { return m_heartbeatsSent; }

    // Feeds one message as if it came from the broker (tests, and the transport).
    void handleMessage(const QString& topic, const QByteArray& payload);

signals:
    void stateChanged(kiosk::fleet::AgentState state);
    void rejected(const QString& what, const kiosk::fleet::FleetError& error);
    // outcome: committed | rolled-back | failed
    void bundleFinished(qint64 version, const QString& outcome, const QString& reason);
    void commandHandled(const QString& name, bool ok);
    void connectedChanged(bool connected);

private:
    void handleBundle(const QByteArray& payload);
    void handleCommand(const QByteArray& payload);
    void reject(const QString& what, const FleetError& e, qint64 version = 0);
    void dispatch(AgentEvent event);
    void enter(AgentState state);
    void finish(const QString& outcome, const QString& code, const QString& reason);
    void publishReported();
    void publishEvent(const QJsonObject& event);
    void sendHeartbeat();
    void onConnected(bool connected);
    void load();
    void save();
    void audit(const QString& event, const QString& subject, const QString& detail);
    QDateTime now() const;

    Options m_options;
    FleetTransport* m_transport;
    ConfigTarget* m_target;
    StatusProvider m_status;
    CommandHandler m_commands;
    AuditSink m_audit;
    ReplayGuard m_replay;

    AgentState m_state = AgentState::Idle;
    QQueue<AgentEvent> m_events;
    bool m_dispatching = false;

    qint64 m_committedVersion = 0;
    QString m_committedDigest;
    qint64 m_attemptedVersion = 0;
    QString m_attemptedDigest;
    std::optional<ConfigBundle> m_current;
    QJsonObject m_candidate;
    std::optional<QByteArray> m_pending;  // a newer bundle that arrived while busy
    QString m_failureReason;
    QString m_failureCode;
    QStringList m_needsRestart;
    QJsonObject m_lastResult;
    QJsonArray m_history;  // newest last, bounded
    QStringList m_recentErrors;
    int m_healthGeneration = 0;
    QTimer m_healthTimer;
    QTimer m_heartbeatTimer;
    QElapsedTimer m_uptime;
    int m_heartbeatsSent = 0;
    qint64 m_heartbeatSeq = 0;
};

}  // namespace kiosk::fleet
