// The simulator rig: each part starts on private ports, answers on its real
// protocol, and is gone (process and files) after stop. A missing part is a
// clear error naming what to install.
#include "config.h"
#include "https_probe.h"
#include "net.h"
#include "sim_rig.h"
#include "test_env.h"

#include <mosquitto.h>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace kiosk::sim;

namespace {

bool processAlive(qint64 pid) {
    return pid > 0 && ::kill(static_cast<pid_t>(pid), 0) == 0;
}

// Publishes one message to the broker and reads it back on a subscription.
QString mqttRoundTrip(quint16 port) {
    struct State {
        bool subscribed = false;
        QByteArray received;
    } state;
    mosquitto_lib_init();
    mosquitto* m = mosquitto_new("kiosk-test", true, &state);
    mosquitto_subscribe_callback_set(m, [](mosquitto*, void* s, int, int, const int*) {
        static_cast<State*>(s)->subscribed = true;
    });
    mosquitto_message_callback_set(m, [](mosquitto*, void* s, const mosquitto_message* msg) {
        static_cast<State*>(s)->received =
            QByteArray(static_cast<const char*>(msg->payload), msg->payloadlen);
    });
    QString error;
    if (mosquitto_connect(m, "127.0.0.1", port, 10) != MOSQ_ERR_SUCCESS) {
        error = QStringLiteral("connect failed");
    } else {
        mosquitto_subscribe(m, nullptr, "kiosk/test/echo", 1);
        for (int i = 0; i < 100 && !state.subscribed; ++i) {
            mosquitto_loop(m, 50, 1);
        }
        mosquitto_publish(m, nullptr, "kiosk/test/echo", 5, "hello", 1, false);
        for (int i = 0; i < 100 && state.received.isEmpty(); ++i) {
            mosquitto_loop(m, 50, 1);
        }
        if (state.received != "hello") {
            error = QStringLiteral("no echo (subscribed=%1)").arg(state.subscribed);
        }
        mosquitto_disconnect(m);
    }
    mosquitto_destroy(m);
    mosquitto_lib_cleanup();
    return error;
}

}  // namespace

class TestSimRig : public QObject {
    Q_OBJECT
private slots:
    void mosquitto_start_publishSubscribeRoundTrip() {
        QTemporaryDir dir;
        MosquittoPart part(dir.path());
        const auto r = part.start();
        QVERIFY2(r, r ? "" : qPrintable(r.error().summary()));
        const QString error = mqttRoundTrip(part.port());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        part.stop();
        QVERIFY(!tcpAcceptsConnections(QHostAddress::LocalHost, part.port()));
    }

    void portal_start_healthOverMutualTls() {
        QTemporaryDir dir;
        PortalPart part(dir.path(), kiosk::test::program(QStringLiteral("portal-sim")));
        const auto r = part.start();
        QVERIFY2(r, r ? "" : qPrintable(r.error().summary()));
        const TlsFiles tls{part.pki().caCert, part.pki().clientCert, part.pki().clientKey};

        const auto health =
            httpsGet(QStringLiteral("127.0.0.1"), part.port(), QStringLiteral("/health"), tls);
        QVERIFY2(health, health ? "" : qPrintable(health.error()));
        QCOMPARE(health->status, 200);
        QVERIFY(health->body.contains("\"status\":\"ok\""));

        const auto missing =
            httpsGet(QStringLiteral("127.0.0.1"), part.port(), QStringLiteral("/nope"), tls);
        QVERIFY(missing);
        QCOMPARE(missing->status, 404);

        // Without a client certificate the server refuses the connection.
        const auto anonymous =
            httpsGet(QStringLiteral("127.0.0.1"), part.port(), QStringLiteral("/health"),
                     TlsFiles{part.pki().caCert, {}, {}}, 2000);
        QVERIFY(!anonymous || anonymous->status == 0);
        part.stop();
        QVERIFY(!part.isRunning());
    }

    void portal_missingProgram_clearError() {
        QTemporaryDir dir;
        PortalPart part(dir.path(), QStringLiteral("/nonexistent/portal-sim"));
        const auto r = part.start();
        QVERIFY(!r);
        QCOMPARE(r.error().part, QStringLiteral("portal-sim"));
        QVERIFY2(r.error().message.contains(QStringLiteral("not found")),
                 qPrintable(r.error().summary()));
    }

    void missingProgram_namesDebianPackage() {
        const SimError e = missingProgram(QStringLiteral("pcscd"), QStringLiteral("pcscd"),
                                          QStringLiteral("pcscd"));
        QVERIFY(e.summary().contains(QStringLiteral("Debian package pcscd")));
        QVERIFY(findProgram(QStringLiteral("no-such-program-kiosk")).isEmpty());
        QVERIFY(!findProgram(QStringLiteral("sh")).isEmpty());
    }

