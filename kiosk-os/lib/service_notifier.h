// Talks to systemd about the kiosk process: READY once the first screen is
// up, STATUS lines, STOPPING on exit, and WATCHDOG pings from the GUI thread,
// so a frozen interface stops the pings and systemd restarts the kiosk.
//
// Under the unit, cage is the main process and smart-kiosk its child, so the
// unit uses NotifyAccess=all and this class reads WATCHDOG_USEC itself
// (sd_watchdog_enabled() ignores it when WATCHDOG_PID names another process).
#pragma once

#include <QObject>
#include <QTimer>
#include <chrono>

namespace kiosk::os {

class ServiceNotifier : public QObject {
    Q_OBJECT
public:
    explicit ServiceNotifier(QObject* parent = nullptr);

    // True when started by systemd with a notification socket.
    bool isSupervised() const { return m_supervised; }
    // The ping interval (half the watchdog timeout), zero when no watchdog.
    std::chrono::milliseconds pingInterval() const { return m_interval; }

    void ready(const QString& status);
    void status(const QString& status);
    void stopping();

    // Parses WATCHDOG_USEC; returns half of it, or zero for absent/invalid values.
    static std::chrono::milliseconds pingIntervalFrom(const QByteArray& watchdogUsec);

private:
    void send(const QByteArray& state);

    bool m_supervised = false;
    std::chrono::milliseconds m_interval{0};
    QTimer m_ping;
};

}  // namespace kiosk::os
