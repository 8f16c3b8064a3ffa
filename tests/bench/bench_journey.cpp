// bench_journey: the citizen journey on the real parts, as the demo runs it.
//
//   bench_journey [--out DIR] [--json FILE]
//
// Starts pcscd with the demo citizen's virtual card and portal-sim (the same
// rig the demo uses), renders her printed card, then runs smart-kiosk's
// autopilot offscreen with the recorded clip as the camera: real OCR, face
// detection, PAD, liveness and matching, proofing over mutual TLS. Reports
//   - cold start: from launching smart-kiosk to its READY notification, sent
//     when the attract screen is up (goal <= 3000 ms);
//   - peak RSS (VmHWM) of smart-kiosk after the face capture and liveness
//     steps, and over the whole run (goal <= 400 MB during face capture);
//   - the kiosk time from card in to IAL 2.3 in each language (goal <= 45 s).
// Prints one JSON object; exit status 1 when the run failed or a goal was missed.
#include "sim_rig.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <cstdio>
#include <cstring>

namespace {

constexpr qint64 kColdStartGoalMs = 3000;
constexpr qint64 kPeakRssGoalKb = 400 * 1024;
constexpr double kCardToIalGoalMs = 45000;

// The datagram socket smart-kiosk reports READY on (sd_notify's protocol).
class NotifySocket {
public:
    explicit NotifySocket(const QString& path) {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        const QByteArray p = path.toLocal8Bit();
        if (size_t(p.size()) >= sizeof(addr.sun_path)) {
            return;
        }
        std::memcpy(addr.sun_path, p.constData(), size_t(p.size()));
        m_bound = m_fd >= 0 && ::bind(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
    }
    ~NotifySocket() {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    bool bound() const { return m_bound; }
    bool readySeen() {
        char buf[4096];
        ssize_t n = 0;
        while ((n = ::recv(m_fd, buf, sizeof(buf), 0)) > 0) {
            if (QByteArray(buf, int(n)).startsWith("READY=1")) {
                m_ready = true;
            }
        }
        return m_ready;
    }

private:
    int m_fd = -1;
    bool m_bound = false;
    bool m_ready = false;
};

int failWith(const QString& message) {
    std::fprintf(stderr, "bench_journey: %s\n", qPrintable(message));
    return 1;
}

QString program(const QString& name) {
    return QCoreApplication::applicationDirPath() + QLatin1Char('/') + name;
}

// The largest peak RSS among the steps on the given screens.
qint64 peakOnScreens(const QJsonArray& steps, const QStringList& screens) {
    qint64 peak = -1;
    for (const QJsonValue& v : steps) {
        const QJsonObject step = v.toObject();
        if (screens.contains(step.value(QLatin1String("screen")).toString())) {
            peak = std::max(peak, step.value(QLatin1String("peak_rss_kb")).toInteger(-1));
        }
    }
    return peak;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser cli;
    cli.setApplicationDescription(
        QStringLiteral("The citizen journey on the real parts: cold start, memory, card to IAL."));
    cli.addHelpOption();
    cli.addOption({QStringLiteral("out"), QStringLiteral("Keep the autopilot's output here."),
                   QStringLiteral("DIR")});
    cli.addOption({QStringLiteral("json"), QStringLiteral("Also write the results here."),
                   QStringLiteral("FILE")});
    cli.process(app);

    const QString source = QStringLiteral(KIOSK_SOURCE_DIR);
    const QString clip = QStringLiteral(KIOSK_SHARED_DATA_DIR "/video/katie_hill_talk.mp4");
    const QString card = source + QStringLiteral("/sim/cards/kanya.json");
    if (!QFile::exists(clip)) {
        return failWith(QStringLiteral("the demo clip is missing: ") + clip);
    }

    kiosk::sim::SimRig::Options options;
    options.mosquitto = false;
    options.card = kiosk::sim::VirtualCardPart::Card{card, QStringLiteral("standard")};
    auto rig = kiosk::sim::SimRig::start(options);
    if (!rig) {
        return failWith(QStringLiteral("cannot start the simulators: ") + rig.error().summary());
    }
    const auto config = (*rig)->writeKioskConfig(source + QStringLiteral("/config/kiosk.json"));
    if (!config) {
        return failWith(config.error().summary());
    }

    QTemporaryDir work;
    const QString out = cli.isSet(QStringLiteral("out")) ? cli.value(QStringLiteral("out"))
                                                         : work.filePath(QStringLiteral("out"));
    QDir().mkpath(out);
    const QString cards = work.filePath(QStringLiteral("card"));
    QProcess gen;
    gen.start(program(QStringLiteral("kiosk-cardgen")),
              {QStringLiteral("--citizen"), card, QStringLiteral("--out"), cards});
    if (!gen.waitForFinished(60000) || gen.exitCode() != 0) {
        return failWith(QStringLiteral("kiosk-cardgen failed: ") +
                        QString::fromUtf8(gen.readAllStandardError()));
    }

    const QString socketPath = work.filePath(QStringLiteral("notify"));
    NotifySocket notify(socketPath);
    if (!notify.bound()) {
        return failWith(QStringLiteral("cannot bind the notify socket ") + socketPath);
    }
    QProcessEnvironment env = (*rig)->environment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("NOTIFY_SOCKET"), socketPath);
    QProcess kiosk;
    kiosk.setProcessEnvironment(env);
    kiosk.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer clock;
    clock.start();
    kiosk.start(program(QStringLiteral("smart-kiosk")),
                {QStringLiteral("--config"), *config, QStringLiteral("--data-dir"),
                 work.filePath(QStringLiteral("data")), QStringLiteral("--camera"), clip,
                 QStringLiteral("--demo-card-dir"), cards, QStringLiteral("--autopilot"), out});
    qint64 coldStartMs = -1;
    while (kiosk.state() != QProcess::NotRunning && clock.elapsed() < 300000) {
        kiosk.waitForFinished(coldStartMs < 0 ? 5 : 200);
        if (coldStartMs < 0 && notify.readySeen()) {
            coldStartMs = clock.elapsed();
        }
    }
    if (kiosk.state() != QProcess::NotRunning) {
        kiosk.kill();
        kiosk.waitForFinished();
        return failWith(QStringLiteral("smart-kiosk did not finish its autopilot in 300 s"));
    }

    QFile log(out + QStringLiteral("/run.json"));
    if (!log.open(QIODevice::ReadOnly)) {
        return failWith(
            QStringLiteral("smart-kiosk wrote no run log (exit %1)").arg(kiosk.exitCode()));
    }
    const QJsonObject run = QJsonDocument::fromJson(log.readAll()).object();
    const QJsonArray steps = run.value(QLatin1String("steps")).toArray();
    const QJsonArray cardToIal = run.value(QLatin1String("card_to_ial_ms")).toArray();
    double worstCardToIal = -1;
    for (const QJsonValue& ms : cardToIal) {
        worstCardToIal = std::max(worstCardToIal, ms.toDouble());
    }
    const qint64 faceKb =
        peakOnScreens(steps, {QStringLiteral("face_capture"), QStringLiteral("liveness")});
    const qint64 runKb = run.value(QLatin1String("peak_rss_kb")).toInteger(-1);
    const bool passed = kiosk.exitCode() == 0 &&
                        run.value(QLatin1String("result")).toString() == QLatin1String("pass");

    const bool coldOk = coldStartMs >= 0 && coldStartMs <= kColdStartGoalMs;
    const bool rssOk = faceKb > 0 && faceKb <= kPeakRssGoalKb;
    const bool ialOk = !cardToIal.isEmpty() && worstCardToIal <= kCardToIalGoalMs;
    const QJsonObject result{
        {QStringLiteral("parts"), run.value(QLatin1String("parts"))},
        {QStringLiteral("autopilot"), passed ? QStringLiteral("pass") : QStringLiteral("fail")},
        {QStringLiteral("error"), run.value(QLatin1String("error"))},
        {QStringLiteral("cold_start_ms"), coldStartMs},
        {QStringLiteral("cold_start_goal_ms"), kColdStartGoalMs},
        {QStringLiteral("peak_rss_face_capture_mb"), double(faceKb) / 1024},
        {QStringLiteral("peak_rss_run_mb"), double(runKb) / 1024},
        {QStringLiteral("peak_rss_goal_mb"), double(kPeakRssGoalKb) / 1024},
        {QStringLiteral("card_to_ial_ms"), cardToIal},
        {QStringLiteral("card_to_ial_goal_ms"), kCardToIalGoalMs},
        {QStringLiteral("run_ms"), clock.elapsed()},
        {QStringLiteral("goals_met"), coldOk && rssOk && ialOk},
    };
    const QByteArray json = QJsonDocument(result).toJson();
    std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
    if (cli.isSet(QStringLiteral("json"))) {
        QFile f(cli.value(QStringLiteral("json")));
        if (!f.open(QIODevice::WriteOnly) || f.write(json) != json.size()) {
            return failWith(QStringLiteral("cannot write ") + f.fileName());
        }
    }
    return passed && coldOk && rssOk && ialOk ? 0 : 1;
}
