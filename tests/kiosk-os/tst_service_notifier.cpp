// smart-kiosk speaks the sd_notify protocol as systemd expects under
// smart-kiosk.service: READY with a status once the first screen is up, a
// STATUS per screen, WATCHDOG pings at half of WATCHDOG_USEC while running,
// STOPPING on exit. We play systemd's part with a datagram socket.
#include "service_notifier.h"
#include "test_env.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using kiosk::os::ServiceNotifier;
using namespace std::chrono_literals;

namespace {

// A bound AF_UNIX datagram socket, like systemd's notification socket.
class NotifySocket {
public:
    explicit NotifySocket(const QString& path) : m_path(path) {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        const QByteArray p = path.toLocal8Bit();
        std::memcpy(addr.sun_path, p.constData(), static_cast<size_t>(p.size()));
        m_bound = m_fd >= 0 && ::bind(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
    }
    ~NotifySocket() {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    bool bound() const { return m_bound; }
    // Every datagram received so far.
    QList<QByteArray> drain() {
        QList<QByteArray> out;
        char buf[4096];
        ssize_t n = 0;
        while ((n = ::recv(m_fd, buf, sizeof(buf), 0)) > 0) {
            out << QByteArray(buf, n);
        }
        return out;
    }

private:
    QString m_path;
    int m_fd = -1;
    bool m_bound = false;
};

}  // namespace

class TestServiceNotifier : public QObject {
    Q_OBJECT
private slots:
    void pingIntervalFrom_values_halfOrZero() {
        QCOMPARE(ServiceNotifier::pingIntervalFrom("30000000"), 15000ms);
        QCOMPARE(ServiceNotifier::pingIntervalFrom("400000"), 200ms);
        QCOMPARE(ServiceNotifier::pingIntervalFrom(""), 0ms);
        QCOMPARE(ServiceNotifier::pingIntervalFrom("0"), 0ms);
        QCOMPARE(ServiceNotifier::pingIntervalFrom("junk"), 0ms);
        QCOMPARE(ServiceNotifier::pingIntervalFrom("1"), 1ms);
    }

    void notifier_unsupervised_sendsNothingAndNoTimer() {
        qunsetenv("NOTIFY_SOCKET");
        qputenv("WATCHDOG_USEC", "1000000");
        ServiceNotifier n;
        QVERIFY(!n.isSupervised());
        n.ready(QStringLiteral("x"));  // must not crash or block
        qunsetenv("WATCHDOG_USEC");
    }

    void smartKiosk_underWatchdog_readyStatusPingsStopping() {
        QTemporaryDir dir;
        const QString socketPath = dir.filePath(QStringLiteral("notify"));
        NotifySocket socket(socketPath);
        QVERIFY(socket.bound());

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("NOTIFY_SOCKET"), socketPath);
        env.insert(QStringLiteral("WATCHDOG_USEC"), QStringLiteral("400000"));  // ping every 200 ms
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        QProcess kiosk;
        kiosk.setProcessEnvironment(env);
        kiosk.start(kiosk::test::program(QStringLiteral("smart-kiosk")),
                    {QStringLiteral("--config"),
                     kiosk::test::sourceDir() + QStringLiteral("/config/kiosk.json"),
                     QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("data")),
                     QStringLiteral("--autopilot"), dir.filePath(QStringLiteral("out")),
                     QStringLiteral("--fake-parts")});
        QVERIFY(kiosk.waitForStarted());

        QList<QByteArray> messages;
        QElapsedTimer clock;
        clock.start();
        while (kiosk.state() != QProcess::NotRunning && clock.elapsed() < 150000) {
            kiosk.waitForFinished(100);
            messages += socket.drain();
        }
        messages += socket.drain();
        if (kiosk.state() != QProcess::NotRunning) {
            kiosk.kill();
            kiosk.waitForFinished();
            QFAIL("smart-kiosk did not finish its autopilot within 150 s");
        }
        QCOMPARE(kiosk.exitCode(), 0);

        QVERIFY(!messages.isEmpty());
        QVERIFY2(messages.first().startsWith("READY=1\nSTATUS=screen attract"),
                 messages.first().constData());
        QVERIFY(messages.contains("STATUS=screen insert_card"));
        QCOMPARE(messages.last(), QByteArray("STOPPING=1"));
        // The autopilot walks for tens of seconds: at one ping per 200 ms there must be plenty.
        const auto pings = std::count(messages.begin(), messages.end(), QByteArray("WATCHDOG=1"));
        QVERIFY2(pings >= 15, qPrintable(QStringLiteral("only %1 watchdog pings").arg(pings)));
    }
};

QTEST_GUILESS_MAIN(TestServiceNotifier)
#include "tst_service_notifier.moc"
