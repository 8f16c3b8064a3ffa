#include "idle_monitor.h"

#include <QGuiApplication>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTest>
#include <QWindow>

using kiosk::ui::IdleMonitor;

class TestIdleMonitor : public QObject {
    Q_OBJECT
private slots:
    void active_noInput_warnsThenExpires() {
        IdleMonitor m;
        m.setTimeouts(600, 300);
        QSignalSpy warning(&m, &IdleMonitor::warningChanged);
        QSignalSpy expired(&m, &IdleMonitor::expired);
        m.setActive(true);
        QVERIFY(warning.wait(1000));
        QCOMPARE(warning.first().first().toBool(), true);
        QVERIFY(m.isWarning());
        QVERIFY(m.secondsLeft() <= 1);
        QVERIFY(expired.wait(1000));
        QVERIFY(!m.isWarning());
    }

    void inactive_noInput_neverExpires() {
        IdleMonitor m;
        m.setTimeouts(100, 50);
        QSignalSpy expired(&m, &IdleMonitor::expired);
        QVERIFY(!expired.wait(400));
    }

    void poke_duringWarning_cancelsWarningAndRestarts() {
        IdleMonitor m;
        m.setTimeouts(600, 300);
        QSignalSpy warning(&m, &IdleMonitor::warningChanged);
        QSignalSpy expired(&m, &IdleMonitor::expired);
        m.setActive(true);
        QVERIFY(warning.wait(1000));
        m.poke();
        QVERIFY(!m.isWarning());
        QCOMPARE(warning.last().first().toBool(), false);
        QTest::qWait(350);  // past the original expiry
        QCOMPARE(expired.count(), 0);
        QVERIFY(expired.wait(1000));
    }

    void inputEvent_onWatchedObject_resetsTimer() {
        IdleMonitor m;
        m.setTimeouts(500, 100);
        QWindow window;
        window.installEventFilter(&m);
        QSignalSpy expired(&m, &IdleMonitor::expired);
        m.setActive(true);
        for (int i = 0; i < 4; ++i) {
            QTest::qWait(250);
            QMouseEvent press(QEvent::MouseButtonPress, QPointF(1, 1), QPointF(1, 1),
                              Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
            QCoreApplication::sendEvent(&window, &press);
        }
        QCOMPARE(expired.count(), 0);  // 1 s of activity outlived a 0.5 s timeout
        QVERIFY(expired.wait(1000));
    }

    void setActive_false_stopsWarning() {
        IdleMonitor m;
        m.setTimeouts(400, 300);
        QSignalSpy expired(&m, &IdleMonitor::expired);
        m.setActive(true);
        QTRY_VERIFY_WITH_TIMEOUT(m.isWarning(), 1000);
        m.setActive(false);
        QVERIFY(!m.isWarning());
        QVERIFY(!expired.wait(600));
    }
};

QTEST_MAIN(TestIdleMonitor)
#include "tst_idle_monitor.moc"
