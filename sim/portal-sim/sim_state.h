// What portal-sim's government APIs share: the fictional citizens (civil
// registry, IdP accounts), the kiosks' registered device keys, per-service
// fault plans and call counts, and the state that must survive a restart
// (--state FILE: IdP accounts, applied upgrades, portal submissions).
#pragma once

#include "http_message.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <functional>
#include <optional>

namespace kiosk::sim {

struct Citizen {
    QString cid;
    QString firstNameTh;
    QString lastNameTh;
    QString birthDateBe;
    QString laserCode;   // normalized, no dashes
    QString cardStatus;  // "valid", "revoked", "expired"
    double fvsSimilarity = 0;
    QString accountId;
    QString ial;
    QString mobile;
};

// A test's plan of trouble for one service ("dopa", "fvs", "idp", "portal").
struct ServiceFault {
    QString mode = QStringLiteral("none");  // none|down|status|slow|slow_body|reset|duplicate
    int remaining = 0;                      // -1: until changed
    int status = 503;
    int retryAfterS = -1;
    int delayMs = 3000;
    QJsonObject toJson() const;
};

class SimState {
public:
    // Loads citizens (required for the government APIs) and device keys
    // (optional); then the persistent state when `stateFile` exists.
    QString load(const QString& citizensFile, const QString& devicesFile, const QString& stateFile);

    Citizen* citizen(const QString& cid);
    Citizen* citizenByAccount(const QString& accountId);
    QList<Citizen>& citizens() { return m_citizens; }

    // kiosk id -> PEM public key (the device's Ed25519 signing key).
    QMap<QString, QByteArray>& devices() { return m_devices; }

    // Runs `handler` under the service's fault plan: refuses (down, status)
    // without calling it, or decorates its response (slow, slow_body, reset,
    // duplicate). Counts the call.
    HttpResponse serve(const QString& service, const std::function<HttpResponse()>& handler);
    // The fault the next call would meet, consumed (for paths that apply
    // work outside serve(), like outbox items forwarded to the IdP).
    QString takeFault(const QString& service);
    HttpResponse setFault(const QByteArray& body);
    QJsonObject faultsJson() const;
    QHash<QString, int>& calls() { return m_calls; }

    // Outbox items of `type` are applied by this hook (status 2xx applied,
    // anything else refused without applying).
    using ItemHandler =
        std::function<HttpResponse(const QByteArray& key, const QByteArray& payload)>;
    void setItemHandler(const QByteArray& type, ItemHandler handler) {
        m_itemHandlers.insert(type, std::move(handler));
    }
    const ItemHandler* itemHandler(const QByteArray& type) const {
        const auto it = m_itemHandlers.constFind(type);
        return it == m_itemHandlers.constEnd() ? nullptr : &it.value();
    }

    // Persistent, API-owned state: each module keeps a JSON object under its
    // name; save() writes all of them (atomically) when a state file is set.
    QJsonObject& stored(const QString& module) { return m_stored[module]; }
    void save();

private:
    QList<Citizen> m_citizens;
    QMap<QString, QByteArray> m_devices;
    QHash<QString, ServiceFault> m_faults;
    QHash<QString, int> m_calls;
    QHash<QByteArray, ItemHandler> m_itemHandlers;
    QHash<QString, QJsonObject> m_stored;
    QString m_stateFile;
};

QByteArray compactJson(const QJsonObject& o);

}  // namespace kiosk::sim
