#include "config.h"

#include "json_schema.h"
#include "logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace kiosk {

namespace {

const JsonSchema& kioskSchema() {
    // Compiled in from config/kiosk.schema.json; a broken schema is a build bug.
    static const JsonSchema schema = [] {
        auto s = JsonSchema::fromFile(QStringLiteral(":/kiosk/config/kiosk.schema.json"));
        if (!s) {
            qFatal("built-in configuration schema is invalid: %s", qPrintable(s.error()));
        }
        return *s;
    }();
    return schema;
}

std::pair<int, int> lineAndColumn(const QByteArray& text, int offset) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            col = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++col;  // count code points, not UTF-8 continuation bytes
        }
    }
    return {line, col};
}

ConfigError error(ConfigError::Code code, const QString& source, QString field, QString reason) {
    return ConfigError{code, source, {FieldError{std::move(field), std::move(reason)}}};
}

KioskConfig toModel(const QJsonObject& doc) {
    KioskConfig c;
    c.document = doc;
    const QJsonObject k = doc.value(QLatin1String("kiosk")).toObject();
    c.kiosk.id = k.value(QLatin1String("id")).toString();
    c.kiosk.location = k.value(QLatin1String("location")).toString();
    c.kiosk.display = k.value(QLatin1String("display")).toString() == QLatin1String("windowed")
                          ? KioskConfig::Display::Windowed
                          : KioskConfig::Display::Fullscreen;

    const QJsonObject ui = doc.value(QLatin1String("ui")).toObject();
    c.ui.defaultLanguage = ui.value(QLatin1String("default_language")).toString();
    for (const auto& l : ui.value(QLatin1String("languages")).toArray()) {
        c.ui.languages << l.toString();
    }
    c.ui.idleTimeoutS = ui.value(QLatin1String("idle_timeout_s")).toInt();
    c.ui.idleWarningS = ui.value(QLatin1String("idle_warning_s")).toInt();
    c.ui.textScale = ui.value(QLatin1String("text_scale")).toDouble(1.0);
    c.ui.highContrast = ui.value(QLatin1String("high_contrast")).toBool(false);

    const QJsonObject card = doc.value(QLatin1String("card")).toObject();
    c.card.reader = card.value(QLatin1String("reader")).toString();
    c.card.readTimeoutMs = card.value(QLatin1String("read_timeout_ms")).toInt();
    c.card.apduTimeoutMs = card.value(QLatin1String("apdu_timeout_ms")).toInt();

    const QJsonObject be = doc.value(QLatin1String("backend")).toObject();
    c.backend.portalUrl = QUrl(be.value(QLatin1String("portal_url")).toString());
    c.backend.caFile = be.value(QLatin1String("ca_file")).toString();
    c.backend.clientCert = be.value(QLatin1String("client_cert")).toString();
    c.backend.clientKey = be.value(QLatin1String("client_key")).toString();
    c.backend.timeoutMs = be.value(QLatin1String("timeout_ms")).toInt();

    const QJsonObject fl = doc.value(QLatin1String("fleet")).toObject();
    c.fleet.enabled = fl.value(QLatin1String("enabled")).toBool();
    c.fleet.brokerHost = fl.value(QLatin1String("broker_host")).toString();
    c.fleet.brokerPort = fl.value(QLatin1String("broker_port")).toInt();
    c.fleet.heartbeatS = fl.value(QLatin1String("heartbeat_s")).toInt(60);

    c.store.maxSizeMb =
        doc.value(QLatin1String("store")).toObject().value(QLatin1String("max_size_mb")).toInt();

    const QJsonObject lg = doc.value(QLatin1String("logging")).toObject();
    c.logging.traces = lg.value(QLatin1String("traces")).toBool();
    for (const auto& r : lg.value(QLatin1String("rules")).toArray()) {
        c.logging.rules << r.toString();
    }

    const QJsonObject face = doc.value(QLatin1String("face")).toObject();
    c.face.matchThreshold = face.value(QLatin1String("match_threshold")).toDouble(0.5);
    c.face.probeMinInterEyePx = face.value(QLatin1String("probe_min_inter_eye_px")).toDouble(40.0);
    return c;
}

