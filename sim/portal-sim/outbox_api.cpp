// The outbox delivery endpoint and its test hooks.
//
//   POST /v1/outbox/items      Idempotency-Key: <uuid>, body = item payload.
//                              201 the first time a key is seen (applied),
//                              200 {"status":"duplicate"} for every repeat.
//   POST /v1/outbox/batch      {"items":[{"idempotency_key","type","payload_base64",..}]}
//                              200 {"results":[{"key","status":201|200|400}]}: the
//                              same rule per item, faults per request.
//   GET  /v1/test/applied      applied keys with delivery counts, the attempt
//                              log, and how many payloads were applied under
//                              more than one key ("none twice, none lost").
//   POST /v1/test/faults       {"mode": "none|down|status|slow|reset|duplicate_ack",
//                               "count": N (-1 = until changed), "status": 503,
//                               "retry_after_s": 2, "delay_ms": 3000}
//   POST /v1/test/reset        forget applied items and faults.
//
// Fault modes: down = drop the connection without applying; status = answer
// `status` (with Retry-After) without applying; slow = apply, answer after
// delay_ms; reset = apply, then reset the connection half-way through the
// response; duplicate_ack = apply and send the acknowledgement twice.
// portal-sim listens on loopback only, so the test hooks are local.
#include "portal_sim.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>
#include <memory>
#include <optional>

namespace kiosk::sim {

namespace {

struct Applied {
    QByteArray type;
    QByteArray sha256;
    qint64 size = 0;
    int deliveries = 0;
    qint64 appliedAtMs = 0;
};

struct Attempt {
    QByteArray key;
    qint64 atMs;
    int status;
    QString fault;
};

struct FaultPlan {
    QString mode = QStringLiteral("none");
    int remaining = 0;  // -1: until changed
    int status = 503;
    int retryAfterS = -1;
    int delayMs = 0;

    QJsonObject toJson() const {
        return {{QStringLiteral("mode"), mode},
                {QStringLiteral("count"), remaining},
                {QStringLiteral("status"), status},
                {QStringLiteral("retry_after_s"), retryAfterS},
                {QStringLiteral("delay_ms"), delayMs}};
    }
};

class OutboxSim {
public:
    explicit OutboxSim(SimState& state) : m_state(state) {}
    HttpResponse deliver(const HttpRequest& request);
    HttpResponse deliverBatch(const HttpRequest& request);
    HttpResponse applied() const;
    HttpResponse setFaults(const HttpRequest& request);
    HttpResponse reset();

private:
    // The fault for this request, consuming one from the plan.
    QString takeFault();
    // A response for `fault` when it stops the request before anything is
    // applied (down, status); nullopt otherwise.
    std::optional<HttpResponse> refuse(const QString& fault, const QByteArray& key, qint64 now);
    // Applies `key` unless it was applied before; 201 first time, 200 after.
    int apply(const QByteArray& key, const QByteArray& type, const QByteArray& payload, qint64 now,
              const QString& fault);
    void decorate(HttpResponse& r, const QString& fault) const;
    static bool validKey(const QByteArray& key);

    // An item whose type another API applies (e.g. proofing_record -> IdP):
    // its answer when it refuses, nullopt when applied or not such a type.
    std::optional<HttpResponse> forward(const QByteArray& key, const QByteArray& type,
                                        const QByteArray& payload, qint64 now,
                                        const QString& fault);

