// Switches the UI language at run time through Qt's translation system.
// Source strings are English; Thai (the default) comes from i18n/kiosk_th.ts.
#pragma once

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QTranslator>
#include <memory>

namespace kiosk::ui {

class Localizer : public QObject {
    Q_OBJECT
public:
    explicit Localizer(QObject* parent = nullptr);

    void setEngine(QQmlEngine* engine) { m_engine = engine; }
    // "th" or "en". Returns false (and changes nothing) when no catalogue exists.
    bool setLanguage(const QString& language);
    QString language() const { return m_language; }

    // True when the catalogue for `language` is compiled into the binary.
    static bool hasCatalogue(const QString& language);

private:
    QPointer<QQmlEngine> m_engine;
    std::unique_ptr<QTranslator> m_translator;
    QString m_language = QStringLiteral("en");
};

}  // namespace kiosk::ui
