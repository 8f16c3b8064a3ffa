#include "journey_worker.h"

#include <QMetaObject>
#include <QSemaphore>
#include <memory>

namespace kiosk::journey {

JourneyWorker::JourneyWorker(const QString& name) : m_thread(new QThread), m_anchor(new QObject) {
    m_thread->setObjectName(name);
    m_anchor->moveToThread(m_thread);
    QObject::connect(m_thread, &QThread::finished, m_anchor, &QObject::deleteLater);
    m_thread->start();
}

JourneyWorker::~JourneyWorker() {
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

void JourneyWorker::post(std::function<void()> job) {
    QMetaObject::invokeMethod(m_anchor, std::move(job), Qt::QueuedConnection);
}

bool JourneyWorker::runAndWait(std::function<void()> job, int timeoutMs) {
    auto done = std::make_shared<QSemaphore>();
    post([job = std::move(job), done] {
        job();
        done->release();
    });
    return done->tryAcquire(1, timeoutMs);
}

void JourneyWorker::postTo(QObject* context, std::function<void()> fn) {
    QPointer<QObject> guard(context);
    QMetaObject::invokeMethod(
        context,
        [guard, fn = std::move(fn)] {
            if (guard) {
                fn();
            }
        },
        Qt::QueuedConnection);
}

}  // namespace kiosk::journey
