// Walks the kiosk's screens without a person: used by the demo when there is
// no display, and by the UI tests. Each step acts on the Shell, waits for the
// scene to render, saves a screenshot and appends to a JSON run log.
#pragma once

#include <QElapsedTimer>
#include <QJsonArray>
#include <QObject>
#include <QPointer>
#include <QQuickWindow>
#include <functional>

namespace kiosk::ui {

class Shell;

class Autopilot : public QObject {
    Q_OBJECT
public:
    Autopilot(QQuickWindow* window, Shell* shell, QString outDir, QObject* parent = nullptr);

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
        // Optional: the step is ready when this signal-driven predicate holds.
        std::function<bool()> ready;
    };

    void runNext();
    void capture(const Step& step);
    void finish(bool ok, const QString& reason = {});

    QPointer<QQuickWindow> m_window;
    QPointer<Shell> m_shell;
    QString m_outDir;
    QList<Step> m_steps;
    qsizetype m_next = 0;
    QJsonArray m_log;
    QElapsedTimer m_clock;
    bool m_ok = true;
    QList<std::pair<QString, std::function<QJsonValue()>>> m_runInfo;
};

}  // namespace kiosk::ui
