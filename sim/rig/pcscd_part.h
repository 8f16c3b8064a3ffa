// pcscd with the vsmartcard vpcd driver, isolated from the system daemon.
//
// Debian's pcscd always listens on /run/pcscd/pcscd.comm. We run it in a
// private mount namespace whose /run is a directory of our own, so the socket
// lands in our work directory; clients reach it through PCSCLITE_CSOCK_NAME
// (which libpcsclite reads once per process). vpcd listens for virtual cards
// on TCP ports p and p+1 (readers "Virtual PCD 00 00" and "Virtual PCD 00 01").
#pragma once

#include "part.h"
#include "process.h"

namespace kiosk::sim {

class PcscdPart : public Part {
public:
    explicit PcscdPart(QString workDir);
    ~PcscdPart() override { stop(); }

    QString name() const override { return QStringLiteral("pcscd"); }
    Result<void, SimError> start() override;
    void stop() override;
    bool isRunning() override { return m_process.isRunning(); }
    QJsonObject describe() const override;
    void exportTo(QProcessEnvironment& env) const override;

    QString socketPath() const;
    // TCP port a virtual card connects to for reader `slot` (0 or 1).
    quint16 vpcdPort(int slot = 0) const { return static_cast<quint16>(m_vpcdPort + slot); }
    static QString readerName(int slot = 0);
    // How often pcscd has reported a card inserted into / removed from the
    // reader so far (its log at --info level), so a rig can wait until pcscd,
    // not just the card, has seen a change.
    int cardInsertions(int slot = 0) const;
    int cardRemovals(int slot = 0) const;

private:
    int countLogLines(const QByteArray& text) const;

    QString m_dir;
    quint16 m_vpcdPort = 0;
    ManagedProcess m_process;
};

}  // namespace kiosk::sim
