#include "pcscd_part.h"

#include "local_socket.h"
#include "net.h"

#include <unistd.h>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace kiosk::sim {

namespace {
const QString kVpcdDriver = QStringLiteral("/usr/lib/pcsc/drivers/serial/libifdvpcd.so");
}

PcscdPart::PcscdPart(QString workDir) : m_dir(std::move(workDir) + QStringLiteral("/pcscd")) {}

QString PcscdPart::socketPath() const {
    return m_dir + QStringLiteral("/run/pcscd/pcscd.comm");
}

QString PcscdPart::readerName(int slot) {
    return QStringLiteral("Virtual PCD 00 %1").arg(slot, 2, 10, QLatin1Char('0'));
}

Result<void, SimError> PcscdPart::start() {
    const QString pcscd = findProgram(QStringLiteral("pcscd"));
    if (pcscd.isEmpty()) {
        return fail(missingProgram(name(), QStringLiteral("pcscd"), QStringLiteral("pcscd")));
    }
    const QString unshare = findProgram(QStringLiteral("unshare"));
    if (unshare.isEmpty()) {
        return fail(
            missingProgram(name(), QStringLiteral("unshare"), QStringLiteral("util-linux")));
    }
    if (!QFileInfo::exists(kVpcdDriver)) {
        return fail(missingProgram(name(), kVpcdDriver, QStringLiteral("vsmartcard-vpcd")));
    }
    const QString confDir = m_dir + QStringLiteral("/reader.conf.d");
    const QString runDir = m_dir + QStringLiteral("/run");
    if (!QDir().mkpath(confDir) || !QDir().mkpath(runDir)) {
        return fail(SimError{name(), QStringLiteral("cannot create %1").arg(m_dir), {}});
    }
    const auto port = freeTcpPortPair();
    if (!port) {
        return fail(SimError{name(), QStringLiteral("no free TCP port pair for vpcd"), {}});
    }
    m_vpcdPort = *port;
    QFile conf(confDir + QStringLiteral("/vpcd"));
    if (!conf.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return fail(SimError{name(), conf.errorString(), {}});
    }
    const QString hex = QStringLiteral("0x%1").arg(m_vpcdPort, 4, 16, QLatin1Char('0'));
    conf.write(
        QStringLiteral(
            "FRIENDLYNAME \"Virtual PCD\"\nDEVICENAME /dev/null:%1\nLIBPATH %2\nCHANNELID %1\n")
            .arg(hex, kVpcdDriver)
            .toUtf8());
    conf.close();

    // Root gets a plain mount namespace; anyone else a user namespace mapped to root.
    QStringList args;
    if (::geteuid() != 0) {
        args << QStringLiteral("--user") << QStringLiteral("--map-root-user");
    }
    args << QStringLiteral("--mount") << QStringLiteral("--propagation")
         << QStringLiteral("private") << QStringLiteral("--") << QStringLiteral("/bin/sh")
         << QStringLiteral("-c")
         << QStringLiteral(
                "mount --bind \"$0\" /run && exec \"$1\" --foreground --info --config \"$2\"")
         << runDir << pcscd << confDir;
    if (auto r = m_process.start(ManagedProcess::Spec::make(name(), unshare, args,
                                                            m_dir + QStringLiteral("/pcscd.log")));
        !r) {
        return r;
    }
    const QString socket = socketPath();
    return m_process.waitUntil(
        [&socket] { return unixSocketAnswers(socket); }, 10000,
        QStringLiteral("its socket accepted connections (private mount namespace: "
                       "needs root or unprivileged user namespaces)"));
}

void PcscdPart::stop() {
    m_process.stop();
}

int PcscdPart::countLogLines(const QByteArray& text) const {
    QFile log(m_dir + QStringLiteral("/pcscd.log"));
    return log.open(QIODevice::ReadOnly) ? static_cast<int>(log.readAll().count(text)) : 0;
}

int PcscdPart::cardInsertions(int slot) const {
    return countLogLines("Card inserted into " + readerName(slot).toLatin1());
}

int PcscdPart::cardRemovals(int slot) const {
    return countLogLines("Card Removed From " + readerName(slot).toLatin1());
}

QJsonObject PcscdPart::describe() const {
    return {{QStringLiteral("socket"), socketPath()},
            {QStringLiteral("vpcd_port"), m_vpcdPort},
            {QStringLiteral("reader"), readerName(0)},
            {QStringLiteral("log"), m_dir + QStringLiteral("/pcscd.log")}};
}

void PcscdPart::exportTo(QProcessEnvironment& env) const {
    env.insert(QStringLiteral("PCSCLITE_CSOCK_NAME"), socketPath());
    env.insert(QStringLiteral("KIOSK_SIM_VPCD_PORT"), QString::number(m_vpcdPort));
}

}  // namespace kiosk::sim
