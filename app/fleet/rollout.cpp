#include "rollout.h"

#include "topics.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>

namespace kiosk::fleet {

FleetWatcher::FleetWatcher(FleetTransport* transport, QObject* parent)
    : QObject(parent), m_transport(transport) {
    connect(m_transport, &FleetTransport::messageReceived, this, &FleetWatcher::onMessage);
}

void FleetWatcher::start() {
    for (const char* leaf : {"reported", "status", "heartbeat", "events"}) {
        m_transport->subscribe(topics::allKiosks(leaf));
    }
}

QStringList FleetWatcher::onlineMembers(const QString& group) const {
    QStringList ids;
    for (const auto& k : m_kiosks) {
        if (k.online && (group.isEmpty() || k.group == group)) {
            ids << k.id;
        }
    }
    return ids;  // QMap: sorted by id
}

void FleetWatcher::onMessage(const QString& topic, const QByteArray& payload) {
    const QString id = topics::kioskOf(topic);
    if (id.isEmpty() || payload.size() > 64 * 1024) {
        return;
    }
    const QString leaf = topics::leafOf(topic);
    const QJsonObject o = QJsonDocument::fromJson(payload).object();
    if (o.isEmpty()) {
        return;
    }
    KioskView& k = m_kiosks[id];
    k.id = id;
    k.lastSeen = QDateTime::currentDateTimeUtc();
    if (leaf == QLatin1String("reported")) {
        k.group = o.value(QLatin1String("group")).toString();
        k.configVersion = static_cast<qint64>(o.value(QLatin1String("config_version")).toDouble());
        k.state = o.value(QLatin1String("state")).toString();
        k.lastResult = o.value(QLatin1String("last_result")).toObject();
    } else if (leaf == QLatin1String("status")) {
        k.online = o.value(QLatin1String("online")).toBool();
    } else if (leaf == QLatin1String("heartbeat")) {
        ++m_heartbeats;
        m_heartbeatBytes += payload.size();
        k.online = true;
        k.lastHeartbeat = o;
        if (k.group.isEmpty()) {
            k.group = o.value(QLatin1String("group")).toString();
        }
    } else if (leaf == QLatin1String("events")) {
        emit eventReceived(id, o);
    }
    emit kioskUpdated(id);
}

QJsonObject RolloutReport::toJson() const {
    return {{QStringLiteral("ok"), ok},
            {QStringLiteral("halted"), halted},
            {QStringLiteral("targets"), targets},
            {QStringLiteral("canaries"), canaries},
            {QStringLiteral("committed"), committed},
            {QStringLiteral("failed"), failed},
            {QStringLiteral("pending"), pending},
            {QStringLiteral("canary_ms"), canaryMs},
            {QStringLiteral("elapsed_ms"), elapsedMs},
            {QStringLiteral("failed_kiosks"), QJsonArray::fromStringList(failedKiosks)},
            {QStringLiteral("message"), message}};
}

Rollout::Rollout(Options options, FleetTransport* transport, FleetWatcher* watcher, QObject* parent)
    : QObject(parent), m_options(std::move(options)), m_transport(transport), m_watcher(watcher) {
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_phase == Phase::Discovery) {
            beginCanary();
        } else if (m_phase != Phase::Done) {
            evaluate();
            if (m_phase != Phase::Done) {
                // Undecided kiosks count as failures at the wave's deadline.
                for (const auto& id : std::as_const(m_wave)) {
                    if (outcomeOf(id) == 0 && !m_report.failedKiosks.contains(id)) {
                        m_report.failedKiosks << id + QStringLiteral(" (no answer)");
                    }
                }
                done(false, m_phase == Phase::Canary,
                     QStringLiteral("wave timed out after %1 ms").arg(m_options.waveTimeoutMs));
            }
        }
    });
    connect(m_watcher, &FleetWatcher::kioskUpdated, this, [this] {
        if (m_phase == Phase::Canary || m_phase == Phase::Rest) {
            evaluate();
        }
    });
}

