// Where an accepted bundle lands: the agent stages, applies, health-checks,
// then commits or rolls back through this interface. FileConfigTarget is the
// kiosk's; tests and the scale benchmark use their own.
#pragma once

#include "result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <functional>

namespace kiosk::fleet {

struct ApplyOutcome {
    // Sections that take effect only after a restart (the rest applied live).
    QStringList needsRestart;
};

class ConfigTarget {
public:
    virtual ~ConfigTarget() = default;
    virtual QJsonObject running() const = 0;
    virtual Result<void, QString> stage(const QJsonObject& candidate) = 0;
    virtual Result<ApplyOutcome, QString> apply() = 0;
    // Calls `done` once, now or later (in the caller's thread).
    virtual void checkHealth(std::function<void(bool ok, QString reason)> done) = 0;
    virtual Result<void, QString> commit() = 0;
    virtual Result<void, QString> rollback() = 0;
};

// The kiosk's configuration file, managed by the fleet:
//  - stage: the candidate goes to <stateDir>/staged.json (atomically);
//  - apply: `liveApply` gets the candidate (the app reconfigures what it can
//    live and says what needs a restart);
//  - health: `health` decides (e.g. the backend is reachable with the new
//    settings);
//  - commit: the running file is kept as <stateDir>/previous.json and the
//    candidate replaces `configPath` atomically;
//  - rollback: `liveApply` gets the running configuration back, staged is removed.
class FileConfigTarget : public ConfigTarget {
public:
    using LiveApply = std::function<Result<ApplyOutcome, QString>(const QJsonObject& config)>;
    using Health =
        std::function<void(const QJsonObject& config, std::function<void(bool, QString)> done)>;

    FileConfigTarget(QString configPath, QString stateDir, LiveApply liveApply, Health health);

    QJsonObject running() const override { return m_running; }
    Result<void, QString> load();  // reads configPath
    Result<void, QString> stage(const QJsonObject& candidate) override;
    Result<ApplyOutcome, QString> apply() override;
    void checkHealth(std::function<void(bool ok, QString reason)> done) override;
    Result<void, QString> commit() override;
    Result<void, QString> rollback() override;

private:
    QString m_configPath;
    QString m_stateDir;
    LiveApply m_liveApply;
    Health m_health;
    QJsonObject m_running;
    QJsonObject m_staged;
};

// Health check used by the kiosk: the backend named in the configuration
// answers a TCP connection within `timeoutMs`.
void probeBackend(const QJsonObject& config, int timeoutMs,
                  std::function<void(bool ok, QString reason)> done);

}  // namespace kiosk::fleet
