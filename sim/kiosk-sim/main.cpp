// kiosk-sim: starts the simulated parts (pcscd + vpcd, Mosquitto,
// portal-sim) in a private work directory and either runs a command against
// them or stays up until interrupted. The demo runs the kiosk through it.
//
//   kiosk-sim run [--no-pcscd] [--no-mosquitto] [--no-portal] [--config FILE] [--keep] -- COMMAND
//   [ARGS...] kiosk-sim up  [--no-pcscd] [--no-mosquitto] [--no-portal]
#include "logging.h"
#include "sim_rig.h"

#include <unistd.h>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QTextStream>
#include <csignal>

namespace {

volatile std::sig_atomic_t g_stop = 0;
void onSignal(int) {
    g_stop = 1;
}

// Copies each part's log (named in the manifest) into `dir`, so the output of
// a run survives the removal of the rig's work directory.
void collectLogs(const QJsonObject& manifest, const QString& dir, QTextStream& err) {
    QDir().mkpath(dir);
    const QJsonObject parts = manifest.value(QLatin1String("parts")).toObject();
    for (auto it = parts.begin(); it != parts.end(); ++it) {
        const QString log = it.value().toObject().value(QLatin1String("log")).toString();
        const QString target = dir + QLatin1Char('/') + QFileInfo(log).fileName();
        QFile::remove(target);
        if (!log.isEmpty() && !QFile::copy(log, target)) {
            err << "kiosk-sim: could not keep " << log << '\n';
        }
    }
}

int usage(QTextStream& err) {
    err << "usage: kiosk-sim run [--no-pcscd] [--no-mosquitto] [--no-portal] [--config FILE]\n"
           "                     [--card FILE [--card-profile NAME]] [--keep] [--logs DIR]\n"
           "                     -- COMMAND [ARGS...]\n"
           "       kiosk-sim up  [--no-pcscd] [--no-mosquitto] [--no-portal] [--card FILE]\n"
           "--card FILE inserts a virtual Thai ID card (sim/cards/*.json) into the vpcd reader;\n"
           "--config FILE writes a copy of FILE pointed at the simulators and exports "
           "KIOSK_CONFIG;\n"
           "--logs DIR keeps the simulators' logs in DIR when the command ends.\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    kiosk::logging::install({});
    QTextStream err(stderr);
    QTextStream out(stdout);

    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty() ||
        (args.first() != QLatin1String("run") && args.first() != QLatin1String("up"))) {
        return usage(err);
    }
    const bool runMode = args.takeFirst() == QLatin1String("run");
    kiosk::sim::SimRig::Options options;
    QString configTemplate;
    QString logsDir;
    QStringList command;
    while (!args.isEmpty()) {
        const QString a = args.takeFirst();
        if (a == QLatin1String("--")) {
            command = args;
            break;
        } else if (a == QLatin1String("--no-pcscd")) {
            options.pcscd = false;
        } else if (a == QLatin1String("--no-mosquitto")) {
            options.mosquitto = false;
        } else if (a == QLatin1String("--no-portal")) {
            options.portal = false;
        } else if (a == QLatin1String("--keep")) {
            options.keepWorkDir = true;
        } else if (a == QLatin1String("--card") && !args.isEmpty()) {
            options.card =
                kiosk::sim::VirtualCardPart::Card{args.takeFirst(), QStringLiteral("standard")};
        } else if (a == QLatin1String("--card-profile") && !args.isEmpty() && options.card) {
            options.card->profile = args.takeFirst();
        } else if (a == QLatin1String("--logs") && !args.isEmpty()) {
            logsDir = args.takeFirst();
        } else if (a == QLatin1String("--config") && !args.isEmpty()) {
            configTemplate = args.takeFirst();
        } else {
            return usage(err);
        }
    }
    if (runMode && command.isEmpty()) {
        return usage(err);
    }

    auto rig = kiosk::sim::SimRig::start(options);
    if (!rig) {
        err << "kiosk-sim: could not start the simulators\n" << rig.error().summary() << '\n';
        return 1;
    }
    QProcessEnvironment env = (*rig)->environment();
    if (!configTemplate.isEmpty()) {
        auto config = (*rig)->writeKioskConfig(configTemplate);
        if (!config) {
            err << "kiosk-sim: " << config.error().summary() << '\n';
            return 1;
        }
        env.insert(QStringLiteral("KIOSK_CONFIG"), *config);
    }
    err << "kiosk-sim: simulators up in " << (*rig)->workDir() << '\n';
    err.flush();

    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);

    if (!runMode) {
        out << QJsonDocument((*rig)->manifest()).toJson();
        out.flush();
        while (!g_stop) {
            ::usleep(200 * 1000);
        }
        err << "kiosk-sim: stopping\n";
        return 0;
    }

    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedChannels);
    child.setInputChannelMode(QProcess::ForwardedInputChannel);
    child.setProcessEnvironment(env);
    child.start(command.first(), command.mid(1));
    if (!child.waitForStarted(10000)) {
        err << "kiosk-sim: cannot start " << command.first() << ": " << child.errorString() << '\n';
        return 1;
    }
    while (!child.waitForFinished(200)) {
        if (g_stop) {
            child.terminate();
            if (!child.waitForFinished(5000)) {
                child.kill();
                child.waitForFinished(2000);
            }
            break;
        }
    }
    const int code = child.exitStatus() == QProcess::NormalExit ? child.exitCode() : 128 + SIGTERM;
    (*rig)->stop();
    if (!logsDir.isEmpty()) {
        collectLogs((*rig)->manifest(), logsDir, err);
    }
    return code;
}
