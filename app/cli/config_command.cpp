// kioskctl config check FILE: validates a configuration file against the
// schema and the cross-field rules, naming each offending field.
#include "command.h"
#include "commands.h"
#include "config.h"

#include <QJsonArray>

namespace kiosk::cli {

int configCheck(const QStringList& args, const GlobalOptions& global, Output& out) {
    QString file = args.value(0);
    if (file.isEmpty()) {
        file = global.configFile;
    }
    if (file.isEmpty() || args.size() > 1) {
        return out.error(QStringLiteral("usage"),
                         QStringLiteral("usage: kioskctl config check FILE"), kUsage);
    }
    const auto loaded = ConfigLoader::loadFile(file);
    if (loaded) {
        if (out.json()) {
            out.emitJson({{QStringLiteral("file"), file},
                          {QStringLiteral("valid"), true},
                          {QStringLiteral("kiosk_id"), loaded->kiosk.id}});
        } else {
            out.text() << file << ": valid (kiosk " << loaded->kiosk.id << ")\n";
        }
        return kOk;
    }
    const ConfigError& e = loaded.error();
    if (out.json()) {
        QJsonArray errors;
        for (const auto& f : e.fields) {
            errors.append(QJsonObject{{QStringLiteral("field"), f.field},
                                      {QStringLiteral("reason"), f.reason}});
        }
        out.emitJson(
            {{QStringLiteral("file"), file},
             {QStringLiteral("valid"), false},
             {QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), e.codeName()},
                                                   {QStringLiteral("message"), e.summary()}}},
             {QStringLiteral("errors"), errors}});
    } else {
        out.text() << file << ": INVALID (" << e.codeName() << ")\n";
        for (const auto& f : e.fields) {
            out.text() << "  " << (f.field.isEmpty() ? QStringLiteral("(file)") : f.field) << ": "
                       << f.reason << '\n';
        }
    }
    return kFailed;
}

}  // namespace kiosk::cli