    void rig_allParts_manifestEnvironmentAndConfig() {
        auto rig = SimRig::start({});
        QVERIFY2(rig, rig ? "" : qPrintable(rig.error().summary()));
        const QJsonObject parts = (*rig)->manifest().value(QLatin1String("parts")).toObject();
        QCOMPARE(parts.keys(), QStringList({QStringLiteral("mosquitto"), QStringLiteral("pcscd"),
                                            QStringLiteral("portal-sim")}));
        QVERIFY(QFileInfo::exists((*rig)->workDir() + QStringLiteral("/manifest.json")));

        const QProcessEnvironment env = (*rig)->environment();
        QCOMPARE(env.value(QStringLiteral("PCSCLITE_CSOCK_NAME")), (*rig)->pcscd()->socketPath());
        QCOMPARE(env.value(QStringLiteral("KIOSK_SIM_PORTAL_URL")), (*rig)->portal()->baseUrl());
        QCOMPARE(env.value(QStringLiteral("KIOSK_SIM_MQTT_PORT")).toInt(),
                 int((*rig)->mosquitto()->port()));

        const auto config = (*rig)->writeKioskConfig(kiosk::test::sourceDir() +
                                                     QStringLiteral("/config/kiosk.json"));
        QVERIFY2(config, config ? "" : qPrintable(config.error().summary()));
        const auto loaded = kiosk::ConfigLoader::loadFile(*config);
        QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error().summary()));
        QCOMPARE(loaded->backend.portalUrl.toString(), (*rig)->portal()->baseUrl());
        QCOMPARE(loaded->fleet.brokerPort, int((*rig)->mosquitto()->port()));
    }

    void rig_twoAtOnce_isolatedFromEachOther() {
        auto a = SimRig::start({});
        auto b = SimRig::start({});
        QVERIFY2(a, a ? "" : qPrintable(a.error().summary()));
        QVERIFY2(b, b ? "" : qPrintable(b.error().summary()));
        QVERIFY((*a)->pcscd()->socketPath() != (*b)->pcscd()->socketPath());
        QVERIFY((*a)->pcscd()->vpcdPort() != (*b)->pcscd()->vpcdPort());
        QVERIFY((*a)->mosquitto()->port() != (*b)->mosquitto()->port());
        QVERIFY((*a)->portal()->port() != (*b)->portal()->port());
    }

    void rig_destroyed_processesAndFilesGone() {
        QString workDir;
        quint16 mqttPort = 0;
        quint16 portalPort = 0;
        {
            auto rig = SimRig::start({});
            QVERIFY2(rig, rig ? "" : qPrintable(rig.error().summary()));
            workDir = (*rig)->workDir();
            mqttPort = (*rig)->mosquitto()->port();
            portalPort = (*rig)->portal()->port();
            QVERIFY(tcpAcceptsConnections(QHostAddress::LocalHost, mqttPort));
        }
        QVERIFY(!QFileInfo::exists(workDir));
        QVERIFY(!tcpAcceptsConnections(QHostAddress::LocalHost, mqttPort));
        QVERIFY(!tcpAcceptsConnections(QHostAddress::LocalHost, portalPort));
    }

    void process_stop_terminatesChild() {
        QTemporaryDir dir;
        ManagedProcess p;
        QVERIFY(p.start(ManagedProcess::Spec::make(
            QStringLiteral("sleeper"), QStringLiteral("/bin/sleep"), {QStringLiteral("60")},
            dir.filePath(QStringLiteral("log")))));
        const qint64 pid = p.pid();
        QVERIFY(processAlive(pid));
        p.stop(1000);
        QVERIFY(!processAlive(pid));
    }

    void process_diesBeforeReady_errorWithLogTail() {
        QTemporaryDir dir;
        ManagedProcess p;
        QVERIFY(p.start(ManagedProcess::Spec::make(
            QStringLiteral("failing"), QStringLiteral("/bin/sh"),
            {QStringLiteral("-c"), QStringLiteral("echo broken config; exit 3")},
            dir.filePath(QStringLiteral("log")))));
        const auto r = p.waitUntil([] { return false; }, 5000, QStringLiteral("never"));
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(QStringLiteral("exited (code 3)")),
                 qPrintable(r.error().summary()));
        QVERIFY(r.error().logTail.contains(QStringLiteral("broken config")));
    }
};

QTEST_GUILESS_MAIN(TestSimRig)
#include "tst_sim_rig.moc"
