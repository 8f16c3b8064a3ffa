// The kiosk's configuration model: parsed from JSON, checked against
// config/kiosk.schema.json (compiled into the binary) plus the rules a schema
// cannot say, and exposed as typed values.
#pragma once

#include "result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace kiosk {

struct FieldError {
    QString field;   // JSON pointer, e.g. "/ui/idle_timeout_s"; "" for the whole file
    QString reason;  // e.g. "must be at least 15 (got 3)"
};

struct ConfigError {
    enum class Code {
        Unreadable,  // missing file, no permission, I/O error
        Syntax,      // not JSON, or not a JSON object
        Schema,      // violates kiosk.schema.json
        Semantic,    // valid per schema, but settings contradict each other
    };
    Code code = Code::Unreadable;
    QString source;            // file name or "<memory>"
    QList<FieldError> fields;  // at least one entry

    QString codeName() const;
    // "kiosk.json: /ui/idle_timeout_s: must be at least 15 (got 3)" (+ "and N more")
    QString summary() const;
};

struct KioskConfig {
    enum class Display { Fullscreen, Windowed };

    struct Kiosk {
        QString id;
        QString location;
        Display display = Display::Fullscreen;
    } kiosk;

    struct Ui {
        QString defaultLanguage;
        QStringList languages;
        int idleTimeoutS = 90;
        int idleWarningS = 20;
        double textScale = 1.0;
        bool highContrast = false;
    } ui;

    struct Card {
        QString reader;
        int readTimeoutMs = 20000;
        int apduTimeoutMs = 3000;
    } card;

    struct Backend {
        QUrl portalUrl;
        QString caFile;
        QString clientCert;
        QString clientKey;
        int timeoutMs = 10000;
    } backend;

    struct Fleet {
        bool enabled = false;
        QString brokerHost;
        int brokerPort = 8883;
        int heartbeatS = 60;
    } fleet;

    struct Store {
        int maxSizeMb = 512;
    } store;

    struct Logging {
        bool traces = false;
        QStringList rules;
    } logging;

    struct Face {
        double matchThreshold = 0.5;  // FAR about 0.05 % on our data (docs/face.md)
        double probeMinInterEyePx = 40.0;
    } face;

    // The validated document, for code that needs a key this struct lacks.
    QJsonObject document;
};

class ConfigLoader {
public:
    static Result<KioskConfig, ConfigError> parse(
        const QByteArray& json, const QString& source = QStringLiteral("<memory>"));
    static Result<KioskConfig, ConfigError> loadFile(const QString& path);
};

// The configuration the kiosk runs on, and whether it had to fall back.
struct ActiveConfig {
    KioskConfig config;
    QString path;                         // the file actually used
    std::optional<ConfigError> rejected;  // set when `requested` was broken
};

// Loads `requested`; on success keeps a copy at `lastGoodPath` (atomically).
// When `requested` is broken and a last good copy exists, runs on that copy and
// reports why the requested one was rejected; otherwise returns the error.
Result<ActiveConfig, ConfigError> loadWithLastGood(const QString& requested,
                                                   const QString& lastGoodPath);

}  // namespace kiosk
