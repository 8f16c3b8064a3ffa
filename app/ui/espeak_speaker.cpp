#include "espeak_speaker.h"

#include <QLoggingCategory>
#include <QStandardPaths>

Q_LOGGING_CATEGORY(lcUiSpeaker, "kiosk.ui.speaker")

namespace kiosk::ui {

EspeakSpeaker::EspeakSpeaker(QString program, QObject* parent)
    : QObject(parent), m_program(std::move(program)) {}

bool EspeakSpeaker::available() const {
    return !QStandardPaths::findExecutable(m_program).isEmpty();
}

QString EspeakSpeaker::voiceFor(const QString& language) {
    return language == QLatin1String("th") ? QStringLiteral("th") : QStringLiteral("en");
}

QStringList EspeakSpeaker::arguments(const QString& text, const QString& language) {
    // A little slower than the default rate: easier for older citizens.
    return {QStringLiteral("-v"),  voiceFor(language),   QStringLiteral("-s"),
            QStringLiteral("140"), QStringLiteral("--"), text};
}

void EspeakSpeaker::say(const QString& text, const QString& language) {
    stop();
    if (text.isEmpty()) {
        return;
    }
    auto* process = new QProcess(this);
    process->setProgram(m_program);
    process->setArguments(arguments(text, language));
    process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    connect(process, &QProcess::finished, process, &QObject::deleteLater);
    connect(process, &QProcess::errorOccurred, process, [process](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            qCWarning(lcUiSpeaker) << "espeak-ng not available; prompts are shown only";
            process->deleteLater();
        }
    });
    m_current = process;
    process->start();
}

void EspeakSpeaker::stop() {
    if (m_current && m_current->state() != QProcess::NotRunning) {
        m_current->kill();
    }
    m_current = nullptr;
}

}  // namespace kiosk::ui
