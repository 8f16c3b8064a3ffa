// The government-backend simulator (portal-sim) over loopback mutual TLS,
// with a PKI made for this run.
#pragma once

#include "part.h"
#include "process.h"
#include "test_pki.h"

namespace kiosk::sim {

class PortalPart : public Part {
public:
    struct Data {
        QString citizensFile;  // empty: sim/portal-sim/citizens.json of the source tree
        QString devicesFile;   // kiosk device keys the IdP accepts; empty: none yet
    };
    // `program`: path of the portal-sim binary.
    PortalPart(QString workDir, QString program, Data data = {});
    ~PortalPart() override { stop(); }

    QString name() const override { return QStringLiteral("portal-sim"); }
    Result<void, SimError> start() override;
    void stop() override;
    bool isRunning() override { return m_process.isRunning(); }
    QJsonObject describe() const override;
    void exportTo(QProcessEnvironment& env) const override;

    quint16 port() const { return m_port; }
    QString baseUrl() const { return QStringLiteral("https://127.0.0.1:%1").arg(m_port); }
    const TestPki& pki() const { return m_pki; }
    QString stateFile() const { return m_dir + QStringLiteral("/state.json"); }

private:
    QString m_dir;
    QString m_program;
    Data m_data;
    quint16 m_port = 0;
    TestPki m_pki;
    ManagedProcess m_process;
};

}  // namespace kiosk::sim
