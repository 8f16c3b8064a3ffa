// Fleet scale run: N simulated kiosk agents (default 200), each with its own
// TLS connection and client certificate to one Mosquitto on loopback, in one
// process. Two figures:
//   1. staged rollout time: canary share, then the rest, until every agent
//      has committed the new bundle (goal: <= 60 s for 200 agents);
//   2. heartbeat load at the broker, measured at --heartbeat-s and scaled to
//      the configured interval (messages/s and bytes/s).
//
//   bench_fleet [--agents N] [--quick] [--heartbeat-s S] [--measure-s S]
//               [--canary SHARE] [--check] [--json FILE]
// --quick: 20 agents, short measurement (the ctest run); --check: exit 1 when
// the rollout fails or misses the goal.
#include "fleet_agent.h"
#include "messages.h"
#include "mosquitto_part.h"
#include "mqtt_transport.h"
#include "rollout.h"
#include "test_pki.h"

#include <sys/resource.h>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>

using namespace kiosk;
using namespace kiosk::fleet;

namespace {

// A kiosk whose configuration lives in memory and is always healthy.
class BenchTarget : public ConfigTarget {
public:
    explicit BenchTarget(QJsonObject c) : m_running(std::move(c)) {}
    QJsonObject running() const override { return m_running; }
    Result<void, QString> stage(const QJsonObject& c) override {
        m_staged = c;
        return {};
    }
    Result<ApplyOutcome, QString> apply() override { return ApplyOutcome{}; }
    void checkHealth(std::function<void(bool, QString)> done) override { done(true, {}); }
    Result<void, QString> commit() override {
        m_running = m_staged;
        return {};
    }
    Result<void, QString> rollback() override { return {}; }

private:
    QJsonObject m_running;
    QJsonObject m_staged;
};

struct Agent {
    std::unique_ptr<MqttTransport> transport;
    std::unique_ptr<BenchTarget> target;
    std::unique_ptr<FleetAgent> agent;
};

void waitUntil(const std::function<bool()>& done, int timeoutMs) {
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs) {
        // Sleep in the event loop (not a busy poll) so CPU figures mean something.
        QEventLoop loop;
        QTimer::singleShot(10, &loop, &QEventLoop::quit);
        loop.exec();
    }
}

double cpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    // 200 agents' info lines would drown the figures.
    QLoggingCategory::setFilterRules(QStringLiteral("kiosk.*.debug=false\nkiosk.*.info=false"));
    QCommandLineParser cli;
    cli.addHelpOption();
    const QCommandLineOption agentsOpt(QStringLiteral("agents"),
                                       QStringLiteral("Simulated kiosks."), QStringLiteral("n"),
                                       QStringLiteral("200"));
    const QCommandLineOption quickOpt(QStringLiteral("quick"), QStringLiteral("20 agents, short."));
    const QCommandLineOption hbOpt(QStringLiteral("heartbeat-s"),
                                   QStringLiteral("Heartbeat interval during the run."),
                                   QStringLiteral("s"), QStringLiteral("5"));
    const QCommandLineOption measureOpt(QStringLiteral("measure-s"),
                                        QStringLiteral("Heartbeat measurement window."),
                                        QStringLiteral("s"), QStringLiteral("15"));
    const QCommandLineOption configHbOpt(
        QStringLiteral("config-heartbeat-s"),
        QStringLiteral("Interval to scale the load to (fleet.heartbeat_s)."), QStringLiteral("s"),
        QStringLiteral("60"));
    const QCommandLineOption canaryOpt(QStringLiteral("canary"), QStringLiteral("Canary share."),
                                       QStringLiteral("share"), QStringLiteral("0.1"));
    const QCommandLineOption checkOpt(QStringLiteral("check"),
                                      QStringLiteral("Exit 1 when the goal is missed."));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("Write results here."),
                                     QStringLiteral("file"));
    cli.addOptions(
        {agentsOpt, quickOpt, hbOpt, measureOpt, configHbOpt, canaryOpt, checkOpt, jsonOpt});
    cli.process(app);
    const bool quick = cli.isSet(quickOpt);
    const int n = quick ? 20 : cli.value(agentsOpt).toInt();
    const int heartbeatS = quick ? 1 : cli.value(hbOpt).toInt();
    const int measureS = quick ? 3 : cli.value(measureOpt).toInt();
    const int configHeartbeatS = cli.value(configHbOpt).toInt();

    QTemporaryDir dir;
    auto pki = sim::TestPki::create(dir.path());
    if (!pki) {
        std::fprintf(stderr, "bench_fleet: %s\n", qPrintable(pki.error()));
        return 1;
    }
    sim::MosquittoPart broker(dir.path());
    broker.enableTls(pki->caCert, pki->serverCert, pki->serverKey, true);
    if (auto r = broker.start(); !r) {
        std::fprintf(stderr, "bench_fleet: %s\n", qPrintable(r.error().summary()));
        return 1;
    }
    auto key = SigningKey::generate();
    if (!key) {
        return 1;
    }
    const auto transportOptions = [&](const QString& id) {
        MqttTransport::Options o;
        o.port = broker.port();
        o.clientId = id;
        o.caFile = pki->caCert;
        o.certFile = pki->clientCert;
        o.keyFile = pki->clientKey;
        return o;
    };

    QFile baseFile(QStringLiteral(KIOSK_SOURCE_DIR "/config/kiosk.json"));
    if (!baseFile.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "bench_fleet: config/kiosk.json missing\n");
        return 1;
    }
    const QJsonObject base = QJsonDocument::fromJson(baseFile.readAll()).object();

    // 1. Connect the fleet.
    std::printf("fleet bench: %d agents, TLS with client certificates, one broker\n", n);
    QElapsedTimer clock;
    clock.start();
    std::vector<Agent> agents;
    agents.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        const QString id = QStringLiteral("KIOSK-B-%1").arg(i, 4, 10, QLatin1Char('0'));
        QJsonObject c = base;
        QJsonObject k = c.value(QLatin1String("kiosk")).toObject();
        k.insert(QStringLiteral("id"), id);
        c.insert(QStringLiteral("kiosk"), k);
        Agent a;
        a.transport = std::make_unique<MqttTransport>(transportOptions(id));
        a.target = std::make_unique<BenchTarget>(c);
        FleetAgent::Options o;
        o.kioskId = id;
        o.group = QStringLiteral("bench");
        o.trustedKeys = {key->publicRaw()};
        o.heartbeatMs = heartbeatS * 1000;
        a.agent = std::make_unique<FleetAgent>(o, a.transport.get(), a.target.get());
        a.agent->start();
        agents.push_back(std::move(a));
    }
    const auto connected = [&] {
        return static_cast<int>(std::count_if(
            agents.begin(), agents.end(), [](const Agent& a) { return a.agent->isConnected(); }));
    };
    waitUntil([&] { return connected() == n; }, 120000);
    const qint64 connectMs = clock.elapsed();
    std::printf("connected: %d/%d in %lld ms\n", connected(), n, static_cast<long long>(connectMs));

    MqttTransport opTransport(transportOptions(QStringLiteral("bench-operator")));
    FleetWatcher watcher(&opTransport);
    watcher.start();
    opTransport.start();
    waitUntil([&] { return opTransport.isConnected(); }, 10000);

    // 2. Heartbeat load.
    waitUntil([] { return false; }, 1000);  // past the first retained burst
    const qint64 hb0 = watcher.heartbeats();
    const qint64 bytes0 = watcher.heartbeatBytes();
    const double cpu0 = cpuSeconds();
    clock.restart();
    waitUntil([] { return false; }, measureS * 1000);
    const double seconds = static_cast<double>(clock.elapsed()) / 1000.0;
    const double hbRate = static_cast<double>(watcher.heartbeats() - hb0) / seconds;
    const double hbBytesRate = static_cast<double>(watcher.heartbeatBytes() - bytes0) / seconds;
    const double hbSize = watcher.heartbeats() > hb0
                              ? static_cast<double>(watcher.heartbeatBytes() - bytes0) /
                                    static_cast<double>(watcher.heartbeats() - hb0)
                              : 0;
    const double cpuShare = (cpuSeconds() - cpu0) / seconds;
    const double scaledRate = static_cast<double>(n) / configHeartbeatS;
    std::printf(
        "heartbeats at %d s: %.1f msg/s, %.0f B/s (%.0f B each); agents' process CPU %.1f%%\n",
        heartbeatS, hbRate, hbBytesRate, hbSize, cpuShare * 100);
    std::printf("scaled to heartbeat_s=%d: %.2f msg/s, %.0f B/s for %d kiosks\n", configHeartbeatS,
                scaledRate, scaledRate * hbSize, n);

    // 3. Staged rollout.
    QJsonObject patch{{QStringLiteral("ui"), QJsonObject{{QStringLiteral("text_scale"), 1.2}}}};
    Target target;
    target.group = QStringLiteral("bench");
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto envelope =
        seal(bundlePayload(2, target, now.addSecs(-60), now.addSecs(3600), patch), *key);
    if (!envelope) {
        return 1;
    }
    Rollout::Options ro;
    ro.group = QStringLiteral("bench");
    ro.envelope = *envelope;
    ro.version = 2;
    ro.canaryShare = cli.value(canaryOpt).toDouble();
    ro.haltFailureRate = 0.05;
    ro.discoveryMs = 500;
    ro.waveTimeoutMs = 120000;
    Rollout rollout(ro, &opTransport, &watcher);
    QObject::connect(&rollout, &Rollout::progress,
                     [](const QString& m) { std::printf("  %s\n", qPrintable(m)); });
    bool finished = false;
    QObject::connect(&rollout, &Rollout::finished, [&] { finished = true; });
    rollout.start();
    waitUntil([&] { return finished; }, 300000);
    const RolloutReport r = rollout.report();
    const qint64 propagationMs = r.elapsedMs - ro.discoveryMs;
    const int committed =
        static_cast<int>(std::count_if(agents.begin(), agents.end(), [](const Agent& a) {
            return a.agent->configVersion() == 2;
        }));
    std::printf(
        "rollout: %s; %d/%d agents committed; canary %lld ms, all %lld ms after the first "
        "publish (goal <= 60000 ms)\n",
        r.ok ? "ok" : "FAILED", committed, n, static_cast<long long>(r.canaryMs - ro.discoveryMs),
        static_cast<long long>(propagationMs));

    const QJsonObject results{{QStringLiteral("agents"), n},
                              {QStringLiteral("connect_ms"), connectMs},
                              {QStringLiteral("heartbeat_interval_s"), heartbeatS},
                              {QStringLiteral("heartbeat_msgs_per_s"), hbRate},
                              {QStringLiteral("heartbeat_bytes_per_s"), hbBytesRate},
                              {QStringLiteral("heartbeat_bytes_each"), hbSize},
                              {QStringLiteral("scaled_heartbeat_s"), configHeartbeatS},
                              {QStringLiteral("scaled_msgs_per_s"), scaledRate},
                              {QStringLiteral("scaled_bytes_per_s"), scaledRate * hbSize},
                              {QStringLiteral("agents_cpu_share"), cpuShare},
                              {QStringLiteral("rollout"), r.toJson()},
                              {QStringLiteral("rollout_propagation_ms"), propagationMs},
                              {QStringLiteral("committed"), committed}};
    if (cli.isSet(jsonOpt)) {
        QFile f(cli.value(jsonOpt));
        if (f.open(QIODevice::WriteOnly)) {
            f.write(QJsonDocument(results).toJson());
        }
    }
    for (auto& a : agents) {
        a.agent->stop();
    }
    const bool ok = r.ok && committed == n && propagationMs <= 60000;
    if (!ok) {
        std::fprintf(stderr, "bench_fleet: goal missed\n");
    }
    return (cli.isSet(checkOpt) || quick) && !ok ? 1 : 0;
}
