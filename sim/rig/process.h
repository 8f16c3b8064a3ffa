// A child process owned by a rig: started with its output in a log file,
// killed with the test process (PR_SET_PDEATHSIG), stopped with SIGTERM and
// then SIGKILL.
#pragma once

#include "result.h"
#include "sim_error.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <functional>
#include <memory>

namespace kiosk::sim {

// Finds a program on PATH or in the sbin directories daemons live in.
// Returns an empty string when absent.
QString findProgram(const QString& name);

// Error for a program that is not installed, naming the Debian package.
SimError missingProgram(const QString& part, const QString& program, const QString& debianPackage);

class ManagedProcess {
public:
    struct Spec {
        QString part;  // name used in errors
        QString program;
        QStringList arguments;
        QString logFile;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        QString workingDirectory;

        static Spec make(QString part, QString program, QStringList arguments, QString logFile) {
            Spec s;
            s.part = std::move(part);
            s.program = std::move(program);
            s.arguments = std::move(arguments);
            s.logFile = std::move(logFile);
            return s;
        }
    };

    ManagedProcess() = default;
    ~ManagedProcess();
    ManagedProcess(const ManagedProcess&) = delete;
    ManagedProcess& operator=(const ManagedProcess&) = delete;

    Result<void, SimError> start(const Spec& spec);
    // Polls `ready` every 50 ms until it holds, the process dies, or the time runs out.
    Result<void, SimError> waitUntil(const std::function<bool()>& ready, int timeoutMs,
                                     const QString& what);
    bool isRunning();
    qint64 pid() const;
    // SIGTERM, then SIGKILL after `graceMs`. Returns the exit code, or -1 if killed.
    int stop(int graceMs = 3000);
    QString logTail(int lines = 20) const;
    const Spec& spec() const { return m_spec; }

private:
    Spec m_spec;
    std::unique_ptr<QProcess> m_process;
};

}  // namespace kiosk::sim