void Rollout::start() {
    m_clock.start();
    m_phase = Phase::Discovery;
    emit progress(QStringLiteral("collecting the fleet's reported state"));
    m_timer.start(m_options.discoveryMs);
}

int Rollout::outcomeOf(const QString& id) const {
    const auto it = m_watcher->kiosks().constFind(id);
    if (it == m_watcher->kiosks().cend()) {
        return 0;
    }
    if (it->configVersion >= m_options.version) {
        return 1;
    }
    const QJsonObject& r = it->lastResult;
    if (static_cast<qint64>(r.value(QLatin1String("version")).toDouble()) == m_options.version &&
        r.value(QLatin1String("outcome")).toString() != QLatin1String("committed")) {
        return -1;
    }
    return 0;
}

void Rollout::beginCanary() {
    m_members = m_watcher->onlineMembers(m_options.group);
    m_report.targets = static_cast<int>(m_members.size());
    if (m_members.isEmpty()) {
        done(false, false, QStringLiteral("no online kiosk in group %1").arg(m_options.group));
        return;
    }
    const int n = std::clamp(
        static_cast<int>(std::ceil(m_options.canaryShare * static_cast<double>(m_members.size()))),
        1, static_cast<int>(m_members.size()));
    m_report.canaries = n;
    m_phase = Phase::Canary;
    emit progress(QStringLiteral("canary: %1 of %2 kiosks").arg(n).arg(m_members.size()));
    beginWave(m_members.mid(0, n));
}

void Rollout::beginWave(const QStringList& kiosks) {
    m_wave = kiosks;
    for (const auto& id : kiosks) {
        m_started << id;
        m_transport->publish(topics::kiosk(id, "desired"), m_options.envelope, true);
    }
    m_timer.start(m_options.waveTimeoutMs);
    evaluate();
}

void Rollout::evaluate() {
    int committed = 0;
    int failed = 0;
    QStringList failedIds;
    for (const auto& id : std::as_const(m_started)) {
        const int o = outcomeOf(id);
        committed += o > 0;
        failed += o < 0;
        if (o < 0) {
            failedIds << id;
        }
    }
    m_report.committed = committed;
    m_report.failed = failed;
    m_report.failedKiosks = failedIds;
    m_report.pending = static_cast<int>(m_members.size()) - committed - failed;
    const int decided = committed + failed;
    const double rate =
        decided == 0 ? 0.0 : static_cast<double>(failed) / static_cast<double>(m_started.size());
    if (rate > m_options.haltFailureRate) {
        done(false, true,
             QStringLiteral("halted: %1 of %2 kiosks failed (threshold %3%)")
                 .arg(failed)
                 .arg(m_started.size())
                 .arg(m_options.haltFailureRate * 100));
        return;
    }
    if (decided < m_started.size()) {
        return;
    }
    if (m_phase == Phase::Canary) {
        m_report.canaryMs = m_clock.elapsed();
        m_phase = Phase::Rest;
        const QStringList rest = m_members.mid(m_report.canaries);
        emit progress(QStringLiteral("canary passed (%1 committed, %2 failed) in %3 ms; "
                                     "rolling out to %4 more")
                          .arg(committed)
                          .arg(failed)
                          .arg(m_report.canaryMs)
                          .arg(rest.size()));
        beginWave(rest);
        return;
    }
    if (m_options.retainOnGroup) {
        m_transport->publish(topics::group(m_options.group, "desired"), m_options.envelope, true);
    }
    done(true, false,
         QStringLiteral("%1 of %2 kiosks committed version %3")
             .arg(committed)
             .arg(m_members.size())
             .arg(m_options.version));
}

void Rollout::done(bool ok, bool halted, const QString& message) {
    if (m_phase == Phase::Done) {
        return;
    }
    m_phase = Phase::Done;
    m_timer.stop();
    m_report.ok = ok;
    m_report.halted = halted;
    m_report.elapsedMs = m_clock.elapsed();
    m_report.message = message;
    emit progress(message);
    emit finished(m_report);
}

}  // namespace kiosk::fleet
