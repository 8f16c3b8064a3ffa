// Spoken prompts through espeak-ng (Debian package espeak-ng, which has a
// Thai voice "th"). One utterance at a time: a new prompt cuts the last one
// off, so the citizen never hears stale instructions.
#pragma once

#include "journey_ports.h"

#include <QObject>
#include <QPointer>
#include <QProcess>

namespace kiosk::ui {

class EspeakSpeaker : public QObject, public journey::Speaker {
    Q_OBJECT
public:
    explicit EspeakSpeaker(QString program = QStringLiteral("espeak-ng"),
                           QObject* parent = nullptr);

    // False when the program is not installed: prompts are then shown only.
    bool available() const;
    // The espeak-ng voice for a UI language ("th" -> "th", anything else -> "en").
    static QString voiceFor(const QString& language);
    // The arguments used for one utterance (tested without a sound card).
    static QStringList arguments(const QString& text, const QString& language);

    void say(const QString& text, const QString& language) override;
    void stop() override;

private:
    QString m_program;
    QPointer<QProcess> m_current;
};

}  // namespace kiosk::ui
