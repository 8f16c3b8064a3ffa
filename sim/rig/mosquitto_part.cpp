#include "mosquitto_part.h"

#include "net.h"

#include <pwd.h>
#include <unistd.h>
#include <QDir>
#include <QFile>

namespace kiosk::sim {

MosquittoPart::MosquittoPart(QString workDir)
    : m_dir(std::move(workDir) + QStringLiteral("/mosquitto")) {}

Result<void, SimError> MosquittoPart::start() {
    const QString mosquitto = findProgram(QStringLiteral("mosquitto"));
    if (mosquitto.isEmpty()) {
        return fail(
            missingProgram(name(), QStringLiteral("mosquitto"), QStringLiteral("mosquitto")));
    }
    if (!QDir().mkpath(m_dir)) {
        return fail(SimError{name(), QStringLiteral("cannot create %1").arg(m_dir), {}});
    }
    if (!m_keepPort || m_port == 0) {
        const auto port = freeTcpPort();
        if (!port) {
            return fail(SimError{name(), QStringLiteral("no free loopback port"), {}});
        }
        m_port = *port;
    }
    // Run as whoever we are: as root Mosquitto would otherwise switch to its own
    // user and lose access to our private work directory.
    const passwd* pw = ::getpwuid(::geteuid());
    const QString user = pw ? QString::fromLocal8Bit(pw->pw_name) : QStringLiteral("root");
    QFile conf(m_dir + QStringLiteral("/mosquitto.conf"));
    if (!conf.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return fail(SimError{name(), conf.errorString(), {}});
    }
    conf.write(
        QStringLiteral("# written by the Smart Kiosk simulator rig\n"
                       "user %1\n"
                       "listener %2 127.0.0.1\n"
                       "allow_anonymous true\n"
                       "persistence false\n"
                       "log_dest stdout\n"
                       "log_type error\nlog_type warning\nlog_type notice\nlog_type information\n")
            .arg(user)
            .arg(m_port)
            .toUtf8());
    if (!m_caCert.isEmpty()) {
        // Mutual TLS like the fleet's broker: only clients with a certificate
        // from our CA get in.
        conf.write(QStringLiteral("cafile %1\ncertfile %2\nkeyfile %3\n"
                                  "require_certificate %4\ntls_version tlsv1.2\n")
                       .arg(m_caCert, m_serverCert, m_serverKey,
                            m_requireCertificate ? QStringLiteral("true") : QStringLiteral("false"))
                       .toUtf8());
    }
    conf.close();
    if (auto r = m_process.start(
            ManagedProcess::Spec::make(name(), mosquitto, {QStringLiteral("-c"), conf.fileName()},
                                       m_dir + QStringLiteral("/mosquitto.log")));
        !r) {
        return r;
    }
    const quint16 p = m_port;
    if (!m_caCert.isEmpty()) {
        // A TLS listener does not answer a plain CONNECT: wait for the port.
        return m_process.waitUntil(
            [p] { return tcpAcceptsConnections(QHostAddress::LocalHost, p, 300); }, 10000,
            QStringLiteral("it listened (TLS) on 127.0.0.1:%1").arg(p));
    }
    return m_process.waitUntil(
        [p] { return mqttBrokerAnswers(QHostAddress::LocalHost, p, 300); }, 10000,
        QStringLiteral("it answered an MQTT CONNECT on 127.0.0.1:%1").arg(p));
}

void MosquittoPart::enableTls(QString caCert, QString serverCert, QString serverKey,
                              bool requireCertificate) {
    m_caCert = std::move(caCert);
    m_serverCert = std::move(serverCert);
    m_serverKey = std::move(serverKey);
    m_requireCertificate = requireCertificate;
}

Result<void, SimError> MosquittoPart::restart() {
    stop();
    m_keepPort = true;
    auto r = start();
    m_keepPort = false;
    return r;
}

void MosquittoPart::stop() {
    m_process.stop();
}

QJsonObject MosquittoPart::describe() const {
    return {{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
            {QStringLiteral("port"), m_port},
            {QStringLiteral("log"), m_dir + QStringLiteral("/mosquitto.log")}};
}

void MosquittoPart::exportTo(QProcessEnvironment& env) const {
    env.insert(QStringLiteral("KIOSK_SIM_MQTT_HOST"), QStringLiteral("127.0.0.1"));
    env.insert(QStringLiteral("KIOSK_SIM_MQTT_PORT"), QString::number(m_port));
}

}  // namespace kiosk::sim
