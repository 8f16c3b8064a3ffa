// An in-process MQTT-like broker (wildcards, retained messages, wills) and its
// transport, for unit tests of the agent and the rollout logic.
#pragma once

#include "fleet_transport.h"

#include <QHash>
#include <QList>
#include <QPointer>

namespace kiosk::fleet {

class MemoryTransport;

class MemoryBroker : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    void publish(const QString& topic, const QByteArray& payload, bool retain);
    QByteArray retained(const QString& topic) const { return m_retained.value(topic); }
    // Simulates losing the broker: every client is disconnected, publishes fail.
    void setOnline(bool online);
    bool isOnline() const { return m_online; }
    int published() const { return m_published; }

private:
    friend class MemoryTransport;
    void attach(MemoryTransport* t);
    void detach(MemoryTransport* t);
    void deliverRetained(MemoryTransport* t, const QString& filter);
    QList<QPointer<MemoryTransport>> m_clients;
    QHash<QString, QByteArray> m_retained;
    bool m_online = true;
    int m_published = 0;
};

class MemoryTransport : public FleetTransport {
    Q_OBJECT
public:
    explicit MemoryTransport(MemoryBroker* broker, QObject* parent = nullptr);
    ~MemoryTransport() override;
    void start() override;
    void stop() override;
    bool isConnected() const override { return m_connected; }
    void subscribe(const QString& topicFilter) override;
    bool publish(const QString& topic, const QByteArray& payload, bool retain,
                 int qos = 1) override;
    void setWill(const QString& topic, const QByteArray& payload, bool retain) override;

    // Vanish without a clean disconnect: the broker publishes the will.
    void crash();

private:
    friend class MemoryBroker;
    void setConnected(bool connected);
    void deliver(const QString& topic, const QByteArray& payload);
    QPointer<MemoryBroker> m_broker;
    QStringList m_filters;
    bool m_started = false;
    bool m_connected = false;
    QString m_willTopic;
    QByteArray m_willPayload;
    bool m_willRetain = false;
};

}  // namespace kiosk::fleet
