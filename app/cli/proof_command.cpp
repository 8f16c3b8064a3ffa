// kioskctl proof --reader NAME --video FILE [--challenges LIST]
//                [--card-image FRONT BACK | --laser CODE] [--no-consent] [--json]
// Runs identity proofing headless: the card from the reader, face and
// liveness from a clip (through BiometricEvidenceSource), the laser code
// typed or read from the card's photos (PrintedCardSource), DOPA, the IAL
// policy of the configuration, a signed ProofingRecord, the IdP (or the
// outbox when it is unreachable). Prints the level granted and every check.
// Consent: the operator running the command confirms the citizen agreed to
// the configured consent text; --no-consent runs without it.
#include "command.h"
#include "commands.h"
#include "config.h"
#include "paths.h"
#include "pcsc_card_reader.h"
#include "proof_support.h"
#include "proofing_service.h"
#include "provisioning.h"
#include "service_settings.h"
#include "store.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QUuid>

namespace kiosk::cli {

namespace {

const QString kUsageText = QStringLiteral(
    "usage: kioskctl proof --reader NAME --video FILE [--challenges LIST] "
    "[--card-image FRONT BACK | --laser CODE] [--no-consent]");

}  // namespace

int proof(const QStringList& argsIn, const GlobalOptions& global, Output& out) {
    QStringList args = argsIn;
    bool bad = false;
    QString reader, video, challenges, laser, front, back;
    takeOption(args, QStringLiteral("--reader"), reader, bad);
    takeOption(args, QStringLiteral("--video"), video, bad);
    takeOption(args, QStringLiteral("--challenges"), challenges, bad);
    const bool hasLaser = takeOption(args, QStringLiteral("--laser"), laser, bad);
    bool hasImages = false;
    if (const qsizetype i = args.indexOf(QStringLiteral("--card-image")); i >= 0) {
        if (i + 2 >= args.size()) {
            bad = true;
        } else {
            front = args[i + 1];
            back = args[i + 2];
            args.remove(i, 3);
            hasImages = true;
        }
    }
    const bool noConsent = takeFlag(args, QStringLiteral("--no-consent"));
    if (bad || !args.isEmpty() || video.isEmpty() || (hasLaser && hasImages)) {
        return out.error(QStringLiteral("usage"), kUsageText, kUsage);
    }
    if (!QFileInfo::exists(video)) {
        return out.error(QStringLiteral("video"), QStringLiteral("%1: no such file").arg(video));
    }
    auto config = ConfigLoader::loadFile(paths::configFile(global.configFile));
    if (!config) {
        return out.error(QStringLiteral("config"), config.error().summary());
    }
    auto policy =
        proofing::IalPolicy::fromJson(config->document.value(QLatin1String("proofing")).toObject());
    if (!policy) {
        return out.error(QStringLiteral("config"), policy.error());
    }
    const QString dataDir = paths::dataDir(global.dataDir);
    auto identity = os::readIdentity(dataDir);
    if (!identity) {
        return out.error(QStringLiteral("not_provisioned"), identity.error().message);
    }
    auto signer = proofing::RecordSigner::fromPemFile(identity->signingKey);
    if (!signer) {
        return out.error(QStringLiteral("signing_key"), signer.error().message);
    }

    // The card.
    card::ReadOptions readOptions;
    readOptions.apduTimeoutMs = config->card.apduTimeoutMs;
    readOptions.readTimeoutMs = config->card.readTimeoutMs;
    card::PcscCardReader cardReader;
    auto card = cardReader.read(reader.isEmpty() ? config->card.reader : reader, readOptions);
    if (!card) {
        return out.error(card.error().codeName(), card.error().message);
    }

    backend::ProofingInput input;
    input.chip = chipEvidence(*card);
    input.chipPhotoJpeg = card->photoJpeg;
    input.videoFile = video;
    input.challenges = challenges.isEmpty()
                           ? QStringList()
                           : challenges.split(QLatin1Char(','), Qt::SkipEmptyParts);
    input.sessionId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (hasLaser) {
        proofing::PrintedCardReading typed;
        typed.source = proofing::PrintedCardReading::Source::Typed;
        typed.laserCode = laser;
        input.printed = typed;
    }
    QString printedProblem;
    if (hasImages) {
        auto ocr = makePrintedCardSource(*config);
        if (!ocr) {
            printedProblem = QStringLiteral("no OCR engine in this build");
        } else if (auto reading = ocr->read(front, back); reading) {
            input.printed = *reading;
        } else {
            printedProblem = QStringLiteral("OCR: ") + reading.error();
        }
    }
    if (!noConsent) {
        input.consent = proofing::ConsentEvidence{
            policy->consentTextVersion, QDateTime::currentDateTimeUtc(),
            proofing::ConsentEvidence::Action::Accepted, QStringLiteral("kioskctl")};
    }

    // The backends and the outbox.
    const auto tls = backend::BackendSettings::fromConfig(config->backend);
    auto http = [&](const char* name) {
        return backend::BackendHttp::create(
            tls, backend::ServiceSettings::fromConfig(QString::fromLatin1(name), *config),
            config->kiosk.id);
    };
    auto dopaHttp = http("dopa");
    auto fvsHttp = http("fvs");
    auto idpHttp = http("idp");
    if (!dopaHttp || !fvsHttp || !idpHttp) {
        const auto& e = !dopaHttp ? dopaHttp.error() : !fvsHttp ? fvsHttp.error() : idpHttp.error();
        return out.error(QStringLiteral("backend_config"), e.message);
    }
    backend::DopaClient dopa(std::move(*dopaHttp));
    backend::FvsClient fvs(std::move(*fvsHttp));
    backend::IdpClient idp(std::move(*idpHttp));
    store::FileKeyStore keys(store::FileKeyStore::defaultPath(dataDir));
    auto st = store::Store::open(store::Store::forKiosk(*config, dataDir, &keys));
    if (!st) {
        return out.error(st.error().codeName(), st.error().message);
    }
    store::Outbox outbox(**st);
    auto biometrics = makeBiometricSource(*config);

    backend::ProofingService service({&dopa, &fvs, &idp, &outbox, *signer, biometrics.get(),
                                      *policy, config->kiosk.id, identity->deviceId});
    auto result = service.run(input);
    input.chipPhotoJpeg.fill('\0');
    if (!result) {
        return out.error(QStringLiteral("proofing"), result.error());
    }
    auto& r = *result;
    if (!printedProblem.isEmpty()) {
        for (auto& c : r.decision.checks) {
            if (c.check == proofing::Check::PrintedCardConsistent &&
                c.outcome == proofing::Outcome::NotPerformed) {
                c.reason = printedProblem;
            }
        }
    }
    if (out.json()) {
        out.emitJson(r.toJson());
    } else {
        QTextStream& t = out.text();
        t << "IAL granted:  "
          << (r.decision.ial.isEmpty() ? QStringLiteral("none") : r.decision.ial)
          << (r.decision.rejected ? "  (REJECTED: evidence contradicts the card)" : "") << '\n';
        if (!r.decision.pendingIal.isEmpty()) {
            t << "IAL pending:  " << r.decision.pendingIal
              << " (once the IdP has checked the card with DOPA)\n";
        }
        for (const auto& c : r.decision.checks) {
            t << "  " << proofing::checkName(c.check).leftJustified(25) << ' '
              << proofing::outcomeName(c.outcome).leftJustified(14) << c.reason << '\n';
        }
        for (const QString& reason : r.decision.reasons) {
            t << "  why not higher: " << reason << '\n';
        }
        t << "Record:       " << r.record.value(QLatin1String("record_id")).toString() << '\n'
          << "IdP:          " << backend::deliveryName(r.delivery) << " - " << r.deliveryDetail
          << '\n';
    }
    return r.decision.ial.isEmpty() ? kFailed : kOk;
}

}  // namespace kiosk::cli
