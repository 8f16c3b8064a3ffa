#include "backend_proofing_port.h"

#include "biometric_outcome.h"
#include "dopa_client.h"
#include "frame_source.h"
#include "fvs_client.h"
#include "idp_client.h"
#include "ocr_image.h"
#include "proof_support.h"
#include "provisioning.h"
#include "service_settings.h"
#include "store.h"
#include "tls_settings.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QUuid>

Q_LOGGING_CATEGORY(lcJourneyProofing, "kiosk.journey.proofing")

namespace kiosk::journey {

// --- CapturedBiometricSource -------------------------------------------------

proofing::BiometricEvidenceSource::Outcome CapturedBiometricSource::collect(
    const Request& request) {
    Outcome outcome;
    VisionStack::Models* models = m_vision->models();
    const JourneyEvidence::Snapshot captured = m_evidence->snapshot();
    if (!models) {
        outcome.notPerformedReason = QStringLiteral("vision unavailable: ") + m_vision->problem();
        return outcome;
    }
    if (!captured.liveness) {
        outcome.notPerformedReason = QStringLiteral("no liveness session in this visit");
        return outcome;
    }
    const vision::LivenessResult& live = *captured.liveness;
    outcome.liveness = evidence::livenessEvidence(live);
    auto reference =
        evidence::chipPhotoDescriptor(models->aligner, models->embedder, request.chipPhotoJpeg);
    if (!reference) {
        outcome.notPerformedReason = reference.error();
        return outcome;
    }
    evidence::addFaceMatch(outcome, *reference, live, {m_threshold, m_probeMinInterEyePx});
    if (outcome.face) {
        qCInfo(lcJourneyProofing) << "face score" << outcome.face->score << "match"
                                  << outcome.face->match << "quality" << outcome.face->qualityOk;
    }
    return outcome;
}

// --- BackendProofingPort -----------------------------------------------------

struct BackendProofingPort::Backends {
    std::unique_ptr<backend::DopaClient> dopa;
    std::unique_ptr<backend::FvsClient> fvs;
    std::unique_ptr<backend::IdpClient> idp;
    std::unique_ptr<store::FileKeyStore> keys;
    std::unique_ptr<store::Store> store;
    std::unique_ptr<store::Outbox> outbox;
    std::shared_ptr<proofing::RecordSigner> signer;
    std::unique_ptr<CapturedBiometricSource> biometrics;
    std::unique_ptr<proofing::PrintedCardSource> printed;
    QString deviceId;
    QString problem;
};

BackendProofingPort::BackendProofingPort(Options options, VisionStack* vision,
                                         JourneyEvidence* evidence, store::Outbox* pendingOutbox,
                                         QObject* parent)
    : QObject(parent),
      m_options(std::move(options)),
      m_vision(vision),
      m_evidence(evidence),
      m_pendingOutbox(pendingOutbox) {}

BackendProofingPort::~BackendProofingPort() {
    ++m_generation;
    // The backends belong to the vision thread: it drops them, after any proofing running.
    m_vision->worker().runAndWait([this] { m_backends.reset(); });
}

proofing::PrintedCardReading BackendProofingPort::laserReading(const QString& laserCode,
                                                               const QByteArray& backImage) {
    proofing::PrintedCardReading r;
    r.source = proofing::PrintedCardReading::Source::Ocr;
    r.laserCode = laserCode;
    if (!backImage.isEmpty()) {
        r.backImageSha256 = proofing::sha256Hex(backImage);
    }
    return r;
}

proofing::PrintedCardReading BackendProofingPort::frontReading(ocr::FieldReader& reader,
                                                               const CardImages& images,
                                                               const QString& laserCode) {
    proofing::PrintedCardReading p = laserReading(laserCode, images.back);
    auto front = ocr::decodeImage(images.front);
    if (!front) {
        return p;
    }
    auto reading = reader.read(*front, ocr::Side::Front);
    if (reading && reading->front) {
        p.cid = reading->front->cid;
        p.firstNameTh = reading->front->nameTh.first;
        p.lastNameTh = reading->front->nameTh.last;
        p.birthDateBe =
            reading->front->birthDate ? reading->front->birthDate->toBuddhistYmd() : QString();
        p.frontImageSha256 = proofing::sha256Hex(images.front);
    }
    return p;
}

ProofingResult BackendProofingPort::resultOf(const backend::ProofingOutcome& o) {
    using backend::ProofingOutcome;
    ProofingResult r;
    r.reference = o.record.value(QLatin1String("record_id")).toString();
    const auto failed = [&o](proofing::Check c) {
        for (const auto& check : o.decision.checks) {
            if (check.check == c) {
                return check.outcome == proofing::Outcome::Failed;
            }
        }
        return false;
    };
    if (o.decision.rejected || o.decision.ial.isEmpty() ||
        proofing::compareIal(o.decision.ial, QStringLiteral("2.3")) < 0) {
        if (!o.decision.pendingIal.isEmpty() &&
            proofing::compareIal(o.decision.pendingIal, QStringLiteral("2.3")) >= 0 &&
            !o.decision.rejected) {
            r.level = ProofingLevel::Pending;
            r.reason = QStringLiteral("dopa_check_outstanding");
            return r;
        }
        r.level = ProofingLevel::NotAchieved;
        r.reason = failed(proofing::Check::CardStatusValid) ? QStringLiteral("card_revoked")
                   : failed(proofing::Check::FaceMatch)     ? QStringLiteral("face_mismatch")
                   : failed(proofing::Check::LivenessLive)  ? QStringLiteral("liveness_failed")
                   : failed(proofing::Check::PrintedCardConsistent)
                       ? QStringLiteral("card_mismatch")
                       : QStringLiteral("evidence_incomplete");
        return r;
    }
    switch (o.delivery) {
        case ProofingOutcome::Delivery::Upgraded:
        case ProofingOutcome::Delivery::Unchanged:
            r.level = ProofingLevel::Achieved;
            break;
        case ProofingOutcome::Delivery::Pending:
            r.level = ProofingLevel::Pending;
            r.reason = QStringLiteral("backend_unreachable");
            break;
        case ProofingOutcome::Delivery::Rejected:
        case ProofingOutcome::Delivery::NotSent:
            r.level = ProofingLevel::NotAchieved;
            r.reason = QStringLiteral("account_not_raised");
            break;
    }
    return r;
}

void BackendProofingPort::verify(const CitizenData& citizen,
                                 std::function<void(const ProofingResult&)> done) {
    const quint64 gen = ++m_generation;
    const QString laser = citizen.laserCode;
    m_vision->worker().post([this, gen, laser, done] {
        auto answer = [this, gen, done](const ProofingResult& r) {
            JourneyWorker::postTo(this, [this, gen, done, r] {
                if (gen == m_generation) {
                    done(r);
                }
            });
        };
        const KioskConfig& config = m_options.config;
        if (!m_backends) {
            m_backends = std::make_unique<Backends>();
            Backends& b = *m_backends;
            const auto tls = backend::BackendSettings::fromConfig(config.backend);
            auto http = [&](const char* name) {
                return backend::BackendHttp::create(
                    tls, backend::ServiceSettings::fromConfig(QString::fromLatin1(name), config),
                    config.kiosk.id);
            };
            auto dopa = http("dopa");
            auto fvs = http("fvs");
            auto idp = http("idp");
            auto identity = os::readIdentity(m_options.dataDir);
            if (!dopa || !fvs || !idp) {
                b.problem = (!dopa ? dopa.error() : !fvs ? fvs.error() : idp.error()).message;
            } else if (!identity) {
                b.problem = QStringLiteral("not provisioned: ") + identity.error().message;
            } else {
                b.dopa = std::make_unique<backend::DopaClient>(std::move(*dopa));
                b.fvs = std::make_unique<backend::FvsClient>(std::move(*fvs));
                b.idp = std::make_unique<backend::IdpClient>(std::move(*idp));
                b.deviceId = identity->deviceId;
                auto signer = proofing::RecordSigner::fromPemFile(identity->signingKey);
                b.keys = std::make_unique<store::FileKeyStore>(
                    store::FileKeyStore::defaultPath(m_options.dataDir));
                auto st = store::Store::open(
                    store::Store::forKiosk(config, m_options.dataDir, b.keys.get()));
                if (!signer) {
                    b.problem = signer.error().message;
                } else if (!st) {
                    b.problem = st.error().message;
                } else {
                    b.signer = *signer;
                    b.store = std::move(*st);
                    b.outbox = std::make_unique<store::Outbox>(*b.store);
                }
            }
            b.biometrics = std::make_unique<CapturedBiometricSource>(
                m_vision, m_evidence, config.face.matchThreshold, config.face.probeMinInterEyePx);
            b.printed = cli::makePrintedCardSource(config);
        }
        Backends& b = *m_backends;
        if (!b.problem.isEmpty()) {
            qCWarning(lcJourneyProofing).noquote() << "proofing unavailable:" << b.problem;
            answer({ProofingLevel::NotAchieved, QStringLiteral("backend_unreachable"), {}});
            return;
        }
        // Holds the card images until this run ends (the last holder zeroes them).
        const JourneyEvidence::Snapshot captured = m_evidence->snapshot();
        if (!captured.card) {
            answer({ProofingLevel::NotAchieved, QStringLiteral("evidence_incomplete"), {}});
            return;
        }
        backend::ProofingInput input;
        input.chip = cli::chipEvidence(*captured.card);
        input.chipPhotoJpeg = captured.card->photoJpeg;
        input.sessionId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        // The printed card: OCR of both sides the camera step read, else its laser code.
        const QString laserCode = laser.isEmpty() ? captured.laserCode : laser;
        const std::shared_ptr<const CardImages>& images = captured.cardImages;
        if (images && b.printed) {
            if (auto reading = b.printed->readEncoded(images->front, images->back)) {
                input.printed = *reading;
            } else {
                qCInfo(lcJourneyProofing).noquote() << "printed card:" << reading.error();
            }
        } else if (images && m_vision->models() && m_vision->models()->ocr) {
            input.printed = frontReading(*m_vision->models()->ocr, *images, laserCode);
        }
        if (!input.printed && !laserCode.isEmpty()) {
            input.printed = laserReading(laserCode, images ? images->back : QByteArray());
        }
        // The session reaches verification only after the notice was accepted.
        input.consent = proofing::ConsentEvidence{
            m_options.policy.consentTextVersion, QDateTime::currentDateTimeUtc(),
            proofing::ConsentEvidence::Action::Accepted, QStringLiteral("touch")};
        backend::ProofingService service({b.dopa.get(), b.fvs.get(), b.idp.get(), b.outbox.get(),
                                          b.signer, b.biometrics.get(), m_options.policy,
                                          config.kiosk.id, b.deviceId});
        auto result = service.run(input);
        input.chipPhotoJpeg.fill('\0');
        if (!result) {
            qCWarning(lcJourneyProofing).noquote() << "proofing failed:" << result.error();
            answer({ProofingLevel::NotAchieved, QStringLiteral("evidence_incomplete"), {}});
            return;
        }
        for (const auto& c : result->decision.checks) {
            qCInfo(lcJourneyProofing).noquote()
                << proofing::checkName(c.check) << proofing::outcomeName(c.outcome) << c.reason;
        }
        qCInfo(lcJourneyProofing).noquote()
            << "IAL"
            << (result->decision.ial.isEmpty() ? QStringLiteral("none") : result->decision.ial)
            << "delivery" << backend::deliveryName(result->delivery) << result->deliveryDetail;
        answer(resultOf(*result));
    });
}

QString BackendProofingPort::keepPending(const CitizenData& citizen) {
    // The backends went away mid-verification: keep what was gathered,
    // encrypted, for a day, so the citizen can finish without a new capture.
    const JourneyEvidence::Snapshot captured = m_evidence->snapshot();
    if (!m_pendingOutbox || !captured.card) {
        return {};
    }
    QJsonObject evidence{
        {QStringLiteral("chip"), cli::chipEvidence(*captured.card).toJson()},
        {QStringLiteral("laser_code_read"), !citizen.laserCode.isEmpty()},
        {QStringLiteral("liveness"),
         captured.liveness ? vision::decisionName(captured.liveness->decision) : QString()},
    };
    store::NewItem item;
    item.type = QStringLiteral("pending_proofing_evidence");
    item.payload = QJsonDocument(evidence).toJson(QJsonDocument::Compact);
    item.priority = store::Priority::ProofingRecord;
    item.ttlMs = 24LL * 3600 * 1000;
    item.sessionId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto key = m_pendingOutbox->enqueue(item);
    if (!key) {
        qCWarning(lcJourneyProofing).noquote()
            << "pending evidence not kept:" << key.error().message;
        return {};
    }
    return QStringLiteral("PND-") + key->left(8).toUpper();
}

}  // namespace kiosk::journey
