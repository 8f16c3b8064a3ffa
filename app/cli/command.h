// The kioskctl command framework: each subcommand is a function from its
// arguments to an exit code, writing text or JSON through Output.
#pragma once

#include <QJsonObject>
#include <QStringList>
#include <QTextStream>
#include <functional>

namespace kiosk::cli {

// Exit codes shared by every subcommand.
enum ExitCode : int {
    kOk = 0,
    kFailed = 1,  // the command ran and the answer is "no" or it failed
    kUsage = 2,   // bad arguments
};

struct GlobalOptions {
    QString configFile;  // --config
    QString dataDir;     // --data-dir
    bool json = false;   // --json
};

class Output {
public:
    Output(QTextStream& out, QTextStream& err, bool json) : m_out(out), m_err(err), m_json(json) {}
    bool json() const { return m_json; }
    QTextStream& text() { return m_out; }
    void emitJson(const QJsonObject& object);
    // A failure: JSON {"error":{"code","message"}} on stdout, or text on stderr.
    int error(const QString& code, const QString& message, int exitCode = kFailed);

private:
    QTextStream& m_out;
    QTextStream& m_err;
    bool m_json;
};

struct Command {
    QStringList path;  // e.g. {"config", "check"}
    QString usage;     // arguments after the path, e.g. "FILE"
    QString summary;
    std::function<int(const QStringList& args, const GlobalOptions&, Output&)> run;
};

// Option parsing shared by the subcommands.
// Takes "--name VALUE" or "--name=VALUE" out of `args`; `bad` is set when the
// value is missing.
bool takeOption(QStringList& args, const QString& name, QString& value, bool& bad);
// Takes "--name" out of `args`; true when it was there.
bool takeFlag(QStringList& args, const QString& name);

QList<Command> allCommands();

// Parses global options and dispatches. `args` excludes the program name.
int runCli(const QStringList& args, QTextStream& out, QTextStream& err);

}  // namespace kiosk::cli
