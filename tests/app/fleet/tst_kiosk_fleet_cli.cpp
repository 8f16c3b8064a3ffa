// kiosk-fleet end to end: keygen, sign, publish (staged rollout) and watch
// against a real TLS Mosquitto with in-process kiosk agents.
#include "fleet_agent.h"
#include "fleet_fixtures.h"
#include "log_upload.h"
#include "logging.h"
#include "mosquitto_part.h"
#include "mqtt_transport.h"
#include "test_pki.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace kiosk::fleet;
using namespace kiosk::fleet::test;

class TstKioskFleetCli : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    kiosk::sim::TestPki m_pki;
    std::unique_ptr<kiosk::sim::MosquittoPart> m_broker;

    struct Kiosk {
        std::unique_ptr<MqttTransport> transport;
        std::unique_ptr<MemoryConfigTarget> target;
        std::unique_ptr<FleetAgent> agent;
    };
    std::vector<Kiosk> m_kiosks;

    QStringList brokerArgs() const {
        return {QStringLiteral("--broker"),   QStringLiteral("127.0.0.1:%1").arg(m_broker->port()),
                QStringLiteral("--ca"),       m_pki.caCert,
                QStringLiteral("--cert"),     m_pki.clientCert,
                QStringLiteral("--cert-key"), m_pki.clientKey};
    }

    // Runs kiosk-fleet while this thread keeps serving the agents.
    struct Run {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Run run(const QStringList& args, int timeoutMs = 60000) {
        QProcess p;
        p.start(kiosk::test::program(QStringLiteral("kiosk-fleet")), args);
        if (!p.waitForStarted(5000)) {
            return {};
        }
        QElapsedTimer t;
        t.start();
        while (p.state() != QProcess::NotRunning && t.elapsed() < timeoutMs) {
            QTest::qWait(20);
        }
        if (p.state() != QProcess::NotRunning) {
            p.kill();
            p.waitForFinished();
            return {};
        }
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }

    void startKiosks(const QString& publicKeyB64, int n, bool healthy) {
        for (int i = 0; i < n; ++i) {
            const QString id = QStringLiteral("KIOSK-C-%1").arg(i, 4, 10, QLatin1Char('0'));
            Kiosk k;
            MqttTransport::Options t;
            t.port = m_broker->port();
            t.clientId = id;
            t.caFile = m_pki.caCert;
            t.certFile = m_pki.clientCert;
            t.keyFile = m_pki.clientKey;
            k.transport = std::make_unique<MqttTransport>(t);
            k.target =
                std::make_unique<MemoryConfigTarget>(defaultConfig(id, QStringLiteral("bkk")));
            k.target->healthy = [healthy](const QJsonObject&) { return healthy; };
            FleetAgent::Options o;
            o.kioskId = id;
            o.group = QStringLiteral("bkk");
            o.trustedKeys = decodeTrustedKeys({publicKeyB64});
            o.heartbeatMs = 500;
            k.agent = std::make_unique<FleetAgent>(o, k.transport.get(), k.target.get());
            // upload-logs runs as on a kiosk (fleet_runtime.cpp); the rest just answer.
            k.agent->setCommandHandler(
                [tp = k.transport.get(), id,
                 dir = m_dir.path()](const FleetCommand& c) -> kiosk::Result<QJsonObject, QString> {
                    if (c.name == QLatin1String("upload-logs")) {
                        return uploadRedactedLogs(*tp, {id, dir + QStringLiteral("/kept-") + id},
                                                  kiosk::logging::recentLines());
                    }
                    return QJsonObject{{QStringLiteral("ran"), c.name}};
                });
            k.agent->start();
            m_kiosks.push_back(std::move(k));
        }
        for (auto& k : m_kiosks) {
            QTRY_VERIFY_WITH_TIMEOUT(k.agent->isConnected(), 10000);
        }
    }

private slots:
    void initTestCase() {
        auto pki = kiosk::sim::TestPki::create(m_dir.path());
        QVERIFY2(pki, pki ? "" : qPrintable(pki.error()));
        m_pki = *pki;
        m_broker = std::make_unique<kiosk::sim::MosquittoPart>(m_dir.path());
        m_broker->enableTls(m_pki.caCert, m_pki.serverCert, m_pki.serverKey, true);
        auto started = m_broker->start();
        QVERIFY2(started, started ? "" : qPrintable(started.error().summary()));
    }

    void cleanup() { m_kiosks.clear(); }

    void keygenSignPublishWatch_healthyFleet_allCommit() {
        const QString key = m_dir.filePath(QStringLiteral("op.key"));
        Run r = run({QStringLiteral("keygen"), QStringLiteral("--out"), key});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile pub(key + QStringLiteral(".pub"));
        QVERIFY(pub.open(QIODevice::ReadOnly));
        const QString publicKey = QString::fromLatin1(pub.readAll()).trimmed();
        QVERIFY(r.out.contains(publicKey.toLatin1()));
        // A second keygen must not replace the key.
        QCOMPARE(run({QStringLiteral("keygen"), QStringLiteral("--out"), key}).exitCode, 1);

        startKiosks(publicKey, 5, true);

        const QString patch = m_dir.filePath(QStringLiteral("patch.json"));
        QFile pf(patch);
        QVERIFY(pf.open(QIODevice::WriteOnly));
        pf.write(R"({"ui":{"text_scale":1.3}})");
        pf.close();
        const QString bundle = m_dir.filePath(QStringLiteral("b2.signed"));
        r = run({QStringLiteral("sign"), QStringLiteral("--key"), key, QStringLiteral("--version"),
                 QStringLiteral("2"), QStringLiteral("--target"), QStringLiteral("group:bkk"),
                 patch, QStringLiteral("-o"), bundle});
        QVERIFY2(r.exitCode == 0, r.err.constData());

        r = run(QStringList{QStringLiteral("publish"), QStringLiteral("--group"),
                            QStringLiteral("bkk"), QStringLiteral("--canary"),
                            QStringLiteral("0.2"), QStringLiteral("--discovery-ms"),
                            QStringLiteral("1000"), QStringLiteral("--json"), bundle} +
                brokerArgs());
        QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
        const QJsonObject report = QJsonDocument::fromJson(r.out.trimmed()).object();
        QCOMPARE(report.value(QLatin1String("targets")).toInt(), 5);
        QCOMPARE(report.value(QLatin1String("committed")).toInt(), 5);
        QCOMPARE(report.value(QLatin1String("canaries")).toInt(), 1);
        for (auto& k : m_kiosks) {
            QCOMPARE(k.agent->configVersion(), 2);
            QCOMPARE(textScaleOf(k.target->running()), 1.3);
        }

        r = run(QStringList{QStringLiteral("watch"), QStringLiteral("--once"),
                            QStringLiteral("--json"), QStringLiteral("--group"),
                            QStringLiteral("bkk")} +
                brokerArgs());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonArray kiosks = QJsonDocument::fromJson(r.out.trimmed())
                                      .object()
                                      .value(QLatin1String("kiosks"))
                                      .toArray();
        QCOMPARE(kiosks.size(), 5);
        for (const auto& k : kiosks) {
            QCOMPARE(k.toObject().value(QLatin1String("config_version")).toInt(), 2);
        }

        r = run(QStringList{QStringLiteral("command"), QStringLiteral("--key"), key,
                            QStringLiteral("--target"), QStringLiteral("kiosk:KIOSK-C-0003"),
                            QStringLiteral("self-test"), QStringLiteral("--json")} +
                brokerArgs());
        QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
        QVERIFY(r.out.contains("command-result"));
    }

    void command_uploadLogs_redactedBundleCollected() {
        const QString key = m_dir.filePath(QStringLiteral("logs.key"));
        QCOMPARE(run({QStringLiteral("keygen"), QStringLiteral("--out"), key}).exitCode, 0);
        QFile pub(key + QStringLiteral(".pub"));
        QVERIFY(pub.open(QIODevice::ReadOnly));
        startKiosks(QString::fromLatin1(pub.readAll()).trimmed(), 1, true);
        kiosk::logging::keepLine(QStringLiteral(
            "2026-11-23T09:12:03.123Z I kiosk.ui.session: form for นาย สมชาย cid 1101700230708"));
        // Enough lines for several chunks.
        for (int i = 0; i < 1500; ++i) {
            kiosk::logging::keepLine(
                QStringLiteral("2026-11-23T09:12:04.000Z I kiosk.test: filler line %1 of the log")
                    .arg(i));
        }
        const QString out = m_dir.filePath(QStringLiteral("collected"));
        Run r = run(QStringList{QStringLiteral("command"), QStringLiteral("--key"), key,
                                QStringLiteral("--target"), QStringLiteral("kiosk:KIOSK-C-0000"),
                                QStringLiteral("upload-logs"), QStringLiteral("--logs-out"), out} +
                    brokerArgs());
        QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
        QFile f(QDir(out).filePath(QStringLiteral("KIOSK-C-0000-logs.json")));
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
        const QByteArray bytes = f.readAll();
        const QJsonObject bundle = QJsonDocument::fromJson(bytes).object();
        QCOMPARE(bundle.value(QLatin1String("format")).toString(),
                 QStringLiteral("smart-kiosk-logs-1"));
        QVERIFY(bundle.value(QLatin1String("lines")).toArray().size() >= 1501);
        QVERIFY(bytes.size() > kLogChunkBytes);  // it came in more than one chunk
        QVERIFY(bytes.contains("1-1017-xxxxx-xx-8"));
        QVERIFY(!bytes.contains("1101700230708"));
        QVERIFY(!QString::fromUtf8(bytes).contains(QStringLiteral("สมชาย")));
        // The kiosk keeps a copy for the operator too.
        QCOMPARE(QDir(m_dir.filePath(QStringLiteral("kept-KIOSK-C-0000")))
                     .entryList({QStringLiteral("logs-*.json")}, QDir::Files)
                     .size(),
                 1);
    }

    void publish_unhealthyCanary_halts() {
        const QString key = m_dir.filePath(QStringLiteral("op2.key"));
        QCOMPARE(run({QStringLiteral("keygen"), QStringLiteral("--out"), key}).exitCode, 0);
        QFile pub(key + QStringLiteral(".pub"));
        QVERIFY(pub.open(QIODevice::ReadOnly));
        startKiosks(QString::fromLatin1(pub.readAll()).trimmed(), 5, false);
        const QString patch = m_dir.filePath(QStringLiteral("patch2.json"));
        QFile pf(patch);
        QVERIFY(pf.open(QIODevice::WriteOnly));
        pf.write(R"({"ui":{"text_scale":1.5}})");
        pf.close();
        const QString bundle = m_dir.filePath(QStringLiteral("b3.signed"));
        QCOMPARE(run({QStringLiteral("sign"), QStringLiteral("--key"), key,
                      QStringLiteral("--version"), QStringLiteral("3"), QStringLiteral("--target"),
                      QStringLiteral("group:bkk"), patch, QStringLiteral("-o"), bundle})
                     .exitCode,
                 0);
        Run r = run(QStringList{QStringLiteral("publish"), QStringLiteral("--group"),
                                QStringLiteral("bkk"), QStringLiteral("--canary"),
                                QStringLiteral("0.2"), QStringLiteral("--discovery-ms"),
                                QStringLiteral("1000"), QStringLiteral("--json"), bundle} +
                    brokerArgs());
        QCOMPARE(r.exitCode, 1);
        const QJsonObject report = QJsonDocument::fromJson(r.out.trimmed()).object();
        QVERIFY2(report.value(QLatin1String("halted")).toBool(), r.out.constData());
        int applied = 0;
        for (auto& k : m_kiosks) {
            applied += k.target->applies;
            QCOMPARE(k.agent->configVersion(), 0);
        }
        QCOMPARE(applied, 1);  // only the canary tried it
    }
};

QTEST_GUILESS_MAIN(TstKioskFleetCli)
#include "tst_kiosk_fleet_cli.moc"
