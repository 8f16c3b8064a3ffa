// Watches for citizen input and ends an abandoned session: after
// (timeout - warning) without a touch it starts a visible countdown, after
// `timeout` it expires. Any touch, click or key press resets it.
#pragma once

#include <QObject>
#include <QTimer>

namespace kiosk::ui {

class IdleMonitor : public QObject {
    Q_OBJECT
public:
    explicit IdleMonitor(QObject* parent = nullptr);

    void setTimeouts(int timeoutMs, int warningMs);
    // Inactive on the attract screen: there is nothing to wipe there.
    void setActive(bool active);
    bool isActive() const { return m_active; }
    bool isWarning() const { return m_warning; }
    int secondsLeft() const;

    // Counts as citizen activity (also called from the application event filter).
    void poke();

signals:
    void warningChanged(bool warning);
    void secondsLeftChanged(int seconds);
    void expired();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void restart();
    void enterWarning();
    void expire();

    int m_timeoutMs = 90000;
    int m_warningMs = 20000;
    bool m_active = false;
    bool m_warning = false;
    QTimer m_warnTimer;
    QTimer m_expireTimer;
    QTimer m_tick;
};

}  // namespace kiosk::ui
