#include "sim_state.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace kiosk::sim {

QByteArray compactJson(const QJsonObject& o) {
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject ServiceFault::toJson() const {
    return {{QStringLiteral("mode"), mode},
            {QStringLiteral("count"), remaining},
            {QStringLiteral("status"), status},
            {QStringLiteral("retry_after_s"), retryAfterS},
            {QStringLiteral("delay_ms"), delayMs}};
}

namespace {

QString normalizeLaser(const QString& s) {
    QString out;
    for (const QChar c : s) {
        if (c.isLetterOrNumber() && c.unicode() < 128) {
            out.append(c.toUpper());
        }
    }
    return out;
}

}  // namespace

QString SimState::load(const QString& citizensFile, const QString& devicesFile,
                       const QString& stateFile) {
    if (!citizensFile.isEmpty()) {
        QFile f(citizensFile);
        if (!f.open(QIODevice::ReadOnly)) {
            return QStringLiteral("%1: %2").arg(citizensFile, f.errorString());
        }
        const QJsonArray list = QJsonDocument::fromJson(f.readAll())
                                    .object()
                                    .value(QLatin1String("citizens"))
                                    .toArray();
        if (list.isEmpty()) {
            return QStringLiteral("%1: no \"citizens\"").arg(citizensFile);
        }
        for (const QJsonValue& v : list) {
            const QJsonObject o = v.toObject();
            Citizen c;
            c.cid = o.value(QLatin1String("cid")).toString();
            c.firstNameTh = o.value(QLatin1String("first_name_th")).toString();
            c.lastNameTh = o.value(QLatin1String("last_name_th")).toString();
            c.birthDateBe = o.value(QLatin1String("birth_date")).toString();
            c.laserCode = normalizeLaser(o.value(QLatin1String("laser_code")).toString());
            c.cardStatus = o.value(QLatin1String("card_status")).toString(QStringLiteral("valid"));
            c.fvsSimilarity = o.value(QLatin1String("fvs_similarity")).toDouble(90);
            c.accountId = o.value(QLatin1String("account_id")).toString();
            c.ial = o.value(QLatin1String("ial")).toString(QStringLiteral("1.1"));
            c.mobile = o.value(QLatin1String("mobile")).toString();
            m_citizens.append(c);
        }
    }
    if (!devicesFile.isEmpty()) {
        // {"devices": [{"kiosk_id": "...", "public_key_pem": "..."}]}: the
        // IdP's enrolment of each kiosk's signing key.
        QFile f(devicesFile);
        if (!f.open(QIODevice::ReadOnly)) {
            return QStringLiteral("%1: %2").arg(devicesFile, f.errorString());
        }
        for (const QJsonValue& v : QJsonDocument::fromJson(f.readAll())
                                       .object()
                                       .value(QLatin1String("devices"))
                                       .toArray()) {
            const QJsonObject o = v.toObject();
            m_devices.insert(o.value(QLatin1String("kiosk_id")).toString(),
                             o.value(QLatin1String("public_key_pem")).toString().toLatin1());
        }
    }
    m_stateFile = stateFile;
    if (!stateFile.isEmpty() && QFile::exists(stateFile)) {
        QFile f(stateFile);
        if (!f.open(QIODevice::ReadOnly)) {
            return QStringLiteral("%1: %2").arg(stateFile, f.errorString());
        }
        const QJsonObject all = QJsonDocument::fromJson(f.readAll()).object();
        for (auto it = all.constBegin(); it != all.constEnd(); ++it) {
            m_stored.insert(it.key(), it.value().toObject());
        }
        // IdP levels reached before the restart.
        const QJsonObject levels =
            m_stored.value(QStringLiteral("idp")).value(QLatin1String("levels")).toObject();
        for (Citizen& c : m_citizens) {
            if (levels.contains(c.accountId)) {
                c.ial = levels.value(c.accountId).toString();
            }
        }
    }
    return {};
}

Citizen* SimState::citizen(const QString& cid) {
    for (Citizen& c : m_citizens) {
        if (c.cid == cid) {
            return &c;
        }
    }
    return nullptr;
}

Citizen* SimState::citizenByAccount(const QString& accountId) {
    for (Citizen& c : m_citizens) {
        if (c.accountId == accountId) {
            return &c;
        }
    }
    return nullptr;
}

QString SimState::takeFault(const QString& service) {
    auto it = m_faults.find(service);
    if (it == m_faults.end() || it->mode == QLatin1String("none") || it->remaining == 0) {
        return QStringLiteral("none");
    }
    if (it->remaining > 0) {
        --it->remaining;
    }
    return it->mode;
}

HttpResponse SimState::serve(const QString& service, const std::function<HttpResponse()>& handler) {
    ++m_calls[service];
    const QString fault = takeFault(service);
    const ServiceFault plan = m_faults.value(service);
    if (fault == QLatin1String("down")) {
        HttpResponse r = HttpResponse::json(503, "{}");
        r.fault.resetMidway = true;
        return r;
    }
    if (fault == QLatin1String("status")) {
        HttpResponse r = HttpResponse::error(plan.status, QStringLiteral("injected"),
                                             QStringLiteral("fault injected by the test"));
        if (plan.retryAfterS >= 0) {
            r.headers.append({"retry-after", QByteArray::number(plan.retryAfterS)});
        }
        return r;
    }
    HttpResponse r = handler();
    if (fault == QLatin1String("slow")) {
        r.fault.delayMs = plan.delayMs;
    } else if (fault == QLatin1String("slow_body")) {
        r.fault.slowBodyMs = plan.delayMs;
    } else if (fault == QLatin1String("reset")) {
        r.fault.resetMidway = true;
    } else if (fault == QLatin1String("duplicate")) {
        r.fault.sendTwice = true;
    }
    return r;
}

HttpResponse SimState::setFault(const QByteArray& body) {
    QJsonParseError err{};
    const QJsonObject o = QJsonDocument::fromJson(body, &err).object();
    static const QStringList services = {QStringLiteral("dopa"), QStringLiteral("fvs"),
                                         QStringLiteral("idp"), QStringLiteral("portal")};
    static const QStringList modes = {QStringLiteral("none"),      QStringLiteral("down"),
                                      QStringLiteral("status"),    QStringLiteral("slow"),
                                      QStringLiteral("slow_body"), QStringLiteral("reset"),
                                      QStringLiteral("duplicate")};
    const QString service = o.value(QLatin1String("service")).toString();
    const QString mode = o.value(QLatin1String("mode")).toString();
    if (err.error != QJsonParseError::NoError || !services.contains(service) ||
        !modes.contains(mode)) {
        return HttpResponse::error(
            400, QStringLiteral("bad_fault"),
            QStringLiteral("service: %1; mode: %2")
                .arg(services.join(QLatin1Char('|')), modes.join(QLatin1Char('|'))));
    }
    ServiceFault f;
    f.mode = mode;
    f.remaining = o.value(QLatin1String("count")).toInt(-1);
    f.status = o.value(QLatin1String("status")).toInt(503);
    f.retryAfterS = o.value(QLatin1String("retry_after_s")).toInt(-1);
    f.delayMs = o.value(QLatin1String("delay_ms")).toInt(3000);
    m_faults.insert(service, f);
    return HttpResponse::json(200, compactJson(faultsJson()));
}

QJsonObject SimState::faultsJson() const {
    QJsonObject o;
    for (auto it = m_faults.constBegin(); it != m_faults.constEnd(); ++it) {
        o.insert(it.key(), it->toJson());
    }
    return o;
}

void SimState::save() {
    if (m_stateFile.isEmpty()) {
        return;
    }
    QJsonObject all;
    for (auto it = m_stored.constBegin(); it != m_stored.constEnd(); ++it) {
        all.insert(it.key(), it.value());
    }
    QSaveFile f(m_stateFile);
    if (f.open(QIODevice::WriteOnly)) {
        f.write(QJsonDocument(all).toJson(QJsonDocument::Indented));
        f.commit();
    }
}

}  // namespace kiosk::sim
