#include "fleet_runtime.h"

#include "config_target.h"
#include "log_upload.h"
#include "logging.h"
#include "mqtt_transport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QMetaObject>
#include <QMutexLocker>

namespace kiosk::fleet {

namespace {

// Sections the running app can change without a restart.
const QStringList kLiveSections{QStringLiteral("logging")};

class Worker : public QObject {
public:
    std::unique_ptr<MqttTransport> transport;
    std::unique_ptr<FileConfigTarget> target;
    std::unique_ptr<FleetAgent> agent;
};

}  // namespace

QString FleetRuntime::managedConfigPath(const QString& dataDir) {
    return dataDir + QStringLiteral("/fleet/kiosk.json");
}

FleetRuntime::FleetRuntime(const KioskConfig& config, const QString& dataDir, QObject* parent)
    : QObject(parent), m_config(config), m_dataDir(dataDir) {
    m_thread.setObjectName(QStringLiteral("fleet"));
}

FleetRuntime::~FleetRuntime() {
    if (m_worker) {
        QMetaObject::invokeMethod(
            m_worker,
            [w = m_worker] {
                auto* worker = static_cast<Worker*>(w);
                worker->agent->stop();
                delete worker;
            },
            Qt::BlockingQueuedConnection);
        m_worker = nullptr;
    }
    m_thread.quit();
    m_thread.wait();
}

void FleetRuntime::setStatus(const QJsonObject& status) {
    QMutexLocker lock(&m_mutex);
    m_status = status;
}

void FleetRuntime::start() {
    const QString dir = m_dataDir + QStringLiteral("/fleet");
    QDir().mkpath(dir);
    const QString managed = managedConfigPath(m_dataDir);
    if (!QFile::exists(managed)) {
        // The fleet takes over from the installed file's content.
        QFile f(managed);
        if (f.open(QIODevice::WriteOnly)) {
            f.write(QJsonDocument(m_config.document).toJson());
        }
    }
    m_thread.start();
    auto* worker = new Worker;
    worker->moveToThread(&m_thread);
    m_worker = worker;
    QPointer<FleetRuntime> self(this);
    QMetaObject::invokeMethod(worker, [this, self, worker, dir, managed] {
        MqttTransport::Options t;
        t.host = m_config.fleet.brokerHost;
        t.port = m_config.fleet.brokerPort;
        t.clientId = m_config.kiosk.id;
        t.caFile = m_config.fleet.caFile;
        t.certFile = m_config.fleet.clientCert;
        t.keyFile = m_config.fleet.clientKey;
        worker->transport = std::make_unique<MqttTransport>(t);
        worker->target = std::make_unique<FileConfigTarget>(
            managed, dir,
            [self](const QJsonObject& candidate) -> Result<ApplyOutcome, QString> {
                ApplyOutcome out;
                if (!self) {
                    return out;
                }
                QJsonObject running;
                {
                    auto* w = static_cast<Worker*>(self->m_worker);
                    running = w && w->target ? w->target->running() : QJsonObject();
                }
                for (auto it = candidate.begin(); it != candidate.end(); ++it) {
                    if (running.value(it.key()) != it.value() &&
                        !kLiveSections.contains(it.key())) {
                        out.needsRestart << it.key();
                    }
                }
                QMetaObject::invokeMethod(
                    self, [self, candidate] { emit self->liveConfig(candidate); },
                    Qt::QueuedConnection);
                return out;
            },
            [worker](const QJsonObject& c, std::function<void(bool, QString)> done) {
                // Healthy unless the new settings make things worse: a backend
                // that is down for both the old and the new configuration
                // (the kiosk is offline) does not block a change.
                const QJsonObject running = worker->target->running();
                probeBackend(c, 5000, [running, done](bool ok, const QString& reason) {
                    if (ok) {
                        done(true, {});
                        return;
                    }
                    probeBackend(running, 5000, [done, reason](bool oldOk, const QString&) {
                        done(!oldOk, reason);
                    });
                });
            });
        if (auto r = worker->target->load(); !r) {
            qWarning("fleet: %s", qPrintable(r.error()));
        }
        FleetAgent::Options o;
        o.kioskId = m_config.kiosk.id;
        o.group = m_config.fleet.group;
        o.trustedKeys = decodeTrustedKeys(m_config.fleet.trustedKeys);
        o.heartbeatMs = m_config.fleet.heartbeatS * 1000;
        o.stateFile = dir + QStringLiteral("/state.json");
        worker->agent =
            std::make_unique<FleetAgent>(o, worker->transport.get(), worker->target.get());
        worker->agent->setStatusProvider([self] {
            if (!self) {
                return QJsonObject();
            }
            QMutexLocker lock(&self->m_mutex);
            return self->m_status;
        });
        worker->agent->setCommandHandler(
            [self, worker, dir, kioskId = m_config.kiosk.id,
             selfTest = m_selfTest](const FleetCommand& c) -> Result<QJsonObject, QString> {
                if (c.name == QLatin1String("upload-logs")) {
                    // Redacted again on the way out; the file stays for the operator.
                    const int max =
                        c.args.value(QLatin1String("lines")).toInt(logging::kRecentLines);
                    LogUploadOptions lo;
                    lo.kioskId = kioskId;
                    lo.folder = dir + QStringLiteral("/logs");
                    return uploadRedactedLogs(*worker->transport, lo, logging::recentLines(max));
                }
                const QString name = c.name;
                const QJsonObject args = c.args;
                QMetaObject::invokeMethod(
                    self, [self, name, args] { emit self->commandReceived(name, args); },
                    Qt::QueuedConnection);
                // The operator sees the self-test's checks in the command's result.
                if (name == QLatin1String("self-test") && selfTest) {
                    return selfTest();
                }
                return QJsonObject{{QStringLiteral("accepted"), true}};
            });
        QObject::connect(
            worker->agent.get(), &FleetAgent::bundleFinished, worker,
            [self, worker](qint64 version, const QString& outcome, const QString&) {
                const QJsonObject last = worker->agent->history().isEmpty()
                                             ? QJsonObject()
                                             : worker->agent->history().last().toObject();
                if (outcome == QLatin1String("committed") &&
                    last.contains(QLatin1String("needs_restart")) && self) {
                    const QString reason = QStringLiteral("configuration version %1").arg(version);
                    QMetaObject::invokeMethod(
                        self, [self, reason] { emit self->restartRequested(reason); },
                        Qt::QueuedConnection);
                }
            });
        worker->agent->start();
    });
}

}  // namespace kiosk::fleet
