#include "mqtt_transport.h"

#include <mosquitto.h>
#include <QLoggingCategory>
#include <QMetaObject>
#include <QMutexLocker>
#include <QPointer>
#include <mutex>

Q_LOGGING_CATEGORY(lcFleetMqtt, "kiosk.fleet.mqtt")

namespace kiosk::fleet {

namespace {

void libInit() {
    static std::once_flag once;
    std::call_once(once, [] { mosquitto_lib_init(); });
}

QString mosqError(int rc) {
    return QString::fromUtf8(mosquitto_strerror(rc));
}

}  // namespace

MqttTransport::MqttTransport(Options options, QObject* parent)
    : FleetTransport(parent), m_options(std::move(options)) {
    libInit();
}

MqttTransport::~MqttTransport() {
    stop();
}

void MqttTransport::setWill(const QString& topic, const QByteArray& payload, bool retain) {
    m_willTopic = topic;
    m_willPayload = payload;
    m_willRetain = retain;
}

void MqttTransport::start() {
    if (m_running) {
        return;
    }
    const QByteArray id = m_options.clientId.toUtf8();
    m_mosq = mosquitto_new(id.isEmpty() ? nullptr : id.constData(), true, this);
    if (!m_mosq) {
        setError(QStringLiteral("mosquitto_new failed"));
        return;
    }
    mosquitto_connect_callback_set(m_mosq, &MqttTransport::onConnect);
    mosquitto_disconnect_callback_set(m_mosq, &MqttTransport::onDisconnect);
    mosquitto_message_callback_set(m_mosq, &MqttTransport::onMessage);
    mosquitto_reconnect_delay_set(m_mosq, static_cast<unsigned>(m_options.minBackoffS),
                                  static_cast<unsigned>(m_options.maxBackoffS), true);
    if (!m_options.caFile.isEmpty()) {
        const QByteArray ca = m_options.caFile.toLocal8Bit();
        const QByteArray cert = m_options.certFile.toLocal8Bit();
        const QByteArray key = m_options.keyFile.toLocal8Bit();
        int rc = mosquitto_tls_set(m_mosq, ca.constData(), nullptr,
                                   cert.isEmpty() ? nullptr : cert.constData(),
                                   key.isEmpty() ? nullptr : key.constData(), nullptr);
        if (rc == MOSQ_ERR_SUCCESS) {
            // 1 = SSL_VERIFY_PEER: the broker must present a certificate from our CA.
            rc = mosquitto_tls_opts_set(m_mosq, 1, "tlsv1.2", nullptr);
        }
        if (rc != MOSQ_ERR_SUCCESS) {
            setError(QStringLiteral("TLS set-up: ") + mosqError(rc));
            mosquitto_destroy(m_mosq);
            m_mosq = nullptr;
            return;
        }
    }
    if (!m_willTopic.isEmpty()) {
        const QByteArray t = m_willTopic.toUtf8();
        mosquitto_will_set(m_mosq, t.constData(), static_cast<int>(m_willPayload.size()),
                           m_willPayload.constData(), 1, m_willRetain);
    }
    const QByteArray host = m_options.host.toUtf8();
    // An unreachable broker is not an error here: the network thread keeps
    // retrying with backoff.
    const int rc =
        mosquitto_connect_async(m_mosq, host.constData(), m_options.port, m_options.keepAliveS);
    if (rc != MOSQ_ERR_SUCCESS) {
        setError(QStringLiteral("connect: ") + mosqError(rc));
    }
    const int lrc = mosquitto_loop_start(m_mosq);
    if (lrc != MOSQ_ERR_SUCCESS) {
        setError(QStringLiteral("network thread: ") + mosqError(lrc));
        mosquitto_destroy(m_mosq);
        m_mosq = nullptr;
        return;
    }
    m_running = true;
}

void MqttTransport::stop() {
    if (!m_mosq) {
        return;
    }
    mosquitto_disconnect(m_mosq);
    mosquitto_loop_stop(m_mosq, true);
    mosquitto_destroy(m_mosq);
    m_mosq = nullptr;
    m_running = false;
    if (m_connected.exchange(false)) {
        emit connectedChanged(false);
    }
}

void MqttTransport::subscribe(const QString& topicFilter) {
    {
        QMutexLocker lock(&m_mutex);
        if (m_filters.contains(topicFilter)) {
            return;
        }
        m_filters << topicFilter;
    }
    if (m_mosq && m_connected.load()) {
        const QByteArray f = topicFilter.toUtf8();
        mosquitto_subscribe(m_mosq, nullptr, f.constData(), 1);
    }
}

bool MqttTransport::publish(const QString& topic, const QByteArray& payload, bool retain, int qos) {
    if (!m_mosq || !m_connected.load()) {
        return false;
    }
    const QByteArray t = topic.toUtf8();
    const int rc =
        mosquitto_publish(m_mosq, nullptr, t.constData(), static_cast<int>(payload.size()),
                          payload.constData(), qos, retain);
    return rc == MOSQ_ERR_SUCCESS;
}

QString MqttTransport::lastError() const {
    QMutexLocker lock(&m_mutex);
    return m_lastError;
}

void MqttTransport::setError(const QString& error) {
    {
        QMutexLocker lock(&m_mutex);
        m_lastError = error;
    }
    qCWarning(lcFleetMqtt).noquote() << m_options.clientId << error;
}

void MqttTransport::setConnectedFromNetworkThread(bool connected) {
    if (m_connected.exchange(connected) == connected) {
        return;
    }
    QPointer<MqttTransport> self(this);
    QMetaObject::invokeMethod(
        this,
        [self, connected] {
            if (self) {
                emit self->connectedChanged(connected);
            }
        },
        Qt::QueuedConnection);
}

void MqttTransport::onConnect(mosquitto* mosq, void* obj, int rc) {
    auto* self = static_cast<MqttTransport*>(obj);
    if (rc != 0) {
        self->setError(QStringLiteral("broker refused: ") +
                       QString::fromUtf8(mosquitto_connack_string(rc)));
        return;
    }
    QStringList filters;
    {
        QMutexLocker lock(&self->m_mutex);
        filters = self->m_filters;
        self->m_lastError.clear();
    }
    // Clean session: subscriptions are made anew on every connection.
    for (const auto& f : filters) {
        const QByteArray b = f.toUtf8();
        mosquitto_subscribe(mosq, nullptr, b.constData(), 1);
    }
    self->setConnectedFromNetworkThread(true);
}

void MqttTransport::onDisconnect(mosquitto*, void* obj, int rc) {
    auto* self = static_cast<MqttTransport*>(obj);
    if (rc != 0) {
        self->setError(QStringLiteral("connection lost: ") + mosqError(rc));
    }
    self->setConnectedFromNetworkThread(false);
}

void MqttTransport::onMessage(mosquitto*, void* obj, const mosquitto_message* msg) {
    auto* self = static_cast<MqttTransport*>(obj);
    const QString topic = QString::fromUtf8(msg->topic);
    if (msg->payloadlen > self->m_options.maxPayloadBytes) {
        const int bytes = msg->payloadlen;
        QPointer<MqttTransport> p(self);
        QMetaObject::invokeMethod(
            self,
            [p, topic, bytes] {
                if (p) {
                    emit p->oversizedDropped(topic, bytes);
                }
            },
            Qt::QueuedConnection);
        return;
    }
    const QByteArray payload(static_cast<const char*>(msg->payload), msg->payloadlen);
    QPointer<MqttTransport> p(self);
    QMetaObject::invokeMethod(
        self,
        [p, topic, payload] {
            if (p) {
                emit p->messageReceived(topic, payload);
            }
        },
        Qt::QueuedConnection);
}

}  // namespace kiosk::fleet
