// Digital ID IdP: account lookup, IAL upgrade with a signed ProofingRecord,
// account binding by one-time code to the registered mobile.
//
//   POST /idp/v1/accounts/lookup          {"cid"} -> {"account_id","ial","mobile_masked"}
//   POST /idp/v1/ial-upgrades             Idempotency-Key; body = signed ProofingRecord
//        201 {"account_id","ial","status":"upgraded|unchanged"} first time,
//        200 the same answer for a repeated key or record; 422 when the
//        signature does not verify against the kiosk's registered device key,
//        the kiosk is unknown, or the record grants nothing. A record with a
//        deferred card-status check ("pending_ial", "deferred") gets the check
//        run here first: 503 while DOPA is unavailable, 422 card_status_invalid.
//   POST /idp/v1/accounts/{id}/binding    -> {"challenge_id","mobile_masked","expires_in_s"}
//   POST /idp/v1/bindings/{challenge}/confirm {"otp"} -> {"account_id","bound"}
// Outbox items of type "proofing_record" (POST /v1/outbox/items) are applied
// by the same upgrade rule, under the outbox item's idempotency key.
// Test hooks: GET /v1/test/idp/accounts, GET /v1/test/idp/otp/{challenge}
// (the SMS the citizen would get), POST /v1/test/devices {"kiosk_id","public_key_pem"}.
#include "ial_policy.h"
#include "portal_sim.h"
#include "proofing_record.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QUuid>

namespace kiosk::sim {

namespace {

QString maskMobile(const QString& m) {
    return m.size() == 10 ? m.left(2) + QStringLiteral("x-xxx-") + m.right(4)
                          : QStringLiteral("xxx");
}

struct Binding {
    QString accountId;
    QString otp;
    int attemptsLeft = 3;
    bool used = false;
};

class IdpSim {
public:
    explicit IdpSim(SimState& state) : m_state(state) {}

    HttpResponse lookup(const HttpRequest& r) {
        const QString cid =
            QJsonDocument::fromJson(r.body).object().value(QLatin1String("cid")).toString();
        const Citizen* c = m_state.citizen(cid);
        if (!c) {
            return HttpResponse::error(404, QStringLiteral("no_account"),
                                       QStringLiteral("no Digital ID account for this CID"));
        }
        return HttpResponse::json(
            200, compactJson({{QStringLiteral("account_id"), c->accountId},
                              {QStringLiteral("ial"), c->ial},
                              {QStringLiteral("mobile_masked"), maskMobile(c->mobile)}}));
    }

