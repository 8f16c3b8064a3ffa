// Citizen Portal: catalogue, form schemas, submissions (idempotent),
// queue-booking slots and bookings (idempotent), entitlement check,
// complaints (idempotent), payment intents with a PromptPay QR (idempotent),
// submission status.
//
//   GET  /portal/v1/services                    {"services":[...]}
//   GET  /portal/v1/services/{id}/form          JSON schema of the form
//   GET  /portal/v1/services/{id}/slots?date=D  {"slots":[...]}
//   POST /portal/v1/submissions                 Idempotency-Key; {"service_id","form"}
//   GET  /portal/v1/submissions/{id}            {"submission_id","status","updated_at"}
//   POST /portal/v1/bookings                    Idempotency-Key; {"slot_id","cid"}
//   POST /portal/v1/entitlements/check          {"cid","service_id"} -> {"entitled","reason"}
//   POST /portal/v1/complaints                  Idempotency-Key; {"cid","topic","text"}
//   POST /portal/v1/payments                    Idempotency-Key; {"submission_id","amount_satang"}
// Writes answer 201 the first time a key is seen and 200 with the same body
// for every repeat; the same key with another body is 409.
// Test hooks: POST /v1/test/service-faults {"service","mode",...}, GET /v1/test/calls.
#include "portal_sim.h"
#include "promptpay.h"

#include <QCryptographicHash>
#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>
#include <QUuid>

namespace kiosk::sim {

namespace {

// The government biller's PromptPay id for portal-sim (fictional).
const QString kBillerId = QStringLiteral("0999999999999");

QJsonArray catalogue() {
    auto s = [](const char* id, const QString& th, const char* en, const char* ial, int fee) {
        return QJsonObject{{QStringLiteral("id"), QLatin1String(id)},
                           {QStringLiteral("name_th"), th},
                           {QStringLiteral("name_en"), QLatin1String(en)},
                           {QStringLiteral("requires_ial"), QLatin1String(ial)},
                           {QStringLiteral("fee_satang"), fee}};
    };
    return {s("elderly-allowance", QStringLiteral("เบี้ยยังชีพผู้สูงอายุ"), "Elderly allowance", "2.3", 0),
            s("house-registration-copy", QStringLiteral("สำเนาทะเบียนบ้าน"),
              "House registration copy", "2.3", 2000),
            s("queue-district-office", QStringLiteral("จองคิวสำนักงานเขต"), "District office queue",
              "1.3", 0)};
}

QJsonObject formSchema(const QString& id) {
    if (id == QLatin1String("house-registration-copy")) {
        return {{QStringLiteral("type"), QStringLiteral("object")},
                {QStringLiteral("required"),
                 QJsonArray{QStringLiteral("copies"), QStringLiteral("purpose")}},
                {QStringLiteral("properties"),
                 QJsonObject{{QStringLiteral("copies"),
                              QJsonObject{{QStringLiteral("type"), QStringLiteral("integer")},
                                          {QStringLiteral("minimum"), 1},
                                          {QStringLiteral("maximum"), 5}}},
                             {QStringLiteral("purpose"),
                              QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                                          {QStringLiteral("maxLength"), 200}}}}}};
    }
    return {
        {QStringLiteral("type"), QStringLiteral("object")},
        {QStringLiteral("properties"),
         QJsonObject{{QStringLiteral("bank_account"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                                  {QStringLiteral("pattern"), QStringLiteral("^[0-9]{10}$")}}}}}};
}

class PortalApi {
public:
    explicit PortalApi(SimState& state) : m_state(state) {}

    // Runs a write once per idempotency key.
    HttpResponse once(const HttpRequest& r, const QString& kind,
                      const std::function<HttpResponse(const QJsonObject&)>& apply) {
        const QString key = QString::fromLatin1(r.header("idempotency-key").trimmed());
        if (key.isEmpty()) {
            return HttpResponse::error(400, QStringLiteral("no_idempotency_key"),
                                       QStringLiteral("Idempotency-Key is required"));
        }
        QJsonParseError err{};
        const QJsonObject body = QJsonDocument::fromJson(r.body, &err).object();
        if (err.error != QJsonParseError::NoError) {
            return HttpResponse::error(400, QStringLiteral("bad_json"), err.errorString());
        }
        QJsonObject& portal = m_state.stored(QStringLiteral("portal"));
        QJsonObject keys = portal.value(QLatin1String("keys")).toObject();
        const QString hash = QString::fromLatin1(
            QCryptographicHash::hash(kind.toUtf8() + r.body, QCryptographicHash::Sha256).toHex());
        if (keys.contains(key)) {
            const QJsonObject seen = keys.value(key).toObject();
            if (seen.value(QLatin1String("hash")).toString() != hash) {
                return HttpResponse::error(409, QStringLiteral("key_reused"),
                                           QStringLiteral("this key was used for another request"));
            }
            return HttpResponse::json(200,
                                      compactJson(seen.value(QLatin1String("answer")).toObject()));
        }
        HttpResponse answer = apply(body);
        if (answer.status == 201) {
            keys.insert(key, QJsonObject{{QStringLiteral("hash"), hash},
                                         {QStringLiteral("answer"),
                                          QJsonDocument::fromJson(answer.body).object()}});
            m_state.stored(QStringLiteral("portal")).insert(QStringLiteral("keys"), keys);
            m_state.save();
        }
        return answer;
    }

