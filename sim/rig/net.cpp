#include "net.h"

#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>

namespace kiosk::sim {

std::optional<quint16> freeTcpPort(const QHostAddress& address) {
    QTcpServer probe;
    if (!probe.listen(address, 0)) {
        return std::nullopt;
    }
    return probe.serverPort();
}

std::optional<quint16> freeTcpPortPair() {
    for (int attempt = 0; attempt < 200; ++attempt) {
        const auto port = static_cast<quint16>(QRandomGenerator::global()->bounded(20000, 60000));
        QTcpServer a;
        QTcpServer b;
        if (a.listen(QHostAddress::AnyIPv4, port) && b.listen(QHostAddress::AnyIPv4, port + 1)) {
            return port;
        }
    }
    return std::nullopt;
}

bool tcpAcceptsConnections(const QHostAddress& address, quint16 port, int timeoutMs) {
    QTcpSocket s;
    s.connectToHost(address, port);
    const bool ok = s.waitForConnected(timeoutMs);
    s.abort();
    return ok;
}

bool mqttBrokerAnswers(const QHostAddress& address, quint16 port, int timeoutMs) {
    QTcpSocket s;
    s.connectToHost(address, port);
    if (!s.waitForConnected(timeoutMs)) {
        return false;
    }
    const QByteArray clientId = "kiosk-sim-probe";
    QByteArray variable;
    variable.append('\0').append('\x04').append("MQTT", 4);  // protocol name
    variable.append('\x04');                                 // level 4 = 3.1.1
    variable.append('\x02');                                 // clean session
    variable.append('\0').append('\x0a');                    // keep-alive 10 s
    variable.append(static_cast<char>(clientId.size() >> 8))
        .append(static_cast<char>(clientId.size() & 0xff));
    variable.append(clientId);
    QByteArray packet;
    packet.append('\x10').append(static_cast<char>(variable.size())).append(variable);
    s.write(packet);
    if (!s.waitForBytesWritten(timeoutMs)) {
        return false;
    }
    QByteArray reply;
    while (reply.size() < 4 && s.waitForReadyRead(timeoutMs)) {
        reply += s.readAll();
    }
    // CONNACK: 0x20, length 2, flags, return code 0 (accepted).
    const bool ok = reply.size() >= 4 && static_cast<quint8>(reply[0]) == 0x20 && reply[1] == 2 &&
                    reply[3] == 0;
    s.write(QByteArray("\xe0\x00", 2));  // DISCONNECT
    s.waitForBytesWritten(200);
    s.disconnectFromHost();
    return ok;
}

}  // namespace kiosk::sim