    // The upgrade rule, shared by the direct endpoint and the outbox.
    HttpResponse upgrade(const QByteArray& key, const QByteArray& body) {
        if (key.isEmpty()) {
            return HttpResponse::error(400, QStringLiteral("no_idempotency_key"),
                                       QStringLiteral("Idempotency-Key is required"));
        }
        QJsonObject& idp = m_state.stored(QStringLiteral("idp"));
        QJsonObject upgrades = idp.value(QLatin1String("upgrades")).toObject();
        if (upgrades.contains(QString::fromLatin1(key))) {
            return HttpResponse::json(
                200, compactJson(upgrades.value(QString::fromLatin1(key)).toObject()));
        }
        QJsonParseError err{};
        const QJsonObject record = QJsonDocument::fromJson(body, &err).object();
        if (err.error != QJsonParseError::NoError ||
            record.value(QLatin1String("format")).toString() !=
                QLatin1String(proofing::kRecordFormat)) {
            return HttpResponse::error(400, QStringLiteral("bad_record"),
                                       QStringLiteral("not a proofing record"));
        }
        const QString kioskId = record.value(QLatin1String("kiosk_id")).toString();
        const auto device = m_state.devices().constFind(kioskId);
        if (device == m_state.devices().constEnd()) {
            return HttpResponse::error(422, QStringLiteral("unknown_device"),
                                       QStringLiteral("no device key registered for this kiosk"));
        }
        if (auto v = proofing::verifyRecord(record, device.value()); !v) {
            ++m_rejectedSignatures;
            return HttpResponse::error(422, QStringLiteral("bad_signature"), v.error().message);
        }
        const QString recordId = record.value(QLatin1String("record_id")).toString();
        QJsonObject records = idp.value(QLatin1String("records")).toObject();
        if (records.contains(recordId)) {
            // The same record under another key: answer as before, apply nothing.
            return HttpResponse::json(
                200, compactJson(upgrades.value(records.value(recordId).toString()).toObject()));
        }
        Citizen* c = m_state.citizen(record.value(QLatin1String("subject"))
                                         .toObject()
                                         .value(QLatin1String("cid"))
                                         .toString());
        if (!c) {
            return HttpResponse::error(404, QStringLiteral("no_account"),
                                       QStringLiteral("no Digital ID account for this CID"));
        }
        QString ial = record.value(QLatin1String("ial")).toString();
        const QString pending = record.value(QLatin1String("pending_ial")).toString();
        const QJsonObject card = record.value(QLatin1String("deferred"))
                                     .toObject()
                                     .value(QLatin1String("card_status_valid"))
                                     .toObject();
        if (!pending.isEmpty() && !card.isEmpty()) {
            // The kiosk could not reach DOPA: the IdP checks the card itself
            // (CheckCardByLaser with the subject's CID) before granting more.
            ++m_state.calls()[QStringLiteral("dopa_via_idp")];
            const QString dopaFault = m_state.takeFault(QStringLiteral("dopa"));
            if (dopaFault == QLatin1String("down") || dopaFault == QLatin1String("status") ||
                dopaFault == QLatin1String("slow")) {
                return HttpResponse::error(
                    503, QStringLiteral("dopa_unavailable"),
                    QStringLiteral("the card status check is not possible now"));
            }
            const bool valid =
                c->cardStatus == QLatin1String("valid") &&
                c->laserCode == card.value(QLatin1String("laser_code")).toString() &&
                c->firstNameTh == card.value(QLatin1String("first_name_th")).toString() &&
                c->lastNameTh == card.value(QLatin1String("last_name_th")).toString() &&
                c->birthDateBe == card.value(QLatin1String("birth_date_be")).toString();
            if (!valid) {
                return HttpResponse::error(422, QStringLiteral("card_status_invalid"),
                                           QStringLiteral("DOPA does not confirm the card"));
            }
            ial = pending;
        }
        if (ial.isEmpty() || record.value(QLatin1String("rejected")).toBool()) {
            return HttpResponse::error(422, QStringLiteral("nothing_granted"),
                                       QStringLiteral("the record grants no level"));
        }
        QString status = QStringLiteral("unchanged");
        if (proofing::compareIal(ial, c->ial) > 0) {
            c->ial = ial;
            status = QStringLiteral("upgraded");
        }
        const QJsonObject result{{QStringLiteral("account_id"), c->accountId},
                                 {QStringLiteral("ial"), c->ial},
                                 {QStringLiteral("status"), status}};
        upgrades.insert(QString::fromLatin1(key), result);
        records.insert(recordId, QString::fromLatin1(key));
        QJsonObject levels = idp.value(QLatin1String("levels")).toObject();
        levels.insert(c->accountId, c->ial);
        QJsonObject applied = idp.value(QLatin1String("applied")).toObject();
        applied.insert(c->accountId, applied.value(c->accountId).toInt() + 1);
        idp.insert(QStringLiteral("upgrades"), upgrades);
        idp.insert(QStringLiteral("records"), records);
        idp.insert(QStringLiteral("levels"), levels);
        idp.insert(QStringLiteral("applied"), applied);
        m_state.save();
        return HttpResponse::json(201, compactJson(result));
    }

    HttpResponse startBinding(const HttpRequest& r) {
        // /idp/v1/accounts/{id}/binding
        const QList<QByteArray> parts = r.path().split('/');
        if (parts.size() != 6 || parts[5] != "binding") {
            return HttpResponse::error(404, QStringLiteral("not_found"),
                                       QStringLiteral("no such endpoint"));
        }
        const Citizen* c =
            m_state.citizenByAccount(QString::fromUtf8(QByteArray::fromPercentEncoding(parts[4])));
        if (!c) {
            return HttpResponse::error(404, QStringLiteral("no_account"),
                                       QStringLiteral("no such account"));
        }
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_bindings.insert(id, {c->accountId, QStringLiteral("%1").arg(
                                                 QRandomGenerator::global()->bounded(1000000), 6,
                                                 10, QLatin1Char('0'))});
        return HttpResponse::json(
            201, compactJson({{QStringLiteral("challenge_id"), id},
                              {QStringLiteral("mobile_masked"), maskMobile(c->mobile)},
                              {QStringLiteral("expires_in_s"), 300}}));
    }

    HttpResponse confirmBinding(const HttpRequest& r) {
        // /idp/v1/bindings/{challenge}/confirm
        const QList<QByteArray> parts = r.path().split('/');
        if (parts.size() != 6 || parts[5] != "confirm") {
            return HttpResponse::error(404, QStringLiteral("not_found"),
                                       QStringLiteral("no such endpoint"));
        }
        auto it = m_bindings.find(QString::fromUtf8(parts[4]));
        if (it == m_bindings.end() || it->used || it->attemptsLeft <= 0) {
            return HttpResponse::error(410, QStringLiteral("challenge_gone"),
                                       QStringLiteral("no such challenge, used or locked"));
        }
        const QString otp =
            QJsonDocument::fromJson(r.body).object().value(QLatin1String("otp")).toString();
        if (otp != it->otp) {
            --it->attemptsLeft;
            return HttpResponse::error(403, QStringLiteral("wrong_code"),
                                       QStringLiteral("wrong one-time code"));
        }
        it->used = true;
        return HttpResponse::json(200, compactJson({{QStringLiteral("account_id"), it->accountId},
                                                    {QStringLiteral("bound"), true}}));
    }

