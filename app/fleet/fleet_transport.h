// The seam between the fleet agent (and operator tools) and the broker.
// Implementations: MqttTransport (libmosquitto over TLS, its own network
// thread) and MemoryTransport (in-process broker for unit tests). Signals are
// delivered in the thread the transport object lives in.
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

namespace kiosk::fleet {

class FleetTransport : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~FleetTransport() override = default;

    // Starts connecting; reconnects by itself with backoff until stop().
    // Never blocks the caller.
    virtual void start() = 0;
    virtual void stop() = 0;
    virtual bool isConnected() const = 0;
    // Kept across reconnects.
    virtual void subscribe(const QString& topicFilter) = 0;
    // Returns false when the message could not be queued (e.g. offline).
    virtual bool publish(const QString& topic, const QByteArray& payload, bool retain,
                         int qos = 1) = 0;
    // The message the broker publishes for us if we vanish (set before start()).
    virtual void setWill(const QString& topic, const QByteArray& payload, bool retain) = 0;

signals:
    void connectedChanged(bool connected);
    void messageReceived(const QString& topic, const QByteArray& payload);
};

bool topicMatches(const QString& filter, const QString& topic);

}  // namespace kiosk::fleet
