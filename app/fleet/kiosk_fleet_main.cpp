// kiosk-fleet: the fleet operator's command line.
//
//   kiosk-fleet keygen --out operator.key
//   kiosk-fleet sign --key operator.key --version 7 --target group:bangkok patch.json -o b7.signed
//   kiosk-fleet publish BROKER --group bangkok --canary 0.1 --halt 0.2 b7.signed
//   kiosk-fleet command --key operator.key --target kiosk:KIOSK-0001 restart BROKER
//   kiosk-fleet watch BROKER [--group bangkok] [--once]
//
// BROKER options: --broker HOST:PORT --ca FILE [--cert FILE --cert-key FILE].
#include "ed25519.h"
#include "log_upload.h"
#include "messages.h"
#include "mqtt_transport.h"
#include "rollout.h"
#include "topics.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>
#include <QTimer>
#include <cstdio>

using namespace kiosk::fleet;

namespace {

QTextStream& out() {
    static QTextStream s(stdout);
    return s;
}
QTextStream& err() {
    static QTextStream s(stderr);
    return s;
}

enum Exit { kOk = 0, kFailed = 1, kUsage = 2 };

int failWith(const QString& message, int code = kFailed) {
    err() << "kiosk-fleet: " << message << Qt::endl;
    return code;
}

const QCommandLineOption kBroker(QStringLiteral("broker"), QStringLiteral("Broker HOST:PORT."),
                                 QStringLiteral("host:port"), QStringLiteral("127.0.0.1:8883"));
const QCommandLineOption kCa(QStringLiteral("ca"), QStringLiteral("Broker CA (PEM)."),
                             QStringLiteral("file"));
const QCommandLineOption kCert(QStringLiteral("cert"),
                               QStringLiteral("Operator client certificate (PEM)."),
                               QStringLiteral("file"));
const QCommandLineOption kCertKey(QStringLiteral("cert-key"),
                                  QStringLiteral("Key of the client certificate (PEM)."),
                                  QStringLiteral("file"));
const QCommandLineOption kJson(QStringLiteral("json"), QStringLiteral("JSON output."));

std::unique_ptr<MqttTransport> transportFrom(const QCommandLineParser& p) {
    MqttTransport::Options o;
    const QString broker = p.value(kBroker);
    o.host = broker.section(QLatin1Char(':'), 0, 0);
    o.port = broker.section(QLatin1Char(':'), 1, 1).toInt();
    if (o.port <= 0) {
        o.port = 8883;
    }
    o.caFile = p.value(kCa);
    o.certFile = p.value(kCert);
    o.keyFile = p.value(kCertKey);
    o.clientId = QStringLiteral("kiosk-fleet-%1").arg(QCoreApplication::applicationPid());
    return std::make_unique<MqttTransport>(o);
}

// Runs the event loop until the transport connects or `timeoutMs` passes.
bool waitConnected(MqttTransport& t, int timeoutMs) {
    if (t.isConnected()) {
        return true;
    }
    QEventLoop loop;
    QObject::connect(&t, &FleetTransport::connectedChanged, &loop, [&](bool c) {
        if (c) {
            loop.quit();
        }
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return t.isConnected();
}

void addBrokerOptions(QCommandLineParser& p) {
    p.addOptions({kBroker, kCa, kCert, kCertKey, kJson});
}

bool parse(QCommandLineParser& p, const QStringList& args) {
    p.addHelpOption();
    if (!p.parse(args)) {
        err() << "kiosk-fleet: " << p.errorText() << Qt::endl;
        return false;
    }
    if (p.isSet(QStringLiteral("help"))) {
        out() << p.helpText();
        std::exit(kOk);
    }
    return true;
}

QByteArray readFile(const QString& path, QString* error) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = path + QStringLiteral(": ") + f.errorString();
        return {};
    }
    return f.readAll();
}

bool writeFile(const QString& path, const QByteArray& data, QString* error) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(data) != data.size()) {
        *error = path + QStringLiteral(": ") + f.errorString();
        return false;
    }
    return true;
}

