// The fleet agent as the kiosk runs it: on its own thread (MQTT reconnects
// with backoff there, never on the UI thread), following the fleet-managed
// copy of kiosk.json in <dataDir>/fleet/kiosk.json.
//
// The UI thread hands it a status snapshot now and then (no cross-thread
// reads of the store) and receives commands and restart requests as queued
// signals. Configuration changes apply live where the app can (logging
// rules); anything else is committed and takes effect at the next restart,
// which the kiosk does when it is back on the attract screen.
#pragma once

#include "config.h"
#include "fleet_agent.h"

#include <QJsonObject>
#include <QMutex>
#include <QObject>
#include <QThread>
#include <functional>
#include <memory>

namespace kiosk::fleet {

class FleetRuntime : public QObject {
    Q_OBJECT
public:
    // The configuration file the kiosk should run: the fleet-managed copy
    // when the fleet is enabled and one exists, else `requested`.
    static QString managedConfigPath(const QString& dataDir);

    FleetRuntime(const KioskConfig& config, const QString& dataDir, QObject* parent = nullptr);
    ~FleetRuntime() override;

    // The remote "self-test" command's check, run on the fleet thread; its
    // JSON is the command's reported result. Set before start().
    void setSelfTest(std::function<QJsonObject()> run) { m_selfTest = std::move(run); }
    void start();
    // Thread-safe: merged into every heartbeat.
    void setStatus(const QJsonObject& status);

signals:
    // Emitted in the thread that owns the runtime (the UI thread).
    void commandReceived(const QString& name, const QJsonObject& args);
    void restartRequested(const QString& reason);
    void liveConfig(const QJsonObject& config);

private:
    KioskConfig m_config;
    QString m_dataDir;
    QThread m_thread;
    QObject* m_worker = nullptr;  // lives in m_thread; owns transport, target, agent
    QMutex m_mutex;
    QJsonObject m_status;
    std::function<QJsonObject()> m_selfTest;
};

}  // namespace kiosk::fleet
