// Operator side: a view of the fleet built from the kiosks' retained
// reported state, status and heartbeats (FleetWatcher), and a staged rollout
// of one signed bundle to a group (Rollout): a canary share first, then the
// rest, halting when failures pass a threshold.
#pragma once

#include "fleet_transport.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QTimer>

namespace kiosk::fleet {

struct KioskView {
    QString id;
    QString group;
    bool online = false;
    qint64 configVersion = 0;
    QString state;
    QJsonObject lastResult;
    QJsonObject lastHeartbeat;
    QDateTime lastSeen;
};

class FleetWatcher : public QObject {
    Q_OBJECT
public:
    explicit FleetWatcher(FleetTransport* transport, QObject* parent = nullptr);
    void start();  // subscribes; the transport must be started by the caller
    const QMap<QString, KioskView>& kiosks() const { return m_kiosks; }
    QStringList onlineMembers(const QString& group) const;
    qint64 heartbeats() const { return m_heartbeats; }
    qint64 heartbeatBytes() const { return m_heartbeatBytes; }

signals:
    void kioskUpdated(const QString& id);
    void eventReceived(const QString& id, const QJsonObject& event);

private:
    void onMessage(const QString& topic, const QByteArray& payload);
    FleetTransport* m_transport;
    QMap<QString, KioskView> m_kiosks;
    qint64 m_heartbeats = 0;
    qint64 m_heartbeatBytes = 0;
};

struct RolloutReport {
    bool ok = false;
    bool halted = false;
    int targets = 0;
    int canaries = 0;
    int committed = 0;
    int failed = 0;
    int pending = 0;
    qint64 canaryMs = 0;
    qint64 elapsedMs = 0;
    QStringList failedKiosks;
    QString message;
    QJsonObject toJson() const;
};

class Rollout : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString group;
        QByteArray envelope;  // the signed bundle as published
        qint64 version = 0;
        double canaryShare = 0.1;
        double haltFailureRate = 0.2;  // halt when failed/decided passes this
        int discoveryMs = 2000;        // time to collect retained reported states
        int waveTimeoutMs = 120000;
        bool retainOnGroup = true;  // after success, late joiners get it from the group topic
    };

    Rollout(Options options, FleetTransport* transport, FleetWatcher* watcher,
            QObject* parent = nullptr);
    void start();
    const RolloutReport& report() const { return m_report; }

signals:
    void progress(const QString& message);
    void finished(const kiosk::fleet::RolloutReport& report);

private:
    enum class Phase { Discovery, Canary, Rest, Done };
    void beginCanary();
    void beginWave(const QStringList& kiosks);
    void evaluate();
    void done(bool ok, bool halted, const QString& message);
    // 1 committed, -1 failed, 0 not yet.
    int outcomeOf(const QString& id) const;

    Options m_options;
    FleetTransport* m_transport;
    FleetWatcher* m_watcher;
    Phase m_phase = Phase::Discovery;
    QStringList m_members;
    QStringList m_wave;
    QStringList m_started;
    QTimer m_timer;
    QElapsedTimer m_clock;
    RolloutReport m_report;
};

}  // namespace kiosk::fleet
