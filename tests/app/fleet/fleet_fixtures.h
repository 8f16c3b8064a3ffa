// Shared fixtures for the fleet suites: keys, a valid running configuration,
// signed bundles and commands, and a ConfigTarget whose health is scripted.
#pragma once

#include "config_target.h"
#include "ed25519.h"
#include "messages.h"
#include "test_env.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>
#include <QTimer>

namespace kiosk::fleet::test {

inline QJsonObject defaultConfig(const QString& kioskId = QStringLiteral("KIOSK-T-0001"),
                                 const QString& group = QStringLiteral("bkk")) {
    QFile f(kiosk::test::sourceDir() + QStringLiteral("/config/kiosk.json"));
    if (!f.open(QIODevice::ReadOnly)) {
        qFatal("config/kiosk.json missing");
    }
    QJsonObject c = QJsonDocument::fromJson(f.readAll()).object();
    QJsonObject k = c.value(QLatin1String("kiosk")).toObject();
    k.insert(QStringLiteral("id"), kioskId);
    c.insert(QStringLiteral("kiosk"), k);
    QJsonObject fl = c.value(QLatin1String("fleet")).toObject();
    fl.insert(QStringLiteral("group"), group);
    c.insert(QStringLiteral("fleet"), fl);
    return c;
}

inline SigningKey newKey() {
    auto k = SigningKey::generate();
    if (!k) {
        qFatal("key generation failed");
    }
    return *k;
}

inline QByteArray signedBundle(const SigningKey& key, qint64 version, const QJsonObject& patch,
                               const Target& target, const QDateTime& now, qint64 validFromS = -60,
                               qint64 validForS = 3600) {
    const QDateTime nb = now.addSecs(validFromS);
    auto r = seal(bundlePayload(version, target, nb, nb.addSecs(validForS), patch), key);
    return r ? *r : QByteArray();
}

inline QByteArray signedCommand(const SigningKey& key, const QString& name, const Target& target,
                                const QDateTime& issued, qint64 lifetimeS = 300,
                                QString* nonce = nullptr) {
    auto r = seal(commandPayload(name, {}, target, issued, issued.addSecs(lifetimeS), nonce), key);
    return r ? *r : QByteArray();
}

inline Target groupTarget(const QString& g) {
    Target t;
    t.group = g;
    return t;
}
inline Target kioskTarget(const QString& id) {
    Target t;
    t.kiosk = id;
    return t;
}

inline QJsonObject textScale(double v) {
    return {{QStringLiteral("ui"), QJsonObject{{QStringLiteral("text_scale"), v}}}};
}

// A ConfigTarget in memory. Health is decided by `healthy(candidate)`;
// `healthDelayMs` < 0 never answers (to test the agent's timeout).
class MemoryConfigTarget : public ConfigTarget {
public:
    explicit MemoryConfigTarget(QJsonObject running) : m_running(std::move(running)) {}
    QJsonObject running() const override { return m_running; }
    Result<void, QString> stage(const QJsonObject& c) override {
        if (failStage) {
            return fail(QStringLiteral("disk full"));
        }
        m_staged = c;
        return {};
    }
    Result<ApplyOutcome, QString> apply() override {
        live = m_staged;
        ++applies;
        return ApplyOutcome{};
    }
    void checkHealth(std::function<void(bool, QString)> done) override {
        const bool ok = healthy ? healthy(m_staged) : true;
        if (healthDelayMs < 0) {
            return;
        }
        QTimer::singleShot(healthDelayMs, [done, ok] {
            done(ok, ok ? QString() : QStringLiteral("backend unreachable"));
        });
    }
    Result<void, QString> commit() override {
        m_running = m_staged;
        ++commits;
        return {};
    }
    Result<void, QString> rollback() override {
        live = m_running;
        ++rollbacks;
        return {};
    }

    std::function<bool(const QJsonObject&)> healthy;
    int healthDelayMs = 0;
    bool failStage = false;
    QJsonObject live;
    int applies = 0;
    int commits = 0;
    int rollbacks = 0;

private:
    QJsonObject m_running;
    QJsonObject m_staged;
};

inline double textScaleOf(const QJsonObject& config) {
    return config.value(QLatin1String("ui"))
        .toObject()
        .value(QLatin1String("text_scale"))
        .toDouble();
}

}  // namespace kiosk::fleet::test
