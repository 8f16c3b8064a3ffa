// Spoken prompts: the espeak-ng voice per UI language, the command line,
// and that a missing program is reported rather than crashing the kiosk.
#include "espeak_speaker.h"

#include <QSignalSpy>
#include <QTest>

using kiosk::ui::EspeakSpeaker;

class TestEspeakSpeaker : public QObject {
    Q_OBJECT
private slots:
    void voiceFor_languages_thaiOrEnglish() {
        QCOMPARE(EspeakSpeaker::voiceFor(QStringLiteral("th")), QStringLiteral("th"));
        QCOMPARE(EspeakSpeaker::voiceFor(QStringLiteral("en")), QStringLiteral("en"));
        QCOMPARE(EspeakSpeaker::voiceFor(QStringLiteral("fr")), QStringLiteral("en"));
    }

    void arguments_text_afterDoubleDash() {
        // A prompt starting with '-' must never be read as an option.
        const QStringList args =
            EspeakSpeaker::arguments(QStringLiteral("-v xx"), QStringLiteral("th"));
        QCOMPARE(args.mid(0, 2), QStringList({QStringLiteral("-v"), QStringLiteral("th")}));
        QCOMPARE(args.at(args.size() - 2), QStringLiteral("--"));
        QCOMPARE(args.last(), QStringLiteral("-v xx"));
    }

    // espeak-ng is a declared dependency (install-deps.sh) with a Thai voice.
    void available_installed_true() {
        EspeakSpeaker speaker;
        QVERIFY2(speaker.available(), "espeak-ng missing: run kiosk-os/setup/install-deps.sh");
    }

    void say_missingProgram_noCrashAndUnavailable() {
        EspeakSpeaker speaker(QStringLiteral("/nonexistent/espeak-ng"));
        QVERIFY(!speaker.available());
        speaker.say(QStringLiteral("สวัสดี"), QStringLiteral("th"));
        QTest::qWait(100);
        speaker.stop();
    }
};

QTEST_GUILESS_MAIN(TestEspeakSpeaker)
#include "tst_espeak_speaker.moc"
