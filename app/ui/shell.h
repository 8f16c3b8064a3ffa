// The kiosk shell's view-model: which screen is up, the language, the idle
// countdown and the display options. QML reaches it as the singleton `Shell`
// of module `Kiosk`; the application creates it and hands it to the engine.
#pragma once

#include "idle_monitor.h"
#include "localizer.h"

#include <QObject>
#include <QQmlEngine>
#include <QStringList>

namespace kiosk::ui {

class Shell : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(Screen screen READ screen NOTIFY screenChanged)
    Q_PROPERTY(QString screenName READ screenName NOTIFY screenChanged)
    Q_PROPERTY(QString language READ language NOTIFY languageChanged)
    Q_PROPERTY(QStringList languages READ languages CONSTANT)
    Q_PROPERTY(bool idleWarning READ idleWarning NOTIFY idleWarningChanged)
    Q_PROPERTY(int idleSecondsLeft READ idleSecondsLeft NOTIFY idleSecondsLeftChanged)
    Q_PROPERTY(bool fullscreen READ fullscreen CONSTANT)
    Q_PROPERTY(double textScale READ textScale NOTIFY displayChanged)
    Q_PROPERTY(bool highContrast READ highContrast NOTIFY displayChanged)
    Q_PROPERTY(QString kioskId READ kioskId CONSTANT)
    Q_PROPERTY(QString version READ version CONSTANT)
    // True when the process runs with Qt Virtual Keyboard as its input method.
    Q_PROPERTY(bool virtualKeyboard READ virtualKeyboard CONSTANT)

public:
    enum class Screen { Attract, InsertCard };
    Q_ENUM(Screen)

    struct Options {
        QString defaultLanguage = QStringLiteral("th");
        QStringList languages = {QStringLiteral("th"), QStringLiteral("en")};
        int idleTimeoutMs = 90000;
        int idleWarningMs = 20000;
        bool fullscreen = true;
        double textScale = 1.0;
        bool highContrast = false;
        QString kioskId;
    };

    explicit Shell(Options options, QObject* parent = nullptr);

    // QML singleton factory: returns the instance registered with setInstance().
    static Shell* create(QQmlEngine* qmlEngine, QJSEngine* jsEngine);
    static void setInstance(Shell* shell);
    static Shell* instance();

    // Installs input monitoring on the application and hooks retranslation.
    void attach(QQmlEngine* engine);

    Screen screen() const { return m_screen; }
    QString screenName() const;
    QString language() const { return m_localizer.language(); }
    QStringList languages() const { return m_options.languages; }
    bool idleWarning() const { return m_idle.isWarning(); }
    int idleSecondsLeft() const { return m_idle.secondsLeft(); }
    bool fullscreen() const { return m_options.fullscreen; }
    double textScale() const { return m_textScale; }
    bool highContrast() const { return m_highContrast; }
    QString kioskId() const { return m_options.kioskId; }
    QString version() const { return QStringLiteral(KIOSK_VERSION); }
    bool virtualKeyboard() const {
        return qEnvironmentVariable("QT_IM_MODULE") == QLatin1String("qtvirtualkeyboard");
    }

    IdleMonitor& idleMonitor() { return m_idle; }

    Q_INVOKABLE bool setLanguage(const QString& language);
    // Attract -> insert card.
    Q_INVOKABLE void start();
    // Citizen cancels: the session ends and the next citizen starts fresh.
    Q_INVOKABLE void cancel();
    // Answer to "are you still there?".
    Q_INVOKABLE void stillHere();
    // The citizen's display choices for this session (reset when it ends).
    // The scale is clamped to 1.0 .. 1.6 so every screen still fits.
    Q_INVOKABLE void setTextScale(double scale);
    Q_INVOKABLE void setHighContrast(bool on);
    // The session ended elsewhere (card pulled, finished): back to the attract screen.
    void returnToAttract(const QString& reason);

signals:
    void screenChanged();
    void languageChanged();
    void displayChanged();
    // The attract screen was touched: a session begins.
    void startRequested();
    void idleWarningChanged();
    void idleSecondsLeftChanged();
    // The session was wiped; reason is "cancel" or "idle".
    void sessionEnded(const QString& reason);

private:
    void endSession(const QString& reason);
    void setScreen(Screen screen);

    Options m_options;
    Screen m_screen = Screen::Attract;
    double m_textScale = 1.0;
    bool m_highContrast = false;
    Localizer m_localizer;
    IdleMonitor m_idle;
};

}  // namespace kiosk::ui
