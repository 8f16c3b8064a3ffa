// portal-sim: stands in for the government backends (DOPA, FVS, Digital ID
// IdP, Citizen Portal) on loopback HTTPS with mutual TLS. The APIs are
// modules registered in PortalSim (portal_sim.h).
#include "logging.h"
#include "portal_sim.h"
#include "tls_http_server.h"

#include <sys/socket.h>
#include <unistd.h>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>
#include <QTextStream>
#include <csignal>

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int) {
    const char c = 1;
    [[maybe_unused]] auto n = ::write(g_signalPipe[1], &c, 1);
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("portal-sim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KIOSK_VERSION));
    kiosk::logging::install({});

    QCommandLineParser cli;
    cli.setApplicationDescription(
        QStringLiteral("Government backend simulator for Smart Kiosk (loopback only)."));
    cli.addHelpOption();
    cli.addVersionOption();
    const QCommandLineOption listenOpt(QStringLiteral("listen"),
                                       QStringLiteral("Address:port (port 0 = any free)."),
                                       QStringLiteral("addr"), QStringLiteral("127.0.0.1:0"));
    const QCommandLineOption certOpt(QStringLiteral("cert"),
                                     QStringLiteral("Server certificate (PEM)."),
                                     QStringLiteral("file"));
    const QCommandLineOption keyOpt(
        QStringLiteral("key"), QStringLiteral("Server private key (PEM)."), QStringLiteral("file"));
    const QCommandLineOption caOpt(
        QStringLiteral("client-ca"),
        QStringLiteral("CA for client certificates; enables mutual TLS."), QStringLiteral("file"));
    const QCommandLineOption citizensOpt(
        QStringLiteral("citizens"),
        QStringLiteral("Fictional citizens (JSON) for DOPA, FVS, the IdP and the portal."),
        QStringLiteral("file"));
    const QCommandLineOption devicesOpt(
        QStringLiteral("devices"),
        QStringLiteral("Kiosk device keys the IdP accepts: {\"devices\":[{\"kiosk_id\","
                       "\"public_key_pem\"}]}."),
        QStringLiteral("file"));
    const QCommandLineOption stateOpt(
        QStringLiteral("state"),
        QStringLiteral("Keep IdP and portal state in this file across restarts."),
        QStringLiteral("file"));
    cli.addOptions({listenOpt, certOpt, keyOpt, caOpt, citizensOpt, devicesOpt, stateOpt});
    cli.process(app);

    QTextStream err(stderr);
    const QString listen = cli.value(listenOpt);
    const qsizetype colon = listen.lastIndexOf(QLatin1Char(':'));
    const QHostAddress address(listen.left(colon));
    bool portOk = false;
    const uint port = listen.mid(colon + 1).toUInt(&portOk);
    if (colon <= 0 || address.isNull() || !portOk || port > 65535) {
        err << "portal-sim: --listen wants ADDRESS:PORT, got " << listen << '\n';
        return 2;
    }
    if (!address.isLoopback()) {
        err << "portal-sim: refusing to listen on a non-loopback address (" << listen << ")\n";
        return 2;
    }
    if (!cli.isSet(certOpt) || !cli.isSet(keyOpt)) {
        err << "portal-sim: --cert and --key are required (it only speaks TLS)\n";
        return 2;
    }

    kiosk::sim::PortalSim portal;
    if (const QString loadError =
            portal.state().load(cli.value(citizensOpt), cli.value(devicesOpt), cli.value(stateOpt));
        !loadError.isEmpty()) {
        err << "portal-sim: " << loadError << '\n';
        return 1;
    }
    kiosk::sim::TlsHttpServer server(
        [&portal](const kiosk::sim::HttpRequest& r) { return portal.handle(r); });
    const QString error = server.listen(address, static_cast<quint16>(port),
                                        {cli.value(certOpt), cli.value(keyOpt), cli.value(caOpt)});
    if (!error.isEmpty()) {
        err << "portal-sim: " << error << '\n';
        return 1;
    }

    // Stop cleanly on SIGTERM/SIGINT (self-pipe: only write() in the handler).
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) == 0) {
        std::signal(SIGTERM, onSignal);
        std::signal(SIGINT, onSignal);
        auto* notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app,
                         [] { QCoreApplication::quit(); });
    }

    QTextStream out(stdout);
    out << QJsonDocument(QJsonObject{{QStringLiteral("event"), QStringLiteral("listening")},
                                     {QStringLiteral("host"), address.toString()},
                                     {QStringLiteral("port"), server.port()},
                                     {QStringLiteral("mutual_tls"), cli.isSet(caOpt)}})
               .toJson(QJsonDocument::Compact)
        << '\n';
    out.flush();
    return QCoreApplication::exec();
}
