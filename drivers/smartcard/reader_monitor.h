// Watches pcscd for readers coming and going and cards being inserted and
// removed. A worker thread blocks in SCardGetStatusChange (with a timeout, so
// it also notices a stop request on its own) and stop() interrupts it at once
// with SCardCancel. Signals arrive in the receiver's thread (queued).
#pragma once

#include "card_error.h"

#include <QByteArray>
#include <QObject>
#include <QStringList>
#include <atomic>
#include <memory>
#include <mutex>

class QThread;

namespace kiosk::card {

class PcscContext;

class ReaderMonitor : public QObject {
    Q_OBJECT
public:
    explicit ReaderMonitor(QObject* parent = nullptr);
    ~ReaderMonitor() override;

    // Starts the worker; cards already inserted are reported as inserted.
    void start();
    // Interrupts the worker and waits for it. Safe to call twice.
    void stop();
    bool isRunning() const;

    // How long one SCardGetStatusChange waits before looking at the stop flag.
    void setPollTimeoutMs(int ms) { m_pollMs = ms; }

signals:
    void readersChanged(const QStringList& readers);
    void cardInserted(const QString& reader, const QByteArray& atr);
    void cardRemoved(const QString& reader);
    // pcscd went away (NoService) or came back; the worker keeps retrying.
    void serviceAvailableChanged(bool available);

private:
    void run();
    bool watch(const PcscContext& context);

    QThread* m_thread = nullptr;
    std::atomic<bool> m_stopping{false};
    std::mutex m_contextMutex;  // guards m_context against release during stop()'s cancel
    const PcscContext* m_context = nullptr;
    int m_pollMs = 1000;
};

}  // namespace kiosk::card
