// FleetTransport over MQTT 3.1.1 with libmosquitto: TLS with a client
// certificate (mutual TLS), a will, and reconnection with exponential backoff
// on libmosquitto's own network thread, so a lost broker never blocks the
// thread the agent (or the UI) runs in.
#pragma once

#include "fleet_transport.h"

#include <QMutex>
#include <QStringList>
#include <atomic>

struct mosquitto;
struct mosquitto_message;

namespace kiosk::fleet {

class MqttTransport : public FleetTransport {
    Q_OBJECT
public:
    struct Options {
        QString host = QStringLiteral("127.0.0.1");
        int port = 8883;
        QString clientId;
        QString caFile;    // empty: plain TCP (development only)
        QString certFile;  // client certificate (mutual TLS)
        QString keyFile;
        int keepAliveS = 30;
        int minBackoffS = 1;
        int maxBackoffS = 60;
        // Messages larger than this are dropped in the network thread (and
        // reported through oversizedDropped); the agent applies tighter limits.
        int maxPayloadBytes = 256 * 1024;
    };

    explicit MqttTransport(Options options, QObject* parent = nullptr);
    ~MqttTransport() override;

    void start() override;
    void stop() override;
    bool isConnected() const override { return m_connected.load(); }
    void subscribe(const QString& topicFilter) override;
    bool publish(const QString& topic, const QByteArray& payload, bool retain,
                 int qos = 1) override;
    void setWill(const QString& topic, const QByteArray& payload, bool retain) override;

    // The last connection or TLS problem, for status screens and logs.
    QString lastError() const;

signals:
    void oversizedDropped(const QString& topic, int bytes);

private:
    static void onConnect(mosquitto*, void* self, int rc);
    static void onDisconnect(mosquitto*, void* self, int rc);
    static void onMessage(mosquitto*, void* self, const mosquitto_message* msg);
    void setConnectedFromNetworkThread(bool connected);
    void setError(const QString& error);

    Options m_options;
    mosquitto* m_mosq = nullptr;
    std::atomic<bool> m_connected{false};
    bool m_running = false;
    mutable QMutex m_mutex;  // guards m_filters, m_lastError
    QStringList m_filters;
    QString m_lastError;
    QString m_willTopic;
    QByteArray m_willPayload;
    bool m_willRetain = false;
};

}  // namespace kiosk::fleet
