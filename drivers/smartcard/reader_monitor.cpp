#include "reader_monitor.h"

#include "pcsc.h"

#include <QLoggingCategory>
#include <QThread>
#include <map>
#include <vector>

Q_LOGGING_CATEGORY(lcCardMonitor, "kiosk.drivers.smartcard.monitor", QtInfoMsg)

namespace kiosk::card {

namespace {
// pcsc-lite's pseudo reader that changes whenever a reader is added or removed.
constexpr char kPnpReader[] = "\\\\?PnP?\\Notification";
constexpr int kRetryServiceMs = 500;
}  // namespace

ReaderMonitor::ReaderMonitor(QObject* parent) : QObject(parent) {}

ReaderMonitor::~ReaderMonitor() {
    stop();
}

void ReaderMonitor::start() {
    if (m_thread) {
        return;
    }
    m_stopping = false;
    m_thread = QThread::create([this] { run(); });
    m_thread->setObjectName(QStringLiteral("card-monitor"));
    m_thread->start();
}

void ReaderMonitor::stop() {
    if (!m_thread) {
        return;
    }
    m_stopping = true;
    {
        // SCardCancel is the one PC/SC call that may cross threads; the mutex
        // keeps the worker from releasing the context meanwhile.
        std::lock_guard lock(m_contextMutex);
        if (m_context) {
            m_context->cancel();
        }
    }
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

bool ReaderMonitor::isRunning() const {
    return m_thread && m_thread->isRunning();
}

void ReaderMonitor::run() {
    bool available = true;
    bool first = true;
    while (!m_stopping) {
        auto ctx = PcscContext::establish();
        if (!ctx) {
            if (available || first) {
                qCWarning(lcCardMonitor).noquote() << ctx.error().summary();
                emit serviceAvailableChanged(false);
            }
            available = false;
            first = false;
            QThread::msleep(kRetryServiceMs);
            continue;
        }
        if (!available) {
            emit serviceAvailableChanged(true);
        }
        available = true;
        first = false;
        {
            std::lock_guard lock(m_contextMutex);
            m_context = ctx->get();
        }
        const bool serviceLost = watch(**ctx);
        {
            std::lock_guard lock(m_contextMutex);
            m_context = nullptr;
        }
        ctx->reset();
        if (serviceLost && !m_stopping) {
            emit serviceAvailableChanged(false);
            available = false;
            QThread::msleep(kRetryServiceMs);
        }
    }
}

// Returns true when pcscd went away (the caller re-establishes the context).
bool ReaderMonitor::watch(const PcscContext& context) {
    std::map<QString, bool> present;     // reader -> card present, as last reported
    std::map<QString, DWORD> lastState;  // reader -> pcscd's last event state
    DWORD pnpState = 0;
    QStringList readers;
    bool relist = true;
    bool announced = false;
    while (!m_stopping) {
        if (relist) {
            auto list = context.readers();
            if (!list) {
                return list.error().code == CardError::Code::NoService;
            }
            for (auto it = present.begin(); it != present.end();) {
                if (!list->contains(it->first)) {
                    if (it->second) {
                        emit cardRemoved(it->first);
                    }
                    lastState.erase(it->first);
                    it = present.erase(it);
                } else {
                    ++it;
                }
            }
            if (*list != readers || !announced) {
                readers = *list;
                announced = true;
                emit readersChanged(readers);
            }
            relist = false;
        }
        // Handing pcscd back the state it last reported makes the call block
        // until something really changes. Unknown readers start UNAWARE and
        // return at once, which reports cards already inserted.
        std::vector<QByteArray> names;
        std::vector<SCARD_READERSTATE> states(static_cast<size_t>(readers.size()) + 1);
        for (const QString& r : readers) {
            names.push_back(r.toUtf8());
        }
        names.emplace_back(kPnpReader);
        for (size_t i = 0; i < states.size(); ++i) {
            states[i] = {};
            states[i].szReader = names[i].constData();
            if (i + 1 == states.size()) {
                states[i].dwCurrentState = pnpState;
            } else {
                auto known = lastState.find(readers[static_cast<qsizetype>(i)]);
                states[i].dwCurrentState =
                    known == lastState.end() ? SCARD_STATE_UNAWARE : known->second;
            }
        }
        const LONG rv = SCardGetStatusChange(context.handle(), static_cast<DWORD>(m_pollMs),
                                             states.data(), static_cast<DWORD>(states.size()));
        if (rv == SCARD_E_TIMEOUT || rv == SCARD_E_CANCELLED) {
            continue;
        }
        if (rv == SCARD_E_NO_SERVICE || rv == SCARD_E_SERVICE_STOPPED) {
            qCWarning(lcCardMonitor) << "pcscd stopped";
            return true;
        }
        if (rv == SCARD_E_UNKNOWN_READER || rv == SCARD_E_READER_UNAVAILABLE) {
            relist = true;
            continue;
        }
        if (rv != SCARD_S_SUCCESS) {
            qCWarning(lcCardMonitor).noquote()
                << pcscError(rv, QStringLiteral("status change")).summary();
            QThread::msleep(static_cast<unsigned long>(m_pollMs));
            continue;
        }
        for (size_t i = 0; i + 1 < states.size(); ++i) {
            const SCARD_READERSTATE& s = states[i];
            const QString& reader = readers[static_cast<qsizetype>(i)];
            lastState[reader] = s.dwEventState & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
            if (s.dwEventState & (SCARD_STATE_UNKNOWN | SCARD_STATE_IGNORE)) {
                relist = true;
                continue;
            }
            const bool now =
                (s.dwEventState & SCARD_STATE_PRESENT) && !(s.dwEventState & SCARD_STATE_MUTE);
            auto it = present.find(reader);
            const bool before = it != present.end() && it->second;
            present[reader] = now;
            if (now && !before) {
                emit cardInserted(reader, QByteArray(reinterpret_cast<const char*>(s.rgbAtr),
                                                     static_cast<qsizetype>(s.cbAtr)));
            } else if (!now && before) {
                emit cardRemoved(reader);
            }
        }
        // The PnP pseudo reader changes when a reader is attached or detached.
        const DWORD pnpNow = states.back().dwEventState;
        if (pnpNow & SCARD_STATE_CHANGED) {
            relist = true;
        }
        pnpState = pnpNow & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
    }
    return false;
}

}  // namespace kiosk::card
