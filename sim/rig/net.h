// Loopback networking helpers for the rigs.
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QString>
#include <optional>

namespace kiosk::sim {

// A TCP port nobody listens on at `address` right now (the kernel picks it).
std::optional<quint16> freeTcpPort(const QHostAddress& address = QHostAddress::LocalHost);
// Two consecutive free ports p, p+1 on all interfaces (vpcd listens on both).
std::optional<quint16> freeTcpPortPair();
bool tcpAcceptsConnections(const QHostAddress& address, quint16 port, int timeoutMs = 500);
// Sends an MQTT 3.1.1 CONNECT and checks for a CONNACK with return code 0.
bool mqttBrokerAnswers(const QHostAddress& address, quint16 port, int timeoutMs = 1000);

}  // namespace kiosk::sim
