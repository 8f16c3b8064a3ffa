#include "config_target.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QPointer>
#include <QSaveFile>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

namespace kiosk::fleet {

namespace {

Result<void, QString> writeJson(const QString& path, const QJsonObject& o) {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        return fail(path + QStringLiteral(": ") + f.errorString());
    }
    f.write(QJsonDocument(o).toJson(QJsonDocument::Indented));
    if (!f.commit()) {
        return fail(path + QStringLiteral(": ") + f.errorString());
    }
    return {};
}

}  // namespace

FileConfigTarget::FileConfigTarget(QString configPath, QString stateDir, LiveApply liveApply,
                                   Health health)
    : m_configPath(std::move(configPath)),
      m_stateDir(std::move(stateDir)),
      m_liveApply(std::move(liveApply)),
      m_health(std::move(health)) {}

Result<void, QString> FileConfigTarget::load() {
    QFile f(m_configPath);
    if (!f.open(QIODevice::ReadOnly)) {
        return fail(m_configPath + QStringLiteral(": ") + f.errorString());
    }
    const auto doc = QJsonDocument::fromJson(f.readAll());
    if (!doc.isObject()) {
        return fail(m_configPath + QStringLiteral(": not a JSON object"));
    }
    m_running = doc.object();
    return {};
}

Result<void, QString> FileConfigTarget::stage(const QJsonObject& candidate) {
    if (!QDir().mkpath(m_stateDir)) {
        return fail(QStringLiteral("cannot create ") + m_stateDir);
    }
    if (auto r = writeJson(m_stateDir + QStringLiteral("/staged.json"), candidate); !r) {
        return r;
    }
    m_staged = candidate;
    return {};
}

Result<ApplyOutcome, QString> FileConfigTarget::apply() {
    if (m_staged.isEmpty()) {
        return fail(QStringLiteral("nothing staged"));
    }
    return m_liveApply ? m_liveApply(m_staged) : ApplyOutcome{};
}

void FileConfigTarget::checkHealth(std::function<void(bool, QString)> done) {
    if (!m_health) {
        done(true, {});
        return;
    }
    m_health(m_staged, std::move(done));
}

Result<void, QString> FileConfigTarget::commit() {
    if (auto r = writeJson(m_stateDir + QStringLiteral("/previous.json"), m_running); !r) {
        return r;
    }
    if (auto r = writeJson(m_configPath, m_staged); !r) {
        return r;
    }
    QFile::remove(m_stateDir + QStringLiteral("/staged.json"));
    m_running = m_staged;
    m_staged = {};
    return {};
}

Result<void, QString> FileConfigTarget::rollback() {
    QFile::remove(m_stateDir + QStringLiteral("/staged.json"));
    m_staged = {};
    if (m_liveApply) {
        if (auto r = m_liveApply(m_running); !r) {
            return fail(r.error());
        }
    }
    return {};
}

void probeBackend(const QJsonObject& config, int timeoutMs,
                  std::function<void(bool, QString)> done) {
    const QUrl url(config.value(QLatin1String("backend"))
                       .toObject()
                       .value(QLatin1String("portal_url"))
                       .toString());
    if (!url.isValid() || url.host().isEmpty()) {
        done(false, QStringLiteral("backend.portal_url is not a URL"));
        return;
    }
    auto* socket = new QTcpSocket;
    auto* timer = new QTimer(socket);
    timer->setSingleShot(true);
    auto finish = std::make_shared<std::function<void(bool, QString)>>(std::move(done));
    auto once = [socket, finish](bool ok, const QString& reason) {
        if (*finish) {
            auto f = std::move(*finish);
            *finish = nullptr;
            socket->deleteLater();
            f(ok, reason);
        }
    };
    const QString where = QStringLiteral("%1:%2").arg(url.host()).arg(url.port(443));
    QObject::connect(socket, &QTcpSocket::connected, socket, [once] { once(true, {}); });
    QObject::connect(socket, &QTcpSocket::errorOccurred, socket, [once, socket, where] {
        once(false, QStringLiteral("backend %1 unreachable: %2").arg(where, socket->errorString()));
    });
    QObject::connect(timer, &QTimer::timeout, socket, [once, where] {
        once(false, QStringLiteral("backend %1 did not answer in time").arg(where));
    });
    timer->start(timeoutMs);
    socket->connectToHost(url.host(), static_cast<quint16>(url.port(443)));
}

}  // namespace kiosk::fleet
