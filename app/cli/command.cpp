#include "command.h"

#include <QJsonDocument>

namespace kiosk::cli {

void Output::emitJson(const QJsonObject& object) {
    m_out << QJsonDocument(object).toJson(QJsonDocument::Indented);
    m_out.flush();
}

int Output::error(const QString& code, const QString& message, int exitCode) {
    if (m_json) {
        emitJson({{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), code},
                                                        {QStringLiteral("message"), message}}}});
    } else {
        m_err << "kioskctl: " << message << '\n';
        m_err.flush();
    }
    return exitCode;
}

namespace {

void printHelp(QTextStream& out) {
    out << "Usage: kioskctl [--config FILE] [--data-dir DIR] [--json] COMMAND...\n\n"
           "The Smart Kiosk technician and integrator command line.\n\nCommands:\n";
    for (const auto& c : allCommands()) {
        const QString head = (c.path.join(QLatin1Char(' ')) + QLatin1Char(' ') + c.usage).trimmed();
        out << "  " << head.leftJustified(34) << ' ' << c.summary << '\n';
    }
    out << "\nExit status: 0 success, 1 failure, 2 usage error.\n";
}

}  // namespace

int runCli(const QStringList& args, QTextStream& out, QTextStream& err) {
    GlobalOptions global;
    QStringList rest;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& a = args.at(i);
        auto takeValue = [&](QString& into) {
            if (a.contains(QLatin1Char('='))) {
                into = a.section(QLatin1Char('='), 1);
                return true;
            }
            if (i + 1 >= args.size()) {
                return false;
            }
            into = args.at(++i);
            return true;
        };
        if (a == QLatin1String("--json")) {
            global.json = true;
        } else if (a == QLatin1String("--config") || a.startsWith(QLatin1String("--config="))) {
            if (!takeValue(global.configFile)) {
                Output(out, err, global.json)
                    .error(QStringLiteral("usage"), QStringLiteral("--config needs a file"));
                return kUsage;
            }
        } else if (a == QLatin1String("--data-dir") || a.startsWith(QLatin1String("--data-dir="))) {
            if (!takeValue(global.dataDir)) {
                Output(out, err, global.json)
                    .error(QStringLiteral("usage"), QStringLiteral("--data-dir needs a folder"));
                return kUsage;
            }
        } else if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            printHelp(out);
            return kOk;
        } else if (a == QLatin1String("--version")) {
            out << "kioskctl " << KIOSK_VERSION << '\n';
            return kOk;
        } else {
            rest << a;
        }
    }
    Output output(out, err, global.json);
    if (rest.isEmpty()) {
        printHelp(err);
        return kUsage;
    }
    // Longest matching command path wins.
    const Command* best = nullptr;
    for (const auto& c : allCommands()) {
        if (rest.size() >= c.path.size() && rest.mid(0, c.path.size()) == c.path &&
            (!best || c.path.size() > best->path.size())) {
            best = &c;
        }
    }
    if (!best) {
        return output.error(QStringLiteral("usage"),
                            QStringLiteral("unknown command \"%1\"; see kioskctl --help")
                                .arg(rest.join(QLatin1Char(' '))),
                            kUsage);
    }
    return best->run(rest.mid(best->path.size()), global, output);
}

bool takeOption(QStringList& args, const QString& name, QString& value, bool& bad) {
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i] == name) {
            if (i + 1 >= args.size()) {
                bad = true;
                return false;
            }
            value = args[i + 1];
            args.remove(i, 2);
            return true;
        }
        if (args[i].startsWith(name + QLatin1Char('='))) {
            value = args[i].section(QLatin1Char('='), 1);
            args.remove(i);
            return true;
        }
    }
    return false;
}

bool takeFlag(QStringList& args, const QString& name) {
    return args.removeAll(name) > 0;
}

}  // namespace kiosk::cli
