#include "idle_monitor.h"

#include <QEvent>
#include <cmath>

namespace kiosk::ui {

IdleMonitor::IdleMonitor(QObject* parent) : QObject(parent) {
    m_warnTimer.setSingleShot(true);
    m_expireTimer.setSingleShot(true);
    m_tick.setInterval(250);
    connect(&m_warnTimer, &QTimer::timeout, this, &IdleMonitor::enterWarning);
    connect(&m_expireTimer, &QTimer::timeout, this, &IdleMonitor::expire);
    connect(&m_tick, &QTimer::timeout, this, [this] { emit secondsLeftChanged(secondsLeft()); });
}

void IdleMonitor::setTimeouts(int timeoutMs, int warningMs) {
    m_timeoutMs = std::max(1, timeoutMs);
    m_warningMs = std::clamp(warningMs, 0, m_timeoutMs);
    if (m_active) {
        restart();
    }
}

void IdleMonitor::setActive(bool active) {
    if (active == m_active) {
        return;
    }
    m_active = active;
    if (active) {
        restart();
    } else {
        m_warnTimer.stop();
        m_expireTimer.stop();
        m_tick.stop();
        if (m_warning) {
            m_warning = false;
            emit warningChanged(false);
        }
    }
}

int IdleMonitor::secondsLeft() const {
    if (!m_active) {
        return m_timeoutMs / 1000;
    }
    return static_cast<int>(std::ceil(m_expireTimer.remainingTime() / 1000.0));
}

void IdleMonitor::poke() {
    if (m_active) {
        restart();
    }
}

bool IdleMonitor::eventFilter(QObject* watched, QEvent* event) {
    switch (event->type()) {
        case QEvent::MouseButtonPress:
        case QEvent::TouchBegin:
        case QEvent::TouchUpdate:
        case QEvent::KeyPress:
        case QEvent::Wheel:
            poke();
            break;
        default:
            break;
    }
    return QObject::eventFilter(watched, event);
}

void IdleMonitor::restart() {
    m_warnTimer.start(m_timeoutMs - m_warningMs);
    m_expireTimer.start(m_timeoutMs);
    m_tick.stop();
    if (m_warning) {
        m_warning = false;
        emit warningChanged(false);
    }
}

void IdleMonitor::enterWarning() {
    if (!m_active || m_warning) {
        return;
    }
    m_warning = true;
    m_tick.start();
    emit warningChanged(true);
    emit secondsLeftChanged(secondsLeft());
}

void IdleMonitor::expire() {
    m_tick.stop();
    if (m_warning) {
        m_warning = false;
        emit warningChanged(false);
    }
    emit expired();
}

}  // namespace kiosk::ui
