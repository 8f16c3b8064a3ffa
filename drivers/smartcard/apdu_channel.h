// The protocol layer: turns the card's T=0 conventions into plain
// request/response exchanges and enforces the time limits.
//
//   61xx -> GET RESPONSE (00 C0 00 P2 xx), P2 = 01 for cards whose ATR starts
//           3B 67 (that card family wants it), 00 for every other card
//   6Cxx -> the same command again with Le = xx
//   other non-9000 status words -> returned to the caller, which maps them
//
// Every exchange is counted (APDUs, bytes) for the benchmark, and traced on
// kiosk.drivers.smartcard.apdu at debug level without any data bytes.
#pragma once

#include "apdu.h"
#include "card_transport.h"

#include <QList>
#include <QLoggingCategory>
#include <chrono>

Q_DECLARE_LOGGING_CATEGORY(lcCardApdu)  // kiosk.drivers.smartcard.apdu

namespace kiosk::card {

struct ApduStats {
    int apdus = 0;  // command APDUs sent, GET RESPONSE and resends included
    qint64 bytesSent = 0;
    qint64 bytesReceived = 0;  // including status words
};

class ApduChannel {
public:
    using Clock = std::chrono::steady_clock;

    explicit ApduChannel(CardTransport& transport);

    // Per-APDU limit and the absolute deadline of the whole operation.
    void setLimits(std::chrono::milliseconds perApdu, Clock::time_point deadline);

    // Whether a 61xx answer is worth a GET RESPONSE: SELECT's FCI is not needed,
    // so skipping it saves one APDU per read.
    enum class Want { Data, StatusOnly };

    // Sends `command`, following 61xx and 6Cxx, and returns the final response
    // (whatever its status word). Transport failures and timeouts are errors.
    Result<apdu::Response, CardError> exchange(const QByteArray& command, Want want = Want::Data);

    // exchange() that also requires success (9000, or 61xx with Want::StatusOnly).
    Result<QByteArray, CardError> exchangeOk(const QByteArray& command, const QString& context,
                                             Want want = Want::Data);

    // P2 of GET RESPONSE for this card.
    quint8 getResponseP2() const { return m_getResponseP2; }
    const ApduStats& stats() const { return m_stats; }
    // Commands sent (no response data), for replaying the sequence in the benchmark.
    void recordCommands(QList<QByteArray>* into) { m_record = into; }

private:
    Result<apdu::Response, CardError> transmitOnce(const QByteArray& command);

    CardTransport& m_transport;
    quint8 m_getResponseP2 = 0;
    std::chrono::milliseconds m_perApdu{3000};
    Clock::time_point m_deadline = Clock::time_point::max();
    ApduStats m_stats;
    QList<QByteArray>* m_record = nullptr;
    QByteArray m_lastSent;
};

// True for the card family whose ATR starts 3B 67 (GET RESPONSE with P2 = 01).
bool wantsGetResponseP2One(QByteArrayView atr);

}  // namespace kiosk::card
