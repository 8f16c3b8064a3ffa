// Walks the whole citizen journey without a person: used by the demo when
// there is no display, and by the UI tests. Each step acts on the Session
// (and on the in-process fakes standing in for the card, the camera and the
// portal), waits until the screen is the expected one, saves a screenshot and
// appends to a JSON run log with the time of every step and transition.
#pragma once

#include <QElapsedTimer>
#include <QJsonArray>
#include <QObject>
#include <QPointer>
#include <QQuickWindow>
#include <functional>

namespace kiosk::journey {
class FakeJourneyParts;
}

namespace kiosk::ui {

class Shell;
class Session;

// How the walk differs on the real parts (the fakes' knobs do not exist there).
struct AutopilotOptions {
    bool realParts = false;  // no staged failures; slower parts get longer to answer
    // The binding's one-time code (the fakes' fixed code when empty).
    std::function<QString()> bindingCode;
    std::function<bool()> demoMode;  // for run.json; the fakes' setting when empty
};

class Autopilot : public QObject {
    Q_OBJECT
public:
    // `full`: the whole journey in Thai and English; otherwise a short walk
    // (attract to insert card and back) for tests that only need a run.
    Autopilot(QQuickWindow* window, Shell* shell, Session* session,
              journey::FakeJourneyParts* fakes, QString outDir, bool full = true,
              AutopilotOptions options = {}, QObject* parent = nullptr);

    void start();
    QString runLogPath() const;
    // Extra facts for run.json, gathered when the run ends (e.g. outbox stats).
    void addRunInfo(const QString& key, std::function<QJsonValue()> value);

    // True when `image` has content: enough distinct colours and not one flat fill.
    static bool looksRendered(const QImage& image);

signals:
    void finished(bool ok);

private:
    struct Step {
        QString name;
        std::function<void()> action;
        // The step is ready when this holds (polled); then the screenshot is taken.
        std::function<bool()> ready;
        // After the screenshot: what is wrong with the screen, empty when right.
        std::function<QString()> check = {};
    };

    void buildJourney(const QString& language);
    void runNext();
    void capture(const Step& step);
    void finish(bool ok, const QString& reason = {});

    QPointer<QQuickWindow> m_window;
    QPointer<Shell> m_shell;
    QPointer<Session> m_session;
    journey::FakeJourneyParts* m_fakes;
    AutopilotOptions m_options;
    QString m_outDir;
    QList<Step> m_steps;
    qsizetype m_next = 0;
    QJsonArray m_log;
    QJsonArray m_transitions;
    QElapsedTimer m_clock;
    qint64 m_lastCapture = 0;
    qint64 m_cardInAt = -1;
    QJsonArray m_cardToIal;  // per language walk: ms from card in to IAL 2.3
    bool m_ok = true;
    QList<std::pair<QString, std::function<QJsonValue()>>> m_runInfo;
};

}  // namespace kiosk::ui
