#include "service_notifier.h"

#include <systemd/sd-daemon.h>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcOsNotify, "kiosk.os.notify")

namespace kiosk::os {

ServiceNotifier::ServiceNotifier(QObject* parent) : QObject(parent) {
    m_supervised = !qEnvironmentVariableIsEmpty("NOTIFY_SOCKET");
    m_interval = pingIntervalFrom(qgetenv("WATCHDOG_USEC"));
    if (m_supervised && m_interval.count() > 0) {
        m_ping.setInterval(m_interval);
        connect(&m_ping, &QTimer::timeout, this, [this] { send("WATCHDOG=1"); });
        m_ping.start();
        qCInfo(lcOsNotify) << "systemd watchdog: ping every" << m_interval.count() << "ms";
    }
}

std::chrono::milliseconds ServiceNotifier::pingIntervalFrom(const QByteArray& watchdogUsec) {
    bool ok = false;
    const qulonglong usec = watchdogUsec.toULongLong(&ok);
    if (!ok || usec == 0) {
        return std::chrono::milliseconds(0);
    }
    return std::chrono::milliseconds(std::max<qulonglong>(1, usec / 2000));
}

void ServiceNotifier::ready(const QString& status) {
    send("READY=1\nSTATUS=" + status.toUtf8());
}

void ServiceNotifier::status(const QString& status) {
    send("STATUS=" + status.toUtf8());
}

void ServiceNotifier::stopping() {
    m_ping.stop();
    send("STOPPING=1");
}

void ServiceNotifier::send(const QByteArray& state) {
    if (!m_supervised) {
        return;
    }
    if (const int r = sd_notify(0, state.constData()); r < 0) {
        qCWarning(lcOsNotify) << "sd_notify failed:" << r;
    }
}

}  // namespace kiosk::os