// Rules across fields that JSON Schema cannot express.
QList<FieldError> semanticErrors(const KioskConfig& c) {
    QList<FieldError> errors;
    if (!c.ui.languages.contains(c.ui.defaultLanguage)) {
        errors.append(
            {QStringLiteral("/ui/default_language"),
             QStringLiteral("must be one of ui.languages (got \"%1\")").arg(c.ui.defaultLanguage)});
    }
    if (c.ui.idleWarningS >= c.ui.idleTimeoutS) {
        errors.append({QStringLiteral("/ui/idle_warning_s"),
                       QStringLiteral("must be shorter than ui.idle_timeout_s (%1 >= %2)")
                           .arg(c.ui.idleWarningS)
                           .arg(c.ui.idleTimeoutS)});
    }
    if (c.card.apduTimeoutMs >= c.card.readTimeoutMs) {
        errors.append({QStringLiteral("/card/apdu_timeout_ms"),
                       QStringLiteral("must be shorter than card.read_timeout_ms (%1 >= %2)")
                           .arg(c.card.apduTimeoutMs)
                           .arg(c.card.readTimeoutMs)});
    }
    if (c.backend.clientCert.isEmpty() != c.backend.clientKey.isEmpty()) {
        errors.append({QStringLiteral("/backend/client_key"),
                       QStringLiteral("client_cert and client_key must be set together")});
    }
    return errors;
}

}  // namespace

QString ConfigError::codeName() const {
    switch (code) {
        case Code::Unreadable:
            return QStringLiteral("unreadable");
        case Code::Syntax:
            return QStringLiteral("syntax");
        case Code::Schema:
            return QStringLiteral("schema");
        case Code::Semantic:
            return QStringLiteral("semantic");
    }
    return QStringLiteral("unknown");
}

QString ConfigError::summary() const {
    if (fields.isEmpty()) {
        return QStringLiteral("%1: invalid configuration").arg(source);
    }
    const FieldError& first = fields.first();
    QString s = first.field.isEmpty()
                    ? QStringLiteral("%1: %2").arg(source, first.reason)
                    : QStringLiteral("%1: %2: %3").arg(source, first.field, first.reason);
    if (fields.size() > 1) {
        s += QStringLiteral(" (and %1 more)").arg(fields.size() - 1);
    }
    return s;
}

Result<KioskConfig, ConfigError> ConfigLoader::parse(const QByteArray& json,
                                                     const QString& source) {
    QJsonParseError perr{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &perr);
    if (perr.error != QJsonParseError::NoError) {
        const auto [line, col] = lineAndColumn(json, perr.offset);
        return fail(error(
            ConfigError::Code::Syntax, source, QString(),
            QStringLiteral("line %1, column %2: %3").arg(line).arg(col).arg(perr.errorString())));
    }
    if (!doc.isObject()) {
        return fail(error(ConfigError::Code::Syntax, source, QString(),
                          QStringLiteral("the top level must be a JSON object")));
    }
    const auto violations = kioskSchema().validate(doc.object());
    if (!violations.isEmpty()) {
        ConfigError e{ConfigError::Code::Schema, source, {}};
        for (const auto& v : violations) {
            e.fields.append({v.path, v.message});
        }
        return fail(e);
    }
    KioskConfig config = toModel(doc.object());
    if (auto sem = semanticErrors(config); !sem.isEmpty()) {
        return fail(ConfigError{ConfigError::Code::Semantic, source, sem});
    }
    return config;
}

Result<KioskConfig, ConfigError> ConfigLoader::loadFile(const QString& path) {
    QFile f(path);
    const QString name = QFileInfo(path).fileName();
    if (!f.open(QIODevice::ReadOnly)) {
        return fail(error(ConfigError::Code::Unreadable, path, QString(), f.errorString()));
    }
    // A configuration file is small; anything huge is a mistake, not a config.
    constexpr qint64 kMaxBytes = 1 << 20;
    if (f.size() > kMaxBytes) {
        return fail(error(ConfigError::Code::Unreadable, path, QString(),
                          QStringLiteral("file is larger than %1 bytes").arg(kMaxBytes)));
    }
    return parse(f.readAll(), path);
}

Result<ActiveConfig, ConfigError> loadWithLastGood(const QString& requested,
                                                   const QString& lastGoodPath) {
    auto loaded = ConfigLoader::loadFile(requested);
    if (loaded) {
        if (!lastGoodPath.isEmpty()) {
            QDir().mkpath(QFileInfo(lastGoodPath).absolutePath());
            QSaveFile out(lastGoodPath);
            QFile in(requested);
            if (in.open(QIODevice::ReadOnly) && out.open(QIODevice::WriteOnly)) {
                out.write(in.readAll());
                if (!out.commit()) {
                    qCWarning(lcCoreConfig)
                        << "could not keep last good configuration:" << out.errorString();
                }
            }
        }
        return ActiveConfig{*loaded, requested, std::nullopt};
    }
    if (!lastGoodPath.isEmpty() && QFileInfo::exists(lastGoodPath)) {
        if (auto fallback = ConfigLoader::loadFile(lastGoodPath)) {
            qCWarning(lcCoreConfig).noquote()
                << "configuration rejected:" << loaded.error().summary()
                << "- running on the last good copy" << lastGoodPath;
            return ActiveConfig{*fallback, lastGoodPath, loaded.error()};
        }
    }
    return fail(loaded.error());
}

}  // namespace kiosk
