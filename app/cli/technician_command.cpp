// `kioskctl technician add`: creates a maintenance-menu account. PINs are
// read from standard input (one per line), never from the command line where
// `ps` and shell history would keep them.
#include "commands.h"
#include "config.h"
#include "key_store.h"
#include "paths.h"
#include "store.h"
#include "technician_auth.h"

#include <QFileInfo>
#include <QTextStream>
#include <cstdio>

namespace kiosk::cli {

int technicianAdd(const QStringList& args, const GlobalOptions& global, Output& out) {
    QString id;
    QString roleText = QStringLiteral("technician");
    QString by;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--role") && i + 1 < args.size()) {
            roleText = args[++i];
        } else if (args[i] == QLatin1String("--by") && i + 1 < args.size()) {
            by = args[++i];
        } else if (id.isEmpty() && !args[i].startsWith(QLatin1String("--"))) {
            id = args[i];
        } else {
            return out.error(QStringLiteral("usage"),
                             QStringLiteral("technician add ID [--role technician|supervisor] "
                                            "[--by SUPERVISOR]"),
                             kUsage);
        }
    }
    if (id.isEmpty() ||
        (roleText != QLatin1String("technician") && roleText != QLatin1String("supervisor"))) {
        return out.error(QStringLiteral("usage"),
                         QStringLiteral("technician add ID [--role technician|supervisor] "
                                        "[--by SUPERVISOR]"),
                         kUsage);
    }
    const QString dataDir = paths::dataDir(global.dataDir);
    KioskConfig config;
    const QString configPath = paths::configFile(global.configFile);
    if (QFileInfo::exists(configPath)) {
        if (auto loaded = ConfigLoader::loadFile(configPath)) {
            config = *loaded;
        }
    }
    // Audit goes to the kiosk's encrypted store, like the menu's own entries.
    store::FileKeyStore keys(store::FileKeyStore::defaultPath(dataDir));
    auto st = store::Store::open(store::Store::forKiosk(config, dataDir, &keys));
    if (!st) {
        return out.error(st.error().codeName(), st.error().message);
    }
    maintenance::TechnicianAuth::Options o;
    o.file = maintenance::TechnicianAuth::defaultFile(dataDir);
    store::Store* store = st->get();
    o.audit = [store](const QString& e, const QString& s, const QString& d) {
        (void)store->audit(e, s, d);
    };
    auto auth = maintenance::TechnicianAuth::open(o);
    if (!auth) {
        return out.error(auth.error().codeName(), auth.error().message);
    }
    QTextStream in(stdin);
    const QString pin = in.readLine().trimmed();
    std::optional<maintenance::TechnicianSession> session;
    if (!by.isEmpty()) {
        auto s = auth->signIn(by, in.readLine().trimmed());
        if (!s) {
            return out.error(s.error().codeName(), s.error().message);
        }
        session = *s;
    }
    const auto role = roleText == QLatin1String("supervisor") ? maintenance::Role::Supervisor
                                                              : maintenance::Role::Technician;
    if (auto r = auth->enroll(id, pin, role, session ? &*session : nullptr); !r) {
        return out.error(r.error().codeName(), r.error().message);
    }
    if (out.json()) {
        out.emitJson({{QStringLiteral("technician"), id}, {QStringLiteral("role"), roleText}});
    } else {
        out.text() << "added " << roleText << ' ' << id << '\n';
    }
    return kOk;
}

}  // namespace kiosk::cli
