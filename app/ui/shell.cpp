#include "shell.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QPointer>

#include <algorithm>

Q_LOGGING_CATEGORY(lcUiShell, "kiosk.ui.shell")

namespace kiosk::ui {

namespace {
QPointer<Shell> g_instance;
}

Shell::Shell(Options options, QObject* parent)
    : QObject(parent),
      m_options(std::move(options)),
      m_textScale(m_options.textScale),
      m_highContrast(m_options.highContrast) {
    m_idle.setTimeouts(m_options.idleTimeoutMs, m_options.idleWarningMs);
    connect(&m_idle, &IdleMonitor::warningChanged, this, &Shell::idleWarningChanged);
    connect(&m_idle, &IdleMonitor::secondsLeftChanged, this, &Shell::idleSecondsLeftChanged);
    connect(&m_idle, &IdleMonitor::expired, this, [this] { endSession(QStringLiteral("idle")); });
    if (!m_localizer.setLanguage(m_options.defaultLanguage)) {
        qCWarning(lcUiShell) << "no catalogue for default language" << m_options.defaultLanguage;
    }
}

Shell* Shell::create(QQmlEngine* qmlEngine, QJSEngine*) {
    Q_ASSERT_X(g_instance, "Shell::create", "Shell::setInstance() must run before QML loads");
    QJSEngine::setObjectOwnership(g_instance, QJSEngine::CppOwnership);
    g_instance->attach(qmlEngine);
    return g_instance;
}

void Shell::setInstance(Shell* shell) {
    g_instance = shell;
}

Shell* Shell::instance() {
    return g_instance;
}

void Shell::attach(QQmlEngine* engine) {
    m_localizer.setEngine(engine);
    if (auto* app = QCoreApplication::instance()) {
        app->removeEventFilter(&m_idle);
        app->installEventFilter(&m_idle);
    }
}

QString Shell::screenName() const {
    switch (m_screen) {
        case Screen::Attract:
            return QStringLiteral("attract");
        case Screen::InsertCard:
            return QStringLiteral("insert_card");
    }
    return QStringLiteral("unknown");
}

bool Shell::setLanguage(const QString& language) {
    if (!m_options.languages.contains(language)) {
        qCWarning(lcUiShell) << "language not enabled in configuration:" << language;
        return false;
    }
    if (language == m_localizer.language()) {
        return true;
    }
    if (!m_localizer.setLanguage(language)) {
        qCWarning(lcUiShell) << "no translation catalogue for" << language;
        return false;
    }
    qCInfo(lcUiShell) << "language" << language;
    emit languageChanged();
    return true;
}

void Shell::start() {
    if (m_screen == Screen::Attract) {
        setScreen(Screen::InsertCard);
        emit startRequested();
    }
}

void Shell::setTextScale(double scale) {
    scale = std::clamp(scale, 1.0, 1.6);
    if (!qFuzzyCompare(scale, m_textScale)) {
        m_textScale = scale;
        emit displayChanged();
    }
}

void Shell::setHighContrast(bool on) {
    if (on != m_highContrast) {
        m_highContrast = on;
        emit displayChanged();
    }
}

void Shell::returnToAttract(const QString& reason) {
    if (m_screen != Screen::Attract) {
        endSession(reason);
    }
}

void Shell::cancel() {
    endSession(QStringLiteral("cancel"));
}

void Shell::stillHere() {
    m_idle.poke();
}

void Shell::endSession(const QString& reason) {
    qCInfo(lcUiShell) << "session ended:" << reason;
    setScreen(Screen::Attract);
    // The next citizen meets the kiosk in its default language.
    setLanguage(m_options.defaultLanguage);
    // Display choices were this citizen's, not the next one's.
    if (!qFuzzyCompare(m_textScale, m_options.textScale) ||
        m_highContrast != m_options.highContrast) {
        m_textScale = m_options.textScale;
        m_highContrast = m_options.highContrast;
        emit displayChanged();
    }
    emit sessionEnded(reason);
}

void Shell::setScreen(Screen screen) {
    if (screen == m_screen) {
        return;
    }
    m_screen = screen;
    m_idle.setActive(screen != Screen::Attract);
    emit screenChanged();
}

}  // namespace kiosk::ui