    HttpResponse submit(const HttpRequest& r) {
        return once(r, QStringLiteral("submission"), [&](const QJsonObject& b) {
            const QString service = b.value(QLatin1String("service_id")).toString();
            if (!knownService(service) || !b.value(QLatin1String("form")).isObject()) {
                return HttpResponse::error(422, QStringLiteral("bad_submission"),
                                           QStringLiteral("unknown service or no form"));
            }
            const QString id = QStringLiteral("SUB-") +
                               QUuid::createUuid().toString(QUuid::Id128).left(12).toUpper();
            const QJsonObject s{{QStringLiteral("submission_id"), id},
                                {QStringLiteral("status"), QStringLiteral("received")},
                                {QStringLiteral("updated_at"),
                                 QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}};
            QJsonObject subs = m_state.stored(QStringLiteral("portal"))
                                   .value(QLatin1String("submissions"))
                                   .toObject();
            subs.insert(id, s);
            m_state.stored(QStringLiteral("portal")).insert(QStringLiteral("submissions"), subs);
            return HttpResponse::json(201, compactJson(s));
        });
    }

    HttpResponse submission(const HttpRequest& r) {
        const QString id = QString::fromUtf8(r.path().mid(int(qstrlen("/portal/v1/submissions/"))));
        const QJsonObject subs =
            m_state.stored(QStringLiteral("portal")).value(QLatin1String("submissions")).toObject();
        if (!subs.contains(id)) {
            return HttpResponse::error(404, QStringLiteral("not_found"),
                                       QStringLiteral("no such submission"));
        }
        return HttpResponse::json(200, compactJson(subs.value(id).toObject()));
    }

    HttpResponse services(const HttpRequest& r) {
        // /portal/v1/services/{id}/form | /slots
        const QList<QByteArray> parts = r.path().split('/');
        if (parts.size() != 6 || !knownService(QString::fromUtf8(parts[4]))) {
            return HttpResponse::error(404, QStringLiteral("not_found"),
                                       QStringLiteral("no such service"));
        }
        const QString id = QString::fromUtf8(parts[4]);
        if (parts[5] == "form") {
            return HttpResponse::json(200, compactJson(formSchema(id)));
        }
        if (parts[5] == "slots") {
            const QDate day = QDate::fromString(
                QUrlQuery(QString::fromLatin1(r.target.mid(r.target.indexOf('?') + 1)))
                    .queryItemValue(QStringLiteral("date")),
                Qt::ISODate);
            if (!day.isValid()) {
                return HttpResponse::error(400, QStringLiteral("bad_date"),
                                           QStringLiteral("want ?date=YYYY-MM-DD"));
            }
            QJsonArray list;
            for (int hour : {9, 10, 11, 13, 14}) {
                const QString slotId = QStringLiteral("%1-%2-%3")
                                           .arg(id, day.toString(QStringLiteral("yyyyMMdd")))
                                           .arg(hour);
                list.append(
                    QJsonObject{{QStringLiteral("slot_id"), slotId},
                                {QStringLiteral("office"), QStringLiteral("สำนักงานเขตบางรัก")},
                                {QStringLiteral("start"),
                                 QDateTime(day, QTime(hour, 0), Qt::OffsetFromUTC, 7 * 3600)
                                     .toString(Qt::ISODate)},
                                {QStringLiteral("available"), 4 - m_booked.value(slotId)}});
            }
            return HttpResponse::json(200, compactJson({{QStringLiteral("slots"), list}}));
        }
        return HttpResponse::error(404, QStringLiteral("not_found"),
                                   QStringLiteral("no such endpoint"));
    }

    HttpResponse book(const HttpRequest& r) {
        return once(r, QStringLiteral("booking"), [&](const QJsonObject& b) {
            const QString slot = b.value(QLatin1String("slot_id")).toString();
            if (slot.isEmpty() || !m_state.citizen(b.value(QLatin1String("cid")).toString())) {
                return HttpResponse::error(422, QStringLiteral("bad_booking"),
                                           QStringLiteral("unknown slot or citizen"));
            }
            if (m_booked.value(slot) >= 4) {
                return HttpResponse::error(409, QStringLiteral("slot_full"),
                                           QStringLiteral("slot is full"));
            }
            ++m_booked[slot];
            return HttpResponse::json(
                201,
                compactJson({{QStringLiteral("booking_id"),
                              QStringLiteral("BK-") +
                                  QUuid::createUuid().toString(QUuid::Id128).left(10).toUpper()},
                             {QStringLiteral("slot_id"), slot},
                             {QStringLiteral("status"), QStringLiteral("booked")}}));
        });
    }

