// One long-lived worker thread for blocking part work (PC/SC reads, vision,
// HTTPS calls that block on a local event loop). Objects with thread
// affinity (a PC/SC context, a QNetworkAccessManager, an SQLite connection)
// are made and used on this thread only, so the thread never changes.
#pragma once

#include <QObject>
#include <QPointer>
#include <QThread>
#include <functional>

namespace kiosk::journey {

class JourneyWorker {
public:
    explicit JourneyWorker(const QString& name);
    ~JourneyWorker();  // finishes the job running, drops the queued ones
    JourneyWorker(const JourneyWorker&) = delete;
    JourneyWorker& operator=(const JourneyWorker&) = delete;

    // Runs `job` on the worker thread, after the jobs posted before it.
    void post(std::function<void()> job);
    // Runs `job` on the worker after everything posted before it and waits
    // for it (at most `timeoutMs`): lets an object that jobs refer to leave
    // safely once it told its jobs to stop. Never call it from the worker.
    bool runAndWait(std::function<void()> job, int timeoutMs = 15000);
    QThread* thread() const { return m_thread; }

    // Runs `fn` on `context`'s thread unless `context` is gone by then.
    static void postTo(QObject* context, std::function<void()> fn);

private:
    QThread* m_thread;
    QObject* m_anchor;  // lives on m_thread: queued jobs are its events
};

}  // namespace kiosk::journey