int keygen(const QStringList& args) {
    QCommandLineParser p;
    const QCommandLineOption outOpt({QStringLiteral("o"), QStringLiteral("out")},
                                    QStringLiteral("Private key file to write (0600)."),
                                    QStringLiteral("file"));
    p.addOption(outOpt);
    if (!parse(p, args) || !p.isSet(outOpt)) {
        return failWith(QStringLiteral("usage: kiosk-fleet keygen --out FILE"), kUsage);
    }
    if (QFile::exists(p.value(outOpt))) {
        return failWith(p.value(outOpt) + QStringLiteral(" exists; refusing to replace a key"));
    }
    auto key = SigningKey::generate();
    if (!key) {
        return failWith(key.error().summary());
    }
    if (auto r = key->save(p.value(outOpt)); !r) {
        return failWith(r.error().summary());
    }
    QString e;
    if (!writeFile(p.value(outOpt) + QStringLiteral(".pub"), key->publicBase64().toLatin1() + '\n',
                   &e)) {
        return failWith(e);
    }
    out() << "key id     " << key->keyId() << "\npublic key " << key->publicBase64()
          << "\n(add the public key to fleet.trusted_keys of the kiosks)" << Qt::endl;
    return kOk;
}

int sign(const QStringList& args) {
    QCommandLineParser p;
    const QCommandLineOption keyOpt(QStringLiteral("key"), QStringLiteral("Signing key."),
                                    QStringLiteral("file"));
    const QCommandLineOption versionOpt(QStringLiteral("version"),
                                        QStringLiteral("Bundle version (increasing)."),
                                        QStringLiteral("n"));
    const QCommandLineOption targetOpt(QStringLiteral("target"),
                                       QStringLiteral("group:NAME or kiosk:ID."),
                                       QStringLiteral("target"));
    const QCommandLineOption notBeforeOpt(QStringLiteral("not-before"),
                                          QStringLiteral("ISO time (default now)."),
                                          QStringLiteral("time"));
    const QCommandLineOption validOpt(QStringLiteral("valid-hours"),
                                      QStringLiteral("Validity from not-before (default 168)."),
                                      QStringLiteral("hours"), QStringLiteral("168"));
    const QCommandLineOption descOpt(QStringLiteral("description"),
                                     QStringLiteral("What the bundle changes."),
                                     QStringLiteral("text"));
    const QCommandLineOption outOpt({QStringLiteral("o"), QStringLiteral("out")},
                                    QStringLiteral("Signed bundle to write."),
                                    QStringLiteral("file"));
    p.addOptions({keyOpt, versionOpt, targetOpt, notBeforeOpt, validOpt, descOpt, outOpt});
    p.addPositionalArgument(QStringLiteral("patch"),
                            QStringLiteral("JSON merge patch over kiosk.json."));
    if (!parse(p, args) || p.positionalArguments().size() != 1 || !p.isSet(keyOpt) ||
        !p.isSet(versionOpt) || !p.isSet(targetOpt) || !p.isSet(outOpt)) {
        return failWith(QStringLiteral("usage: kiosk-fleet sign --key FILE --version N --target "
                                       "group:NAME|kiosk:ID PATCH.json -o OUT"),
                        kUsage);
    }
    auto key = SigningKey::fromFile(p.value(keyOpt));
    if (!key) {
        return failWith(key.error().summary());
    }
    auto target = Target::parse(p.value(targetOpt));
    if (!target) {
        return failWith(target.error().reason, kUsage);
    }
    QString e;
    const QByteArray patchJson = readFile(p.positionalArguments().first(), &e);
    const QJsonDocument patch = QJsonDocument::fromJson(patchJson);
    if (!e.isEmpty() || !patch.isObject()) {
        return failWith(e.isEmpty() ? QStringLiteral("the patch must be a JSON object") : e);
    }
    const QDateTime notBefore = p.isSet(notBeforeOpt)
                                    ? parseIsoUtc(p.value(notBeforeOpt))
                                    : QDateTime::currentDateTimeUtc().addSecs(-60);
    const qint64 version = p.value(versionOpt).toLongLong();
    if (version < 1 || !notBefore.isValid()) {
        return failWith(QStringLiteral("bad --version or --not-before"), kUsage);
    }
    const QByteArray payload = bundlePayload(
        version, *target, notBefore, notBefore.addSecs(p.value(validOpt).toLongLong() * 3600),
        patch.object(), p.value(descOpt));
    auto sealed = seal(payload, *key);
    if (!sealed) {
        return failWith(sealed.error().summary());
    }
    if (!writeFile(p.value(outOpt), *sealed, &e)) {
        return failWith(e);
    }
    out() << "signed version " << version << " for " << target->describe() << " with key "
          << key->keyId() << " -> " << p.value(outOpt) << Qt::endl;
    return kOk;
}

