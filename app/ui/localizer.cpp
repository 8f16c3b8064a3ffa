#include "localizer.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocale>

namespace kiosk::ui {

namespace {
QString cataloguePath(const QString& language) {
    return QStringLiteral(":/i18n/kiosk_%1.qm").arg(language);
}
}  // namespace

Localizer::Localizer(QObject* parent) : QObject(parent) {}

bool Localizer::hasCatalogue(const QString& language) {
    return language == QLatin1String("en") || QFile::exists(cataloguePath(language));
}

bool Localizer::setLanguage(const QString& language) {
    if (!hasCatalogue(language)) {
        return false;
    }
    if (m_translator) {
        QCoreApplication::removeTranslator(m_translator.get());
        m_translator.reset();
    }
    if (language != QLatin1String("en")) {
        auto translator = std::make_unique<QTranslator>();
        if (!translator->load(cataloguePath(language))) {
            return false;
        }
        QCoreApplication::installTranslator(translator.get());
        m_translator = std::move(translator);
    }
    m_language = language;
    QLocale::setDefault(QLocale(language == QLatin1String("th") ? QLocale::Thai : QLocale::English,
                                QLocale::Thailand));
    if (m_engine) {
        m_engine->retranslate();
    }
    return true;
}

}  // namespace kiosk::ui
