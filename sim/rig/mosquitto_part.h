// A Mosquitto broker on a free loopback port, configured in its work
// directory (no persistence, nothing shared with a system broker). With
// enableTls() it speaks only TLS and, by default, requires a client
// certificate from the test CA (the fleet's mutual TLS).
#pragma once

#include "part.h"
#include "process.h"

namespace kiosk::sim {

class MosquittoPart : public Part {
public:
    explicit MosquittoPart(QString workDir);
    ~MosquittoPart() override { stop(); }

    QString name() const override { return QStringLiteral("mosquitto"); }
    Result<void, SimError> start() override;
    void stop() override;
    bool isRunning() override { return m_process.isRunning(); }
    QJsonObject describe() const override;
    void exportTo(QProcessEnvironment& env) const override;

    quint16 port() const { return m_port; }

    // Call before start(): TLS on the listener with these PEM files.
    void enableTls(QString caCert, QString serverCert, QString serverKey,
                   bool requireCertificate = true);
    // Stops and starts again on the same port (a broker outage in tests).
    Result<void, SimError> restart();

private:
    QString m_caCert;
    QString m_serverCert;
    QString m_serverKey;
    bool m_requireCertificate = true;
    bool m_keepPort = false;
    QString m_dir;
    quint16 m_port = 0;
    ManagedProcess m_process;
};

}  // namespace kiosk::sim