    HttpResponse entitlement(const HttpRequest& r) {
        const QJsonObject b = QJsonDocument::fromJson(r.body).object();
        const Citizen* c = m_state.citizen(b.value(QLatin1String("cid")).toString());
        if (!c) {
            return HttpResponse::error(404, QStringLiteral("unknown_cid"),
                                       QStringLiteral("no such citizen"));
        }
        if (b.value(QLatin1String("service_id")).toString() == QLatin1String("elderly-allowance")) {
            const int beYear = c->birthDateBe.left(4).toInt();
            const int age = QDate::currentDate().year() + 543 - beYear;
            const bool ok = age >= 60;
            return HttpResponse::json(
                200, compactJson({{QStringLiteral("entitled"), ok},
                                  {QStringLiteral("reason"), ok ? QStringLiteral("age 60 or over")
                                                                : QStringLiteral("under 60")}}));
        }
        return HttpResponse::json(200, compactJson({{QStringLiteral("entitled"), true},
                                                    {QStringLiteral("reason"), QString()}}));
    }

    HttpResponse complaint(const HttpRequest& r) {
        return once(r, QStringLiteral("complaint"), [&](const QJsonObject& b) {
            if (b.value(QLatin1String("text")).toString().isEmpty()) {
                return HttpResponse::error(422, QStringLiteral("empty_complaint"),
                                           QStringLiteral("no text"));
            }
            return HttpResponse::json(
                201,
                compactJson({{QStringLiteral("complaint_id"),
                              QStringLiteral("CP-") +
                                  QUuid::createUuid().toString(QUuid::Id128).left(10).toUpper()},
                             {QStringLiteral("status"), QStringLiteral("received")}}));
        });
    }

    HttpResponse payment(const HttpRequest& r) {
        return once(r, QStringLiteral("payment"), [&](const QJsonObject& b) {
            const qint64 amount = b.value(QLatin1String("amount_satang")).toInteger();
            const auto qr =
                promptpay::buildPayload({promptpay::Target::Kind::NationalId, kBillerId}, amount);
            if (!qr) {
                return HttpResponse::error(422, QStringLiteral("bad_amount"), qr.error());
            }
            return HttpResponse::json(
                201, compactJson(
                         {{QStringLiteral("payment_id"),
                           QStringLiteral("PAY-") +
                               QUuid::createUuid().toString(QUuid::Id128).left(10).toUpper()},
                          {QStringLiteral("amount_satang"), amount},
                          {QStringLiteral("qr_payload"), QString::fromLatin1(*qr)},
                          {QStringLiteral("status"), QStringLiteral("pending")},
                          {QStringLiteral("expires_at"),
                           QDateTime::currentDateTimeUtc().addSecs(900).toString(Qt::ISODate)}}));
        });
    }

private:
    static bool knownService(const QString& id) {
        for (const QJsonValue& v : catalogue()) {
            if (v.toObject().value(QLatin1String("id")).toString() == id) {
                return true;
            }
        }
        return false;
    }
    SimState& m_state;
    QHash<QString, int> m_booked;
};

}  // namespace

void registerPortalApi(Router& router, PortalSim& sim) {
    auto api = std::make_shared<PortalApi>(sim.state());
    SimState& state = sim.state();
    auto served = [api, &state](std::function<HttpResponse(PortalApi&, const HttpRequest&)> f) {
        return [api, &state, f](const HttpRequest& r) {
            return state.serve(QStringLiteral("portal"), [&] { return f(*api, r); });
        };
    };
    router.add("GET", "/portal/v1/services", served([](PortalApi&, const HttpRequest&) {
                   return HttpResponse::json(
                       200, compactJson({{QStringLiteral("services"), catalogue()}}));
               }));
    router.addPrefix("GET", "/portal/v1/services/",
                     served([](PortalApi& a, const HttpRequest& r) { return a.services(r); }));
    router.add("POST", "/portal/v1/submissions",
               served([](PortalApi& a, const HttpRequest& r) { return a.submit(r); }));
    router.addPrefix("GET", "/portal/v1/submissions/",
                     served([](PortalApi& a, const HttpRequest& r) { return a.submission(r); }));
    router.add("POST", "/portal/v1/bookings",
               served([](PortalApi& a, const HttpRequest& r) { return a.book(r); }));
    router.add("POST", "/portal/v1/entitlements/check",
               served([](PortalApi& a, const HttpRequest& r) { return a.entitlement(r); }));
    router.add("POST", "/portal/v1/complaints",
               served([](PortalApi& a, const HttpRequest& r) { return a.complaint(r); }));
    router.add("POST", "/portal/v1/payments",
               served([](PortalApi& a, const HttpRequest& r) { return a.payment(r); }));

    router.add("POST", "/v1/test/service-faults",
               [&state](const HttpRequest& r) { return state.setFault(r.body); });
    router.add("GET", "/v1/test/calls", [&state](const HttpRequest&) {
        QJsonObject calls;
        for (auto it = state.calls().constBegin(); it != state.calls().constEnd(); ++it) {
            calls.insert(it.key(), it.value());
        }
        return HttpResponse::json(200,
                                  compactJson({{QStringLiteral("calls"), calls},
                                               {QStringLiteral("faults"), state.faultsJson()}}));
    });
}

}  // namespace kiosk::sim