int publish(const QStringList& args) {
    QCommandLineParser p;
    addBrokerOptions(p);
    const QCommandLineOption groupOpt(QStringLiteral("group"), QStringLiteral("Rollout group."),
                                      QStringLiteral("name"));
    const QCommandLineOption canaryOpt(QStringLiteral("canary"),
                                       QStringLiteral("Canary share, 0..1 (default 0.1)."),
                                       QStringLiteral("share"), QStringLiteral("0.1"));
    const QCommandLineOption haltOpt(QStringLiteral("halt"),
                                     QStringLiteral("Halt when the failed share passes this."),
                                     QStringLiteral("share"), QStringLiteral("0.2"));
    const QCommandLineOption timeoutOpt(QStringLiteral("wave-timeout-s"),
                                        QStringLiteral("Seconds to wait for a wave."),
                                        QStringLiteral("s"), QStringLiteral("120"));
    const QCommandLineOption discoveryOpt(QStringLiteral("discovery-ms"),
                                          QStringLiteral("Time to collect reported states."),
                                          QStringLiteral("ms"), QStringLiteral("2000"));
    p.addOptions({groupOpt, canaryOpt, haltOpt, timeoutOpt, discoveryOpt});
    p.addPositionalArgument(QStringLiteral("bundle"), QStringLiteral("Signed bundle."));
    if (!parse(p, args) || p.positionalArguments().size() != 1 || !p.isSet(groupOpt)) {
        return failWith(QStringLiteral("usage: kiosk-fleet publish --broker H:P --ca CA --group "
                                       "NAME [--canary 0.1] [--halt 0.2] BUNDLE"),
                        kUsage);
    }
    QString e;
    const QByteArray envelope = readFile(p.positionalArguments().first(), &e);
    if (!e.isEmpty()) {
        return failWith(e);
    }
    // The operator reads the version from the payload; kiosks verify the signature.
    const QJsonObject env = QJsonDocument::fromJson(envelope).object();
    const QJsonObject payload =
        QJsonDocument::fromJson(
            QByteArray::fromBase64(env.value(QLatin1String("payload")).toString().toLatin1()))
            .object();
    const qint64 version = static_cast<qint64>(payload.value(QLatin1String("version")).toDouble());
    if (version < 1) {
        return failWith(QStringLiteral("not a signed bundle"));
    }
    auto transport = transportFrom(p);
    FleetWatcher watcher(transport.get());
    watcher.start();
    transport->start();
    if (!waitConnected(*transport, 15000)) {
        return failWith(QStringLiteral("cannot reach the broker: ") + transport->lastError());
    }
    Rollout::Options o;
    o.group = p.value(groupOpt);
    o.envelope = envelope;
    o.version = version;
    o.canaryShare = p.value(canaryOpt).toDouble();
    o.haltFailureRate = p.value(haltOpt).toDouble();
    o.waveTimeoutMs = p.value(timeoutOpt).toInt() * 1000;
    o.discoveryMs = p.value(discoveryOpt).toInt();
    Rollout rollout(o, transport.get(), &watcher);
    const bool json = p.isSet(kJson);
    QObject::connect(&rollout, &Rollout::progress, [json](const QString& m) {
        if (!json) {
            out() << m << Qt::endl;
        }
    });
    QEventLoop loop;
    QObject::connect(&rollout, &Rollout::finished, &loop, &QEventLoop::quit);
    rollout.start();
    loop.exec();
    const RolloutReport& r = rollout.report();
    if (json) {
        out() << QJsonDocument(r.toJson()).toJson(QJsonDocument::Compact) << Qt::endl;
    } else {
        out() << (r.ok ? "done" : (r.halted ? "HALTED" : "FAILED")) << ": " << r.committed << "/"
              << r.targets << " committed, " << r.failed << " failed, in " << r.elapsedMs << " ms"
              << Qt::endl;
        for (const auto& k : r.failedKiosks) {
            out() << "  failed: " << k << Qt::endl;
        }
    }
    // Let QoS 1 messages leave before disconnecting.
    QTimer::singleShot(300, &loop, &QEventLoop::quit);
    loop.exec();
    transport->stop();
    return r.ok ? kOk : kFailed;
}

