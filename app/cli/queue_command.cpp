// kioskctl queue status|list|retry ID|purge-expired: the offline outbox for
// technicians and the fleet. Output never contains payloads or personal
// data: item keys, types, counts and times only.
#include "command.h"
#include "commands.h"
#include "config.h"
#include "outbox.h"
#include "paths.h"
#include "store.h"

#include <QFileInfo>
#include <QJsonArray>

namespace kiosk::cli {

namespace {

struct OpenedStore {
    std::unique_ptr<store::FileKeyStore> keys;
    std::unique_ptr<store::Store> store;
};

// The store of the kiosk in --data-dir (an empty folder becomes a new, empty
// store), with the size limit from --config when there is a configuration.
Result<OpenedStore, int> openStore(const GlobalOptions& global, Output& out) {
    KioskConfig config;  // defaults when the kiosk has no configuration yet
    const QString configPath = paths::configFile(global.configFile);
    if (!global.configFile.isEmpty() || QFileInfo::exists(configPath)) {
        auto loaded = ConfigLoader::loadFile(configPath);
        if (!loaded) {
            return fail(out.error(QStringLiteral("config"), loaded.error().summary()));
        }
        config = *loaded;
    }
    OpenedStore opened;
    const QString dataDir = paths::dataDir(global.dataDir);
    opened.keys = std::make_unique<store::FileKeyStore>(store::FileKeyStore::defaultPath(dataDir));
    const store::Store::Options options =
        store::Store::forKiosk(config, dataDir, opened.keys.get());
    auto s = store::Store::open(options);
    if (!s) {
        return fail(out.error(s.error().codeName(), s.error().message));
    }
    opened.store = std::move(*s);
    return opened;
}

QString timeText(const QJsonValue& v) {
    const QString s = v.toString();
    return s.isEmpty() ? QStringLiteral("-") : s;
}

}  // namespace

int queueStatus(const QStringList& args, const GlobalOptions& global, Output& out) {
    if (!args.isEmpty()) {
        return out.error(QStringLiteral("usage"), QStringLiteral("usage: kioskctl queue status"),
                         kUsage);
    }
    auto opened = openStore(global, out);
    if (!opened) {
        return opened.error();
    }
    store::Outbox outbox(*opened->store);
    auto stats = outbox.stats();
    if (!stats) {
        return out.error(stats.error().codeName(), stats.error().message);
    }
    QJsonObject o = stats->toJson();
    o.insert(QStringLiteral("database"), opened->store->path());
    o.insert(QStringLiteral("schema_version"), opened->store->schemaVersion());
    if (out.json()) {
        out.emitJson(o);
        return kOk;
    }
    QTextStream& t = out.text();
    t << "database:        " << opened->store->path() << " (schema "
      << opened->store->schemaVersion() << ")\n";
    t << "pending:         " << stats->pending << " (" << stats->due << " due now)\n";
    t << "dead letter:     " << stats->deadLetter << '\n';
    t << "oldest item:     " << timeText(o.value(QLatin1String("oldest_created_at"))) << '\n';
    t << "next attempt:    " << timeText(o.value(QLatin1String("next_attempt_at"))) << '\n';
    t << "delivered total: " << stats->deliveredTotal << ", expired total: " << stats->expiredTotal
      << ", dead-letter total: " << stats->deadLetterTotal << '\n';
    t << "size:            " << stats->usage.usedBytes / 1024 << " KiB of "
      << stats->usage.limitBytes / 1024 << " KiB"
      << (stats->acceptingWork ? "" : "  ** FULL: new work is refused **") << '\n';
    return kOk;
}

int queueList(const QStringList& args, const GlobalOptions& global, Output& out) {
    if (!args.isEmpty()) {
        return out.error(QStringLiteral("usage"), QStringLiteral("usage: kioskctl queue list"),
                         kUsage);
    }
    auto opened = openStore(global, out);
    if (!opened) {
        return opened.error();
    }
    store::Outbox outbox(*opened->store);
    auto items = outbox.list(false);
    if (!items) {
        return out.error(items.error().codeName(), items.error().message);
    }
    if (out.json()) {
        QJsonArray array;
        for (const auto& item : *items) {
            array.append(item.toJson());
        }
        out.emitJson({{QStringLiteral("items"), array}});
        return kOk;
    }
    QTextStream& t = out.text();
    if (items->isEmpty()) {
        t << "outbox is empty\n";
        return kOk;
    }
    t << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
             .arg(QStringLiteral("ID"), -6)
             .arg(QStringLiteral("KEY"), -36)
             .arg(QStringLiteral("TYPE"), -18)
             .arg(QStringLiteral("STATUS"), -11)
             .arg(QStringLiteral("TRIES"), 5)
             .arg(QStringLiteral("NEXT ATTEMPT"), -24)
             .arg(QStringLiteral("LAST ERROR"));
    for (const auto& item : *items) {
        const QJsonObject o = item.toJson();
        t << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                 .arg(item.id, -6)
                 .arg(item.key, -36)
                 .arg(item.type.left(18), -18)
                 .arg(store::statusName(item.status), -11)
                 .arg(item.attempts, 5)
                 .arg(timeText(o.value(QLatin1String("next_attempt_at"))), -24)
                 .arg(item.lastError.isEmpty() ? QStringLiteral("-") : item.lastError);
    }
    return kOk;
}

int queueRetry(const QStringList& args, const GlobalOptions& global, Output& out) {
    if (args.size() != 1) {
        return out.error(QStringLiteral("usage"), QStringLiteral("usage: kioskctl queue retry ID"),
                         kUsage);
    }
    auto opened = openStore(global, out);
    if (!opened) {
        return opened.error();
    }
    store::Outbox outbox(*opened->store);
    auto item = outbox.retry(args.first());
    if (!item) {
        return out.error(item.error().codeName(), item.error().message);
    }
    if (out.json()) {
        out.emitJson({{QStringLiteral("retried"), item->toJson()}});
    } else {
        out.text() << "item " << item->id << " (" << item->key << ") will be sent again now\n";
    }
    return kOk;
}

int queuePurgeExpired(const QStringList& args, const GlobalOptions& global, Output& out) {
    if (!args.isEmpty()) {
        return out.error(QStringLiteral("usage"),
                         QStringLiteral("usage: kioskctl queue purge-expired"), kUsage);
    }
    auto opened = openStore(global, out);
    if (!opened) {
        return opened.error();
    }
    store::Outbox outbox(*opened->store);
    auto purged = outbox.purgeExpired();
    if (!purged) {
        return out.error(purged.error().codeName(), purged.error().message);
    }
    if (out.json()) {
        out.emitJson({{QStringLiteral("purged"), *purged}});
    } else {
        out.text() << "purged " << *purged
                   << " expired item(s); each is recorded in the audit log\n";
    }
    return kOk;
}

}  // namespace kiosk::cli
