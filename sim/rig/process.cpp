#include "process.h"

#include <sys/prctl.h>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QThread>
#include <csignal>

namespace kiosk::sim {

QString findProgram(const QString& name) {
    if (name.contains(QLatin1Char('/'))) {
        return QFileInfo(name).isExecutable() ? name : QString();
    }
    QString found = QStandardPaths::findExecutable(name);
    if (found.isEmpty()) {
        found = QStandardPaths::findExecutable(
            name, {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"),
                   QStringLiteral("/usr/local/sbin")});
    }
    return found;
}

SimError missingProgram(const QString& part, const QString& program, const QString& debianPackage) {
    return {
        part,
        QStringLiteral(
            "%1 is not installed (Debian package %2; kiosk-os/setup/install-deps.sh installs it)")
            .arg(program, debianPackage),
        {}};
}

ManagedProcess::~ManagedProcess() {
    stop();
}

Result<void, SimError> ManagedProcess::start(const Spec& spec) {
    m_spec = spec;
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(spec.program);
    m_process->setArguments(spec.arguments);
    m_process->setProcessEnvironment(spec.environment);
    if (!spec.workingDirectory.isEmpty()) {
        m_process->setWorkingDirectory(spec.workingDirectory);
    }
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardInputFile(QProcess::nullDevice());
    m_process->setStandardOutputFile(spec.logFile, QIODevice::Append);
    // A crashed or killed test must not leave daemons behind.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    m_process->start();
    if (!m_process->waitForStarted(5000)) {
        return fail(SimError{
            spec.part,
            QStringLiteral("cannot start %1: %2").arg(spec.program, m_process->errorString()),
            logTail()});
    }
    return {};
}

bool ManagedProcess::isRunning() {
    if (!m_process || m_process->state() == QProcess::NotRunning) {
        return false;
    }
    // Without an event loop QProcess only notices a death when asked.
    return !m_process->waitForFinished(0);
}

qint64 ManagedProcess::pid() const {
    return m_process ? m_process->processId() : 0;
}

Result<void, SimError> ManagedProcess::waitUntil(const std::function<bool()>& ready, int timeoutMs,
                                                 const QString& what) {
    QElapsedTimer clock;
    clock.start();
    while (true) {
        if (ready()) {
            return {};
        }
        if (!isRunning()) {
            return fail(SimError{m_spec.part,
                                 QStringLiteral("exited (code %1) before %2")
                                     .arg(m_process ? m_process->exitCode() : -1)
                                     .arg(what),
                                 logTail()});
        }
        if (clock.elapsed() > timeoutMs) {
            return fail(SimError{
                m_spec.part, QStringLiteral("not ready after %1 ms: %2").arg(timeoutMs).arg(what),
                logTail()});
        }
        QThread::msleep(50);
    }
}

int ManagedProcess::stop(int graceMs) {
    if (!m_process) {
        return 0;
    }
    int code = -1;
    if (isRunning()) {
        m_process->terminate();
        if (!m_process->waitForFinished(graceMs)) {
            m_process->kill();
            m_process->waitForFinished(2000);
        } else if (m_process->exitStatus() == QProcess::NormalExit) {
            code = m_process->exitCode();
        }
    } else {
        code = m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
    }
    m_process.reset();
    return code;
}

QString ManagedProcess::logTail(int lines) const {
    QFile f(m_spec.logFile);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    const qint64 size = f.size();
    f.seek(std::max<qint64>(0, size - 16384));
    const QStringList all =
        QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return all.mid(std::max<qsizetype>(0, all.size() - lines)).join(QLatin1Char('\n'));
}

}  // namespace kiosk::sim