int command(const QStringList& args) {
    QCommandLineParser p;
    addBrokerOptions(p);
    const QCommandLineOption keyOpt(QStringLiteral("key"), QStringLiteral("Signing key."),
                                    QStringLiteral("file"));
    const QCommandLineOption targetOpt(QStringLiteral("target"),
                                       QStringLiteral("group:NAME or kiosk:ID."),
                                       QStringLiteral("target"));
    const QCommandLineOption validOpt(QStringLiteral("valid-s"),
                                      QStringLiteral("Lifetime in seconds (default 300)."),
                                      QStringLiteral("s"), QStringLiteral("300"));
    const QCommandLineOption argsOpt(QStringLiteral("args"), QStringLiteral("JSON arguments."),
                                     QStringLiteral("json"));
    const QCommandLineOption waitOpt(QStringLiteral("wait-s"),
                                     QStringLiteral("Wait for results (default 10)."),
                                     QStringLiteral("s"), QStringLiteral("10"));
    const QCommandLineOption logsOpt(
        QStringLiteral("logs-out"),
        QStringLiteral("upload-logs: write each kiosk's redacted log bundle into this folder."),
        QStringLiteral("dir"));
    p.addOptions({keyOpt, targetOpt, validOpt, argsOpt, waitOpt, logsOpt});
    p.addPositionalArgument(QStringLiteral("name"),
                            QStringLiteral("restart | upload-logs | retry-outbox | self-test"));
    if (!parse(p, args) || p.positionalArguments().size() != 1 || !p.isSet(keyOpt) ||
        !p.isSet(targetOpt)) {
        return failWith(QStringLiteral("usage: kiosk-fleet command --key FILE --target T NAME "
                                       "--broker H:P --ca CA"),
                        kUsage);
    }
    auto key = SigningKey::fromFile(p.value(keyOpt));
    if (!key) {
        return failWith(key.error().summary());
    }
    auto target = Target::parse(p.value(targetOpt));
    if (!target) {
        return failWith(target.error().reason, kUsage);
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString nonce;
    const QByteArray payload =
        commandPayload(p.positionalArguments().first(),
                       QJsonDocument::fromJson(p.value(argsOpt).toUtf8()).object(), *target, now,
                       now.addSecs(p.value(validOpt).toLongLong()), &nonce);
    auto sealed = seal(payload, *key);
    if (!sealed) {
        return failWith(sealed.error().summary());
    }
    auto transport = transportFrom(p);
    FleetWatcher watcher(transport.get());
    watcher.start();
    int results = 0;
    bool allOk = true;
    const bool json = p.isSet(kJson);
    QObject::connect(
        &watcher, &FleetWatcher::eventReceived, [&](const QString& id, const QJsonObject& ev) {
            if (ev.value(QLatin1String("nonce")).toString() == nonce ||
                (ev.value(QLatin1String("what")).toString() == QLatin1String("command") &&
                 ev.value(QLatin1String("type")).toString() == QLatin1String("rejected"))) {
                ++results;
                allOk = allOk && ev.value(QLatin1String("ok")).toBool();
                out() << (json ? QString::fromUtf8(QJsonDocument(ev).toJson(QJsonDocument::Compact))
                               : id + QStringLiteral(": ") +
                                     QString::fromUtf8(
                                         QJsonDocument(ev).toJson(QJsonDocument::Compact)))
                      << Qt::endl;
            }
        });
    // upload-logs: the kiosk publishes its redacted bundle in chunks on its logs topic.
    const QString logsDir = p.value(logsOpt);
    QHash<QString, LogChunkCollector> collectors;
    int bundles = 0;
    if (!logsDir.isEmpty()) {
        QDir().mkpath(logsDir);
        transport->subscribe(topics::allKiosks("logs"));
        QObject::connect(transport.get(), &FleetTransport::messageReceived,
                         [&](const QString& t, const QByteArray& message) {
                             if (topics::leafOf(t) != QLatin1String("logs")) {
                                 return;
                             }
                             const QString id = topics::kioskOf(t);
                             if (!collectors[id].add(message)) {
                                 return;
                             }
                             QFile f(QDir(logsDir).filePath(id + QStringLiteral("-logs.json")));
                             if (f.open(QIODevice::WriteOnly)) {
                                 f.write(collectors[id].bundle());
                                 ++bundles;
                                 out() << id << ": redacted logs written to " << f.fileName()
                                       << Qt::endl;
                             }
                         });
    }
    transport->start();
    if (!waitConnected(*transport, 15000)) {
        return failWith(QStringLiteral("cannot reach the broker: ") + transport->lastError());
    }
    const QString topic = target->kiosk.isEmpty() ? topics::group(target->group, "command")
                                                  : topics::kiosk(target->kiosk, "command");
    // Give the subscription a moment so no result is missed.
    QEventLoop loop;
    QTimer::singleShot(200, &loop, &QEventLoop::quit);
    loop.exec();
    transport->publish(topic, *sealed, false);
    QTimer::singleShot(p.value(waitOpt).toInt() * 1000, &loop, &QEventLoop::quit);
    if (!target->kiosk.isEmpty()) {
        const auto check = [&] {
            if (results > 0 && (logsDir.isEmpty() || bundles > 0 || !allOk)) {
                loop.quit();
            }
        };
        QObject::connect(&watcher, &FleetWatcher::eventReceived, &loop, check);
        QObject::connect(transport.get(), &FleetTransport::messageReceived, &loop, check);
    }
    loop.exec();
    transport->stop();
    if (results == 0) {
        return failWith(QStringLiteral("no kiosk answered"));
    }
    if (!logsDir.isEmpty() && bundles == 0) {
        return failWith(QStringLiteral("no log bundle arrived"));
    }
    return allOk ? kOk : kFailed;
}

void printFleet(const FleetWatcher& w, const QString& group, bool json) {
    if (json) {
        QJsonArray a;
        for (const auto& k : w.kiosks()) {
            if (group.isEmpty() || k.group == group) {
                a.append(QJsonObject{{QStringLiteral("kiosk"), k.id},
                                     {QStringLiteral("group"), k.group},
                                     {QStringLiteral("online"), k.online},
                                     {QStringLiteral("config_version"), k.configVersion},
                                     {QStringLiteral("state"), k.state},
                                     {QStringLiteral("last_result"), k.lastResult},
                                     {QStringLiteral("heartbeat"), k.lastHeartbeat}});
            }
        }
        out() << QJsonDocument(QJsonObject{{QStringLiteral("kiosks"), a}})
                     .toJson(QJsonDocument::Compact)
              << Qt::endl;
        return;
    }
    out() << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                 .arg(QStringLiteral("KIOSK"), -20)
                 .arg(QStringLiteral("GROUP"), -12)
                 .arg(QStringLiteral("ONLINE"), -7)
                 .arg(QStringLiteral("CONFIG"), -7)
                 .arg(QStringLiteral("STATE"), -13)
                 .arg(QStringLiteral("LAST RESULT"));
    for (const auto& k : w.kiosks()) {
        if (!group.isEmpty() && k.group != group) {
            continue;
        }
        const QString last =
            k.lastResult.isEmpty()
                ? QStringLiteral("-")
                : QStringLiteral("v%1 %2 %3")
                      .arg(k.lastResult.value(QLatin1String("version")).toInteger())
                      .arg(k.lastResult.value(QLatin1String("outcome")).toString(),
                           k.lastResult.value(QLatin1String("code")).toString());
        out() << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                     .arg(k.id, -20)
                     .arg(k.group, -12)
                     .arg(k.online ? QStringLiteral("yes") : QStringLiteral("no"), -7)
                     .arg(k.configVersion, -7)
                     .arg(k.state, -13)
                     .arg(last.trimmed());
    }
    out() << "heartbeats seen: " << w.heartbeats() << Qt::endl;
}

int watch(const QStringList& args) {
    QCommandLineParser p;
    addBrokerOptions(p);
    const QCommandLineOption groupOpt(QStringLiteral("group"), QStringLiteral("Only this group."),
                                      QStringLiteral("name"));
    const QCommandLineOption onceOpt(QStringLiteral("once"),
                                     QStringLiteral("Print once after collecting, then exit."));
    const QCommandLineOption everyOpt(QStringLiteral("every-s"),
                                      QStringLiteral("Refresh period (default 5)."),
                                      QStringLiteral("s"), QStringLiteral("5"));
    p.addOptions({groupOpt, onceOpt, everyOpt});
    if (!parse(p, args)) {
        return kUsage;
    }
    auto transport = transportFrom(p);
    FleetWatcher watcher(transport.get());
    watcher.start();
    transport->start();
    if (!waitConnected(*transport, 15000)) {
        return failWith(QStringLiteral("cannot reach the broker: ") + transport->lastError());
    }
    QEventLoop loop;
    QTimer timer;
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
        printFleet(watcher, p.value(groupOpt), p.isSet(kJson));
        if (p.isSet(onceOpt)) {
            loop.quit();
        }
    });
    timer.start(p.isSet(onceOpt) ? 1500 : p.value(everyOpt).toInt() * 1000);
    loop.exec();
    transport->stop();
    return kOk;
}

int usage() {
    err() << "usage: kiosk-fleet COMMAND [options]   (COMMAND --help for details)\n"
             "  keygen   create an Ed25519 signing key\n"
             "  sign     sign a configuration bundle (a merge patch over kiosk.json)\n"
             "  publish  staged rollout of a signed bundle to a group\n"
             "  command  send a signed remote command (restart, upload-logs, retry-outbox, "
             "self-test)\n"
             "  watch    show the fleet's reported state and heartbeats\n";
    return kUsage;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kiosk-fleet"));
    QStringList args = app.arguments();
    if (args.size() < 2) {
        return usage();
    }
    const QString cmd = args.takeAt(1);
    // QCommandLineParser expects the program name first.
    if (cmd == QLatin1String("keygen")) {
        return keygen(args);
    }
    if (cmd == QLatin1String("sign")) {
        return sign(args);
    }
    if (cmd == QLatin1String("publish")) {
        return publish(args);
    }
    if (cmd == QLatin1String("command")) {
        return command(args);
    }
    if (cmd == QLatin1String("watch")) {
        return watch(args);
    }
    if (cmd == QLatin1String("--version")) {
        std::printf("kiosk-fleet %s\n", KIOSK_VERSION);
        return kOk;
    }
    return usage();
}
