// A Mosquitto broker on a free loopback port, configured in its work
// directory (no persistence, nothing shared with a system broker).
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

private:
    QString m_dir;
    quint16 m_port = 0;
    ManagedProcess m_process;
};

}  // namespace kiosk::sim
