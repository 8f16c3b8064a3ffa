#include "memory_transport.h"

#include <QMetaObject>

namespace kiosk::fleet {

bool topicMatches(const QString& filter, const QString& topic) {
    const auto f = filter.split(QLatin1Char('/'));
    const auto t = topic.split(QLatin1Char('/'));
    for (int i = 0; i < f.size(); ++i) {
        if (f[i] == QLatin1String("#")) {
            return true;
        }
        if (i >= t.size()) {
            return false;
        }
        if (f[i] != QLatin1String("+") && f[i] != t[i]) {
            return false;
        }
    }
    return f.size() == t.size();
}

void MemoryBroker::publish(const QString& topic, const QByteArray& payload, bool retain) {
    ++m_published;
    if (retain) {
        if (payload.isEmpty()) {
            m_retained.remove(topic);
        } else {
            m_retained.insert(topic, payload);
        }
    }
    for (const auto& c : std::as_const(m_clients)) {
        if (c && c->m_connected) {
            for (const auto& f : std::as_const(c->m_filters)) {
                if (topicMatches(f, topic)) {
                    c->deliver(topic, payload);
                    break;
                }
            }
        }
    }
}

void MemoryBroker::setOnline(bool online) {
    m_online = online;
    for (const auto& c : std::as_const(m_clients)) {
        if (c && c->m_started) {
            c->setConnected(online);
        }
    }
}

void MemoryBroker::attach(MemoryTransport* t) {
    m_clients.append(t);
}

void MemoryBroker::detach(MemoryTransport* t) {
    m_clients.removeAll(t);
}

void MemoryBroker::deliverRetained(MemoryTransport* t, const QString& filter) {
    for (auto it = m_retained.begin(); it != m_retained.end(); ++it) {
        if (topicMatches(filter, it.key())) {
            t->deliver(it.key(), it.value());
        }
    }
}

MemoryTransport::MemoryTransport(MemoryBroker* broker, QObject* parent)
    : FleetTransport(parent), m_broker(broker) {
    m_broker->attach(this);
}

MemoryTransport::~MemoryTransport() {
    if (m_broker) {
        m_broker->detach(this);
    }
}

void MemoryTransport::start() {
    m_started = true;
    if (m_broker && m_broker->isOnline()) {
        // Connect asynchronously, like a real client.
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (m_started && m_broker && m_broker->isOnline()) {
                    setConnected(true);
                }
            },
            Qt::QueuedConnection);
    }
}

void MemoryTransport::stop() {
    m_started = false;
    setConnected(false);
}

void MemoryTransport::crash() {
    const bool was = m_connected;
    m_started = false;
    setConnected(false);
    if (was && m_broker && !m_willTopic.isEmpty()) {
        m_broker->publish(m_willTopic, m_willPayload, m_willRetain);
    }
}

void MemoryTransport::setConnected(bool connected) {
    if (connected == m_connected) {
        return;
    }
    m_connected = connected;
    emit connectedChanged(connected);
    if (connected && m_broker) {
        for (const auto& f : std::as_const(m_filters)) {
            m_broker->deliverRetained(this, f);
        }
    }
}

void MemoryTransport::subscribe(const QString& topicFilter) {
    if (m_filters.contains(topicFilter)) {
        return;
    }
    m_filters << topicFilter;
    if (m_connected && m_broker) {
        m_broker->deliverRetained(this, topicFilter);
    }
}

bool MemoryTransport::publish(const QString& topic, const QByteArray& payload, bool retain,
                              int qos) {
    Q_UNUSED(qos);
    if (!m_connected || !m_broker) {
        return false;
    }
    m_broker->publish(topic, payload, retain);
    return true;
}

void MemoryTransport::setWill(const QString& topic, const QByteArray& payload, bool retain) {
    m_willTopic = topic;
    m_willPayload = payload;
    m_willRetain = retain;
}

void MemoryTransport::deliver(const QString& topic, const QByteArray& payload) {
    QPointer<MemoryTransport> self(this);
    QMetaObject::invokeMethod(
        this,
        [self, topic, payload] {
            if (self && self->m_connected) {
                emit self->messageReceived(topic, payload);
            }
        },
        Qt::QueuedConnection);
}

}  // namespace kiosk::fleet
