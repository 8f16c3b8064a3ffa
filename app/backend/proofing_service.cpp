#include "proofing_service.h"

#include "backend_parsers.h"
#include "cid.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QUuid>

Q_LOGGING_CATEGORY(lcProofing, "kiosk.backend.proofing")

namespace kiosk::backend {

using namespace kiosk::proofing;

QString deliveryName(ProofingOutcome::Delivery d) {
    switch (d) {
        case ProofingOutcome::Delivery::Upgraded:
            return QStringLiteral("upgraded");
        case ProofingOutcome::Delivery::Unchanged:
            return QStringLiteral("unchanged");
        case ProofingOutcome::Delivery::Pending:
            return QStringLiteral("pending");
        case ProofingOutcome::Delivery::Rejected:
            return QStringLiteral("rejected");
        case ProofingOutcome::Delivery::NotSent:
            break;
    }
    return QStringLiteral("not_sent");
}

QJsonObject ProofingOutcome::toJson() const {
    QJsonArray checks;
    for (const CheckResult& c : decision.checks) {
        checks.append(QJsonObject{{QStringLiteral("name"), checkName(c.check)},
                                  {QStringLiteral("outcome"), outcomeName(c.outcome)},
                                  {QStringLiteral("reason"), c.reason},
                                  {QStringLiteral("evidence_sha256"), c.evidenceSha256},
                                  {QStringLiteral("details"), c.details}});
    }
    QJsonObject o{
        {QStringLiteral("ial"), decision.ial},
        {QStringLiteral("pending_ial"), decision.pendingIal},
        {QStringLiteral("rejected"), decision.rejected},
        {QStringLiteral("checks"), checks},
        {QStringLiteral("reasons"), QJsonArray::fromStringList(decision.reasons)},
        {QStringLiteral("record_id"), record.value(QLatin1String("record_id"))},
        {QStringLiteral("delivery"), QJsonObject{{QStringLiteral("status"), deliveryName(delivery)},
                                                 {QStringLiteral("detail"), deliveryDetail},
                                                 {QStringLiteral("outbox_key"), outboxKey},
                                                 {QStringLiteral("account_ial"), accountIal}}}};
    if (fvs) {
        o.insert(QStringLiteral("fvs_similarity_percent"), fvs->similarityPercent);
    }
    return o;
}

Result<ProofingOutcome, QString> ProofingService::run(const ProofingInput& in) {
    if (!m_parts.signer) {
        return fail(QStringLiteral("no device signing key"));
    }
    Evidence e;
    e.chip = in.chip;

    // Printed card: the laser code for DOPA, and a cross-check with the chip.
    QString laser;
    if (in.printed) {
        e.printed = crossCheckPrintedCard(in.chip, *in.printed);
        laser = e.printed->laserCode;
    }
    if (laser.isEmpty() && !in.chip.chipLaserCode.isEmpty()) {
        laser = normalizeLaserCode(in.chip.chipLaserCode);
    }

    // DOPA card status by laser code.
    QJsonObject deferred;
    QString dopaProblem;
    if (!in.chip.complete) {
        e.notPerformed.insert(QStringLiteral("card_status_valid"),
                              QStringLiteral("chip read incomplete"));
    } else if (laser.isEmpty()) {
        e.notPerformed.insert(QStringLiteral("card_status_valid"),
                              QStringLiteral("no laser code (give --laser or --card-image)"));
    } else if (!isLaserCodeWellFormed(laser)) {
        e.notPerformed.insert(QStringLiteral("card_status_valid"),
                              QStringLiteral("laser code is not 2 letters and 10 digits"));
    } else if (!m_parts.dopa) {
        e.notPerformed.insert(QStringLiteral("card_status_valid"),
                              QStringLiteral("no DOPA client"));
    } else {
        const CardCheckRequest req{in.chip.cid, in.chip.firstNameTh, in.chip.lastNameTh,
                                   in.chip.birthDateBe, laser};
        auto status = m_parts.dopa->checkCardByLaser(req);
        if (status) {
            CardStatusEvidence cs;
            cs.code = status->code;
            cs.description = status->description;
            cs.valid = !status->isError && status->code == 0;
            cs.requestSha256 = sha256Hex(dopaRequestXml(req));
            e.cardStatus = cs;
        } else if (status.error().retryable()) {
            // DOPA is down or slow: hand the check to the IdP with what it needs;
            // the record waits (outbox) until the IdP can perform it.
            e.deferred.insert(QStringLiteral("card_status_valid"),
                              QStringLiteral("DOPA unreachable (%1): checked by the IdP later")
                                  .arg(status.error().codeName()));
            deferred.insert(QStringLiteral("card_status_valid"),
                            QJsonObject{{QStringLiteral("first_name_th"), req.firstNameTh},
                                        {QStringLiteral("last_name_th"), req.lastNameTh},
                                        {QStringLiteral("birth_date_be"), req.birthDateBe},
                                        {QStringLiteral("laser_code"), req.laserCode}});
            dopaProblem = status.error().message;
        } else {
            e.notPerformed.insert(QStringLiteral("card_status_valid"),
                                  QStringLiteral("DOPA refused (%1): %2")
                                      .arg(status.error().codeName(), status.error().message));
        }
    }

    // Consent before any biometric processing (PDPA: sensitive data).
    e.consent = in.consent;
    const bool consented = in.consent && in.consent->action == ConsentEvidence::Action::Accepted;
    QByteArray probe;
    if (!consented) {
        const QString why = QStringLiteral("no consent to face verification");
        e.notPerformed.insert(QStringLiteral("face_match"), why);
        e.notPerformed.insert(QStringLiteral("liveness_live"), why);
    } else if (!m_parts.biometrics) {
        const QString why = QStringLiteral("no face/liveness engine in this build");
        e.notPerformed.insert(QStringLiteral("face_match"), why);
        e.notPerformed.insert(QStringLiteral("liveness_live"), why);
    } else {
        auto got = m_parts.biometrics->collect({in.chipPhotoJpeg, in.videoFile, in.challenges});
        e.face = got.face;
        e.liveness = got.liveness;
        probe = got.probeFaceJpeg;
        if (!got.face) {
            e.notPerformed.insert(QStringLiteral("face_match"), got.notPerformedReason);
        }
        if (!got.liveness) {
            e.notPerformed.insert(QStringLiteral("liveness_live"), got.notPerformedReason);
        }
    }

    ProofingOutcome out;
    // FVS: the registry's own comparison, recorded beside the local match.
    if (consented && m_parts.fvs && !probe.isEmpty()) {
        auto fvs =
            m_parts.fvs->verify({in.chip.cid, probe, in.consent->textVersion, in.consent->at});
        if (fvs) {
            out.fvs = *fvs;
        } else {
            qCInfo(lcProofing) << "FVS not available:" << fvs.error().codeName();
        }
    }
    std::fill(probe.begin(), probe.end(), '\0');

    out.decision = decide(evaluateChecks(e, m_parts.policy), m_parts.policy);
    if (out.fvs) {
        for (CheckResult& c : out.decision.checks) {
            if (c.check == Check::FaceMatch) {
                c.details.insert(QStringLiteral("fvs_similarity_percent"),
                                 QString::number(out.fvs->similarityPercent, 'f', 1));
            }
        }
    }
    const QString recordId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto signedRecord = m_parts.signer->sign(buildRecordBody(
        {recordId, m_parts.kioskId, m_parts.deviceId, in.chip.cid, QDateTime::currentDateTimeUtc(),
         m_parts.policy.id, out.decision, deferred}));
    if (!signedRecord) {
        return fail(signedRecord.error().message);
    }
    out.record = *signedRecord;
    const QByteArray wire = QJsonDocument(out.record).toJson(QJsonDocument::Compact);

    auto audit = [&](const QString& detail) {
        if (m_parts.outbox) {
            if (auto a =
                    m_parts.outbox->store().audit(QStringLiteral("proofing"), recordId, detail);
                !a) {
                qCWarning(lcProofing) << "audit entry not written:" << a.error().message;
            }
        }
    };
    const QString summary =
        QStringLiteral("ial=%1 pending_ial=%2 rejected=%3 policy=%4")
            .arg(out.decision.ial.isEmpty() ? QStringLiteral("none") : out.decision.ial,
                 out.decision.pendingIal.isEmpty() ? QStringLiteral("none")
                                                   : out.decision.pendingIal)
            .arg(out.decision.rejected ? 1 : 0)
            .arg(m_parts.policy.id);
    qCInfo(lcProofing).noquote() << "proofing" << cid::mask(in.chip.cid) << summary;

    if (!out.decision.pendingIal.isEmpty()) {
        qCInfo(lcProofing).noquote()
            << "IAL" << out.decision.pendingIal << "pending a deferred DOPA check:" << dopaProblem;
    }
    if (out.decision.rejected ||
        (out.decision.ial.isEmpty() && out.decision.pendingIal.isEmpty())) {
        out.deliveryDetail = QStringLiteral("no level granted: nothing sent to the IdP");
        audit(summary + QStringLiteral(" delivery=not_sent"));
        return out;
    }
    if (!m_parts.idp) {
        out.deliveryDetail = QStringLiteral("no IdP client");
        audit(summary + QStringLiteral(" delivery=not_sent"));
        return out;
    }
    auto enqueue = [&](const QString& why) -> Result<ProofingOutcome, QString> {
        if (!m_parts.outbox) {
            return fail(QStringLiteral("IdP unreachable and no outbox: ") + why);
        }
        auto key =
            m_parts.outbox->enqueue({QStringLiteral("proofing_record"), wire, in.sessionId,
                                     store::Priority::ProofingRecord, 7LL * 24 * 3600 * 1000});
        if (!key) {
            return fail(QStringLiteral("IdP unreachable and the outbox refused the record: ") +
                        key.error().message);
        }
        out.delivery = ProofingOutcome::Delivery::Pending;
        out.outboxKey = *key;
        out.deliveryDetail =
            QStringLiteral("IdP unreachable (%1): the upgrade is pending").arg(why);
        audit(summary + QStringLiteral(" delivery=pending outbox=") + *key);
        return out;
    };
    auto upgraded =
        m_parts.idp->upgradeIal(wire, QUuid::createUuid().toString(QUuid::WithoutBraces));
    if (!upgraded) {
        if (upgraded.error().retryable()) {
            return enqueue(upgraded.error().codeName());
        }
        out.delivery = upgraded.error().code == BackendError::Code::NotFound
                           ? ProofingOutcome::Delivery::NotSent
                           : ProofingOutcome::Delivery::Rejected;
        out.deliveryDetail = upgraded.error().message;
        audit(summary + QStringLiteral(" delivery=") + deliveryName(out.delivery) +
              QStringLiteral(" error=") + upgraded.error().codeName());
        return out;
    }
    out.accountIal = upgraded->ial;
    out.delivery = upgraded->status == QLatin1String("upgraded")
                       ? ProofingOutcome::Delivery::Upgraded
                       : ProofingOutcome::Delivery::Unchanged;
    out.deliveryDetail = QStringLiteral("account now at IAL %1").arg(upgraded->ial);
    audit(summary + QStringLiteral(" delivery=") + deliveryName(out.delivery));
    return out;
}

}  // namespace kiosk::backend
