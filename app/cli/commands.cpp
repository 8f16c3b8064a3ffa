#include "commands.h"

#include <QJsonObject>

namespace kiosk::cli {

int version(const QStringList& args, const GlobalOptions&, Output& out) {
    if (!args.isEmpty()) {
        return out.error(QStringLiteral("usage"), QStringLiteral("usage: kioskctl version"),
                         kUsage);
    }
    if (out.json()) {
        out.emitJson({{QStringLiteral("kioskctl"), QStringLiteral(KIOSK_VERSION)},
                      {QStringLiteral("qt"), QString::fromLatin1(qVersion())}});
    } else {
        out.text() << "kioskctl " << KIOSK_VERSION << " (Qt " << qVersion() << ")\n";
    }
    return kOk;
}

QList<Command> allCommands() {
    return {
        {{QStringLiteral("config"), QStringLiteral("check")},
         QStringLiteral("FILE"),
         QStringLiteral("Validate a configuration file; name each bad field."),
         configCheck},
        {{QStringLiteral("version")}, QString(), QStringLiteral("Print the version."), version},
        {{QStringLiteral("selftest")},
         QString(),
         QStringLiteral("Check config, data dir, identity, models, Thai font, pcscd."),
         selftest},
        {{QStringLiteral("provision")},
         QString(),
         QStringLiteral("First boot: device id, signing key, fleet enrolment request."),
         provision},
    };
}

}  // namespace kiosk::cli
