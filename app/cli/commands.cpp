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
        {{QStringLiteral("card"), QStringLiteral("list-readers")},
         QString(),
         QStringLiteral("List PC/SC readers and the cards in them."),
         cardListReaders},
        {{QStringLiteral("card"), QStringLiteral("watch")},
         QStringLiteral("[--count N] [--timeout-ms MS]"),
         QStringLiteral("Print reader and card events as they happen."),
         cardWatch},
        {{QStringLiteral("card"), QStringLiteral("read")},
         QStringLiteral("[--reader NAME] [--photo FILE]"),
         QStringLiteral("Read the Thai ID card (first reader holding one)."),
         cardRead},
        {{QStringLiteral("queue"), QStringLiteral("status")},
         QString(),
         QStringLiteral("Outbox counts, size and dead letters."),
         queueStatus},
        {{QStringLiteral("queue"), QStringLiteral("list")},
         QString(),
         QStringLiteral("List outbox items (no personal data)."),
         queueList},
        {{QStringLiteral("queue"), QStringLiteral("retry")},
         QStringLiteral("ID"),
         QStringLiteral("Send a dead-letter item again now."),
         queueRetry},
        {{QStringLiteral("queue"), QStringLiteral("purge-expired")},
         QString(),
         QStringLiteral("Delete expired items (audited)."),
         queuePurgeExpired},
        {{QStringLiteral("face"), QStringLiteral("quality")},
         QStringLiteral("IMAGE [--role probe|chip]"),
         QStringLiteral("Judge a face image: one face, size, pose, sharpness, light, eyes."),
         faceQuality},
        {{QStringLiteral("face"), QStringLiteral("verify")},
         QStringLiteral("REFERENCE PROBE"),
         QStringLiteral("Compare a probe with a reference (chip photo): score and match."),
         faceVerify},
        {{QStringLiteral("proof")},
         QStringLiteral("--reader NAME --video FILE [--challenges LIST] [--card-image FRONT BACK | "
                        "--laser CODE] [--no-consent]"),
         QStringLiteral("Identity proofing headless: print the IAL granted and every check."),
         proof},
        {{QStringLiteral("technician"), QStringLiteral("add")},
         QStringLiteral("ID [--role technician|supervisor] [--by SUPERVISOR]  (PINs on stdin)"),
         QStringLiteral("Add a maintenance-menu account (audited)."),
         technicianAdd},
        {{QStringLiteral("liveness")},
         QStringLiteral("INPUT [--challenges LIST] [--passive] [--seed N] [--no-identity]"),
         QStringLiteral("Liveness check on a clip, image folder, webcam or (--passive) a photo."),
         liveness},
        {{QStringLiteral("ocr")},
         QStringLiteral("IMAGE [--side front|back]"),
         QStringLiteral("Read a Thai ID card from a photo or scan (fields, guidance)."),
         ocrImage},
    };
}

}  // namespace kiosk::cli
