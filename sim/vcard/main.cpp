// thai-vcard: a virtual Thai ID card for pcscd's vpcd driver.
//
//   thai-vcard --card sim/cards/somchai.json [--profile slow] [--port 35963]
//
// Inserts the card into the vpcd reader on --port (default: $KIOSK_SIM_VPCD_PORT,
// which `kiosk-sim run` sets) and serves it until vpcd hangs up, the profile
// removes it, or SIGINT/SIGTERM.
#include "virtual_citizen.h"
#include "virtual_thai_id_card.h"
#include "vpcd_client.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>
#include <csignal>

namespace {
kiosk::sim::vcard::VpcdClient* g_client = nullptr;
void onSignal(int) {
    if (g_client) {
        g_client->stop();  // only async-signal-safe calls inside (atomic store, shutdown)
    }
}
}  // namespace

int main(int argc, char** argv) {
    using namespace kiosk::sim::vcard;
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("thai-vcard"));
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Virtual Thai ID card for vpcd (fictional citizens only)."));
    parser.addHelpOption();
    const QCommandLineOption card({QStringLiteral("c"), QStringLiteral("card")},
                                  QStringLiteral("Card file (JSON), see sim/cards/."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption profile(
        {QStringLiteral("p"), QStringLiteral("profile")},
        QStringLiteral("Card profile: %1.").arg(CardProfile::names().join(QStringLiteral(", "))),
        QStringLiteral("NAME"), QStringLiteral("standard"));
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("vpcd port (default $KIOSK_SIM_VPCD_PORT)."),
                                  QStringLiteral("PORT"));
    const QCommandLineOption dataDir(
        QStringLiteral("data-dir"), QStringLiteral("Where the card file's photo path is resolved."),
        QStringLiteral("DIR"), QStringLiteral(KIOSK_SHARED_DATA_DIR));
    const QCommandLineOption delay(QStringLiteral("delay-ms"), QStringLiteral("Delay per APDU."),
                                   QStringLiteral("MS"));
    const QCommandLineOption removeAt(QStringLiteral("remove-at"),
                                      QStringLiteral("Leave the reader at APDU N."),
                                      QStringLiteral("N"));
    const QCommandLineOption garbageAt(QStringLiteral("garbage-at"),
                                       QStringLiteral("Answer APDU N with garbage."),
                                       QStringLiteral("N"));
    parser.addOptions({card, profile, port, dataDir, delay, removeAt, garbageAt});
    parser.process(app);

    if (!parser.isSet(card)) {
        err << "thai-vcard: --card FILE is required\n";
        return 2;
    }
    auto p = CardProfile::named(parser.value(profile));
    if (!p) {
        err << "thai-vcard: " << p.error() << '\n';
        return 2;
    }
    if (parser.isSet(delay)) {
        p->delayMs = parser.value(delay).toInt();
    }
    if (parser.isSet(removeAt)) {
        p->removeAtApdu = parser.value(removeAt).toInt();
    }
    if (parser.isSet(garbageAt)) {
        p->garbageAtApdu = parser.value(garbageAt).toInt();
    }
    const QString portText =
        parser.isSet(port) ? parser.value(port) : qEnvironmentVariable("KIOSK_SIM_VPCD_PORT");
    bool ok = false;
    const int portNumber = portText.toInt(&ok);
    if (!ok || portNumber <= 0 || portNumber > 65535) {
        err << "thai-vcard: no vpcd port (--port or $KIOSK_SIM_VPCD_PORT)\n";
        return 2;
    }
    auto citizen = VirtualCitizen::fromFile(parser.value(card));
    if (!citizen) {
        err << "thai-vcard: " << citizen.error() << '\n';
        return 1;
    }
    if (auto r = citizen->loadPhoto(parser.value(dataDir)); !r) {
        err << "thai-vcard: " << r.error() << '\n';
        return 1;
    }
    auto vcard = VirtualThaiIdCard::create(*citizen, *p);
    if (!vcard) {
        err << "thai-vcard: " << vcard.error() << '\n';
        return 1;
    }
    VpcdClient client(std::move(*vcard));
    if (auto r = client.connectTo(static_cast<quint16>(portNumber)); !r) {
        err << "thai-vcard: " << r.error() << '\n';
        return 1;
    }
    g_client = &client;
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    err << "thai-vcard: inserted (profile " << p->name << ", port " << portNumber << ")\n";
    err.flush();
    const QString reason = client.serve();
    g_client = nullptr;
    err << "thai-vcard: removed: " << reason << " after " << client.apduCount() << " APDU(s)\n";
    return 0;
}
