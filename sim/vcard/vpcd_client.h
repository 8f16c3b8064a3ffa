// Connects a VirtualThaiIdCard to pcscd's vpcd driver over TCP, as the
// vsmartcard "vicc" side. Every message either way is a 2-byte big-endian
// length and a payload; a 1-byte payload from vpcd is a control code
// (00 power off, 01 power on, 02 reset, 04 send the ATR), anything longer a
// command APDU answered with the response APDU. Connecting inserts the card,
// closing the socket removes it.
#pragma once

#include "result.h"
#include "virtual_thai_id_card.h"

#include <atomic>
#include <memory>
#include <thread>

namespace kiosk::sim::vcard {

class VpcdClient {
public:
    explicit VpcdClient(VirtualThaiIdCard card) : m_card(std::move(card)) {}
    ~VpcdClient();

    // Connects to vpcd at 127.0.0.1:port, retrying until `timeoutMs` passes.
    Result<void, QString> connectTo(quint16 port, int timeoutMs = 5000);
    // Serves vpcd until it hangs up, stop() is called, or a profile removes
    // the card. Returns the reason it ended.
    QString serve();
    // Thread-safe: ends serve() and removes the card.
    void stop();

    int apduCount() const { return m_apdus.load(); }
    const VirtualThaiIdCard& card() const { return m_card; }

private:
    bool readExact(char* into, size_t n);
    bool writeMessage(const QByteArray& payload);
    void closeSocket();

    VirtualThaiIdCard m_card;
    std::atomic<int> m_fd{-1};
    std::atomic<bool> m_stopping{false};
    std::atomic<int> m_apdus{0};
};

// A virtual card inserted on a thread of its own, for tests and the benchmark.
class VirtualCardSession {
public:
    static Result<std::unique_ptr<VirtualCardSession>, QString> insert(VirtualThaiIdCard card,
                                                                       quint16 port,
                                                                       int timeoutMs = 5000);
    ~VirtualCardSession() { remove(); }
    // Removes the card (closes the socket) and joins the thread.
    void remove();
    bool finished() const { return m_finished.load(); }
    int apduCount() const { return m_client->apduCount(); }
    QString endReason() const;

private:
    VirtualCardSession() = default;
    std::unique_ptr<VpcdClient> m_client;
    std::thread m_thread;
    std::atomic<bool> m_finished{false};
    QString m_reason;
};

}  // namespace kiosk::sim::vcard