    SimState& m_state;
    QHash<QByteArray, Applied> m_applied;
    QList<QByteArray> m_order;  // keys in the order applied
    QList<Attempt> m_attempts;
    FaultPlan m_plan;
};

QByteArray compact(const QJsonObject& o) {
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString OutboxSim::takeFault() {
    if (m_plan.mode == QLatin1String("none") || m_plan.remaining == 0) {
        return QStringLiteral("none");
    }
    if (m_plan.remaining > 0) {
        --m_plan.remaining;
    }
    return m_plan.mode;
}

bool OutboxSim::validKey(const QByteArray& key) {
    return key.size() == 36 && !QUuid::fromString(QLatin1String(key)).isNull();
}

std::optional<HttpResponse> OutboxSim::refuse(const QString& fault, const QByteArray& key,
                                              qint64 now) {
    if (fault == QLatin1String("down")) {
        m_attempts.append({key, now, 0, fault});
        HttpResponse r = HttpResponse::json(503, "{}");
        r.fault.resetMidway = true;
        return r;
    }
    if (fault == QLatin1String("status")) {
        m_attempts.append({key, now, m_plan.status, fault});
        HttpResponse r = HttpResponse::error(m_plan.status, QStringLiteral("injected"),
                                             QStringLiteral("fault injected by the test"));
        if (m_plan.retryAfterS >= 0) {
            r.headers.append({"retry-after", QByteArray::number(m_plan.retryAfterS)});
        }
        return r;
    }
    return std::nullopt;
}

int OutboxSim::apply(const QByteArray& key, const QByteArray& type, const QByteArray& payload,
                     qint64 now, const QString& fault) {
    auto it = m_applied.find(key);
    const bool first = it == m_applied.end();
    if (first) {
        Applied a;
        a.type = type;
        a.sha256 = QCryptographicHash::hash(payload, QCryptographicHash::Sha256).toHex();
        a.size = payload.size();
        a.appliedAtMs = now;
        it = m_applied.insert(key, a);
        m_order.append(key);
    }
    ++it->deliveries;
    const int status = first ? 201 : 200;
    m_attempts.append({key, now, status, fault});
    return status;
}

void OutboxSim::decorate(HttpResponse& r, const QString& fault) const {
    if (fault == QLatin1String("slow")) {
        r.fault.delayMs = m_plan.delayMs;
    } else if (fault == QLatin1String("reset")) {
        r.fault.resetMidway = true;
    } else if (fault == QLatin1String("duplicate_ack")) {
        r.fault.sendTwice = true;
    }
}

std::optional<HttpResponse> OutboxSim::forward(const QByteArray& key, const QByteArray& type,
                                               const QByteArray& payload, qint64 now,
                                               const QString& fault) {
    const SimState::ItemHandler* handler = m_state.itemHandler(type);
    if (!handler || m_applied.contains(key)) {
        return std::nullopt;
    }
    HttpResponse r = (*handler)(key, payload);
    if (r.status >= 200 && r.status < 300) {
        return std::nullopt;
    }
    m_attempts.append({key, now, r.status, fault});
    return r;
}

HttpResponse OutboxSim::deliver(const HttpRequest& request) {
    const QByteArray key = request.header("idempotency-key").trimmed();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!validKey(key)) {
        return HttpResponse::error(400, QStringLiteral("bad_idempotency_key"),
                                   QStringLiteral("Idempotency-Key must be a UUID"));
    }
    if (request.body.isEmpty()) {
        return HttpResponse::error(400, QStringLiteral("empty_payload"),
                                   QStringLiteral("no payload"));
    }
    const QString fault = takeFault();
    if (auto refused = refuse(fault, key, now)) {
        return *refused;
    }
    if (auto refused = forward(key, request.header("kiosk-item-type"), request.body, now, fault)) {
        return *refused;
    }
    const int status = apply(key, request.header("kiosk-item-type"), request.body, now, fault);
    HttpResponse r = HttpResponse::json(
        status, compact({{QStringLiteral("key"), QString::fromLatin1(key)},
                         {QStringLiteral("status"), status == 201 ? QStringLiteral("applied")
                                                                  : QStringLiteral("duplicate")}}));
    decorate(r, fault);
    return r;
}

HttpResponse OutboxSim::deliverBatch(const HttpRequest& request) {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QJsonParseError err{};
    const QJsonArray items = QJsonDocument::fromJson(request.body, &err)
                                 .object()
                                 .value(QLatin1String("items"))
                                 .toArray();
    if (err.error != QJsonParseError::NoError || items.isEmpty()) {
        return HttpResponse::error(400, QStringLiteral("bad_batch"),
                                   QStringLiteral("want {\"items\":[...]}"));
    }
    const QString fault = takeFault();
    if (auto refused = refuse(fault, "batch", now)) {
        return *refused;
    }
    QJsonArray results;
    for (const auto& v : items) {
        const QJsonObject o = v.toObject();
        const QByteArray key = o.value(QLatin1String("idempotency_key")).toString().toLatin1();
        const QByteArray payload =
            QByteArray::fromBase64(o.value(QLatin1String("payload_base64")).toString().toLatin1());
        const QByteArray type = o.value(QLatin1String("type")).toString().toUtf8();
        int status = 400;
        if (validKey(key) && !payload.isEmpty()) {
            const auto refused = forward(key, type, payload, now, fault);
            status = refused ? refused->status : apply(key, type, payload, now, fault);
        }
        results.append(QJsonObject{{QStringLiteral("key"), QString::fromLatin1(key)},
                                   {QStringLiteral("status"), status}});
    }
    HttpResponse r = HttpResponse::json(200, compact({{QStringLiteral("results"), results}}));
    decorate(r, fault);
    return r;
}

HttpResponse OutboxSim::applied() const {
    QJsonArray items;
    QHash<QByteArray, int> byPayload;
    qint64 deliveries = 0;
    for (const QByteArray& key : m_order) {
        const Applied& a = m_applied[key];
        deliveries += a.deliveries;
        byPayload[a.sha256] += 1;
        items.append(QJsonObject{{QStringLiteral("key"), QString::fromLatin1(key)},
                                 {QStringLiteral("type"), QString::fromUtf8(a.type)},
                                 {QStringLiteral("deliveries"), a.deliveries},
                                 {QStringLiteral("applied"), 1},
                                 {QStringLiteral("payload_sha256"), QString::fromLatin1(a.sha256)},
                                 {QStringLiteral("size"), a.size},
                                 {QStringLiteral("applied_at_ms"), a.appliedAtMs}});
    }
    int duplicatePayloads = 0;
    for (int n : byPayload) {
        duplicatePayloads += n > 1 ? n - 1 : 0;
    }
    QJsonArray attempts;
    for (const Attempt& a : m_attempts) {
        attempts.append(QJsonObject{{QStringLiteral("key"), QString::fromLatin1(a.key)},
                                    {QStringLiteral("at_ms"), a.atMs},
                                    {QStringLiteral("status"), a.status},
                                    {QStringLiteral("fault"), a.fault}});
    }
    return HttpResponse::json(
        200, compact({{QStringLiteral("items"), items},
                      {QStringLiteral("total_applied"), static_cast<qint64>(m_order.size())},
                      {QStringLiteral("total_deliveries"), deliveries},
                      {QStringLiteral("duplicate_payloads"), duplicatePayloads},
                      {QStringLiteral("attempts"), attempts},
                      {QStringLiteral("faults"), m_plan.toJson()}}));
}

HttpResponse OutboxSim::setFaults(const HttpRequest& request) {
    QJsonParseError err{};
    const QJsonObject o = QJsonDocument::fromJson(request.body, &err).object();
    static const QStringList modes = {QStringLiteral("none"),   QStringLiteral("down"),
                                      QStringLiteral("status"), QStringLiteral("slow"),
                                      QStringLiteral("reset"),  QStringLiteral("duplicate_ack")};
    const QString mode = o.value(QLatin1String("mode")).toString();
    if (err.error != QJsonParseError::NoError || !modes.contains(mode)) {
        return HttpResponse::error(
            400, QStringLiteral("bad_fault"),
            QStringLiteral("mode must be one of ") + modes.join(QLatin1String(", ")));
    }
    FaultPlan plan;
    plan.mode = mode;
    plan.remaining = o.value(QLatin1String("count")).toInt(-1);
    plan.status = o.value(QLatin1String("status")).toInt(503);
    plan.retryAfterS = o.value(QLatin1String("retry_after_s")).toInt(-1);
    plan.delayMs = o.value(QLatin1String("delay_ms")).toInt(3000);
    m_plan = plan;
    return HttpResponse::json(200, compact(m_plan.toJson()));
}

HttpResponse OutboxSim::reset() {
    m_applied.clear();
    m_order.clear();
    m_attempts.clear();
    m_plan = {};
    return HttpResponse::json(200, compact({{QStringLiteral("status"), QStringLiteral("reset")}}));
}

}  // namespace

void registerOutboxApi(Router& router, PortalSim& portal) {
    auto sim = std::make_shared<OutboxSim>(portal.state());
    router.add("POST", "/v1/outbox/items", [sim](const HttpRequest& r) { return sim->deliver(r); });
    router.add("POST", "/v1/outbox/batch",
               [sim](const HttpRequest& r) { return sim->deliverBatch(r); });
    router.add("GET", "/v1/test/applied", [sim](const HttpRequest&) { return sim->applied(); });
    router.add("POST", "/v1/test/faults",
               [sim](const HttpRequest& r) { return sim->setFaults(r); });
    router.add("POST", "/v1/test/reset", [sim](const HttpRequest&) { return sim->reset(); });
}

}  // namespace kiosk::sim