    HttpResponse otp(const HttpRequest& r) {
        const QString id = QString::fromUtf8(r.path().mid(int(qstrlen("/v1/test/idp/otp/"))));
        const auto it = m_bindings.constFind(id);
        if (it == m_bindings.constEnd()) {
            return HttpResponse::error(404, QStringLiteral("not_found"),
                                       QStringLiteral("no such challenge"));
        }
        return HttpResponse::json(200, compactJson({{QStringLiteral("otp"), it->otp}}));
    }

    HttpResponse accounts() {
        QJsonArray list;
        const QJsonObject applied =
            m_state.stored(QStringLiteral("idp")).value(QLatin1String("applied")).toObject();
        for (const Citizen& c : m_state.citizens()) {
            list.append(QJsonObject{
                {QStringLiteral("account_id"), c.accountId},
                {QStringLiteral("cid"), c.cid},
                {QStringLiteral("ial"), c.ial},
                {QStringLiteral("upgrades_applied"), applied.value(c.accountId).toInt()}});
        }
        return HttpResponse::json(
            200, compactJson({{QStringLiteral("accounts"), list},
                              {QStringLiteral("rejected_signatures"), m_rejectedSignatures}}));
    }

    HttpResponse registerDevice(const HttpRequest& r) {
        const QJsonObject o = QJsonDocument::fromJson(r.body).object();
        const QString kiosk = o.value(QLatin1String("kiosk_id")).toString();
        const QByteArray pem = o.value(QLatin1String("public_key_pem")).toString().toLatin1();
        if (kiosk.isEmpty() || proofing::keyIdForPublicKey(pem).isEmpty()) {
            return HttpResponse::error(400, QStringLiteral("bad_device"),
                                       QStringLiteral("want kiosk_id and a PEM public key"));
        }
        m_state.devices().insert(kiosk, pem);
        return HttpResponse::json(
            200, compactJson({{QStringLiteral("kiosk_id"), kiosk},
                              {QStringLiteral("key_id"), proofing::keyIdForPublicKey(pem)}}));
    }

private:
    SimState& m_state;
    QHash<QString, Binding> m_bindings;
    int m_rejectedSignatures = 0;
};

}  // namespace

void registerIdpApi(Router& router, PortalSim& sim) {
    auto idp = std::make_shared<IdpSim>(sim.state());
    SimState& state = sim.state();
    const QString svc = QStringLiteral("idp");
    router.add("POST", "/idp/v1/accounts/lookup", [idp, &state, svc](const HttpRequest& r) {
        return state.serve(svc, [&] { return idp->lookup(r); });
    });
    router.add("POST", "/idp/v1/ial-upgrades", [idp, &state, svc](const HttpRequest& r) {
        return state.serve(
            svc, [&] { return idp->upgrade(r.header("idempotency-key").trimmed(), r.body); });
    });
    router.addPrefix("POST", "/idp/v1/accounts/", [idp, &state, svc](const HttpRequest& r) {
        return state.serve(svc, [&] { return idp->startBinding(r); });
    });
    router.addPrefix("POST", "/idp/v1/bindings/", [idp, &state, svc](const HttpRequest& r) {
        return state.serve(svc, [&] { return idp->confirmBinding(r); });
    });
    router.add("GET", "/v1/test/idp/accounts",
               [idp](const HttpRequest&) { return idp->accounts(); });
    router.addPrefix("GET", "/v1/test/idp/otp/",
                     [idp](const HttpRequest& r) { return idp->otp(r); });
    router.add("POST", "/v1/test/devices",
               [idp](const HttpRequest& r) { return idp->registerDevice(r); });
    // A proofing record that waited in a kiosk's outbox: the IdP applies it
    // when the IdP itself is reachable (its fault plan applies here too).
    state.setItemHandler("proofing_record", [idp, &state, svc](const QByteArray& key,
                                                               const QByteArray& payload) {
        // Only signed records go to the IdP; other payloads of this type
        // (the outbox's own delivery tests use opaque ones) are applied by
        // the outbox endpoint as any item.
        if (QJsonDocument::fromJson(payload).object().value(QLatin1String("format")).toString() !=
            QLatin1String(proofing::kRecordFormat)) {
            return HttpResponse::json(200, "{}");
        }
        ++state.calls()[svc];
        const QString fault = state.takeFault(svc);
        if (fault == QLatin1String("down") || fault == QLatin1String("status")) {
            return HttpResponse::error(503, QStringLiteral("idp_unavailable"),
                                       QStringLiteral("the IdP is not reachable"));
        }
        return idp->upgrade(key, payload);
    });
}

}  // namespace kiosk::sim
