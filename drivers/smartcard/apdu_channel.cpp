#include "apdu_channel.h"

#include "cid.h"
#include "secure_wipe.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcCardApdu, "kiosk.drivers.smartcard.apdu", QtWarningMsg)

namespace kiosk::card {

namespace {
// A card that keeps answering 61xx/6Cxx must not keep us busy forever.
constexpr int kMaxFollowUps = 32;
}  // namespace

bool wantsGetResponseP2One(QByteArrayView atr) {
    return atr.size() >= 2 && static_cast<quint8>(atr[0]) == 0x3B &&
           static_cast<quint8>(atr[1]) == 0x67;
}

ApduChannel::ApduChannel(CardTransport& transport)
    : m_transport(transport),
      m_getResponseP2(wantsGetResponseP2One(transport.atr()) ? 0x01 : 0x00) {}

void ApduChannel::setLimits(std::chrono::milliseconds perApdu, Clock::time_point deadline) {
    m_perApdu = perApdu;
    m_deadline = deadline;
}

Result<apdu::Response, CardError> ApduChannel::transmitOnce(const QByteArray& command) {
    const auto start = Clock::now();
    if (start >= m_deadline) {
        return fail(
            makeError(CardError::Code::Timeout, QStringLiteral("the card read took too long")));
    }
    if (lcCardApdu().isDebugEnabled()) {
        // Headers only: data bytes may be personal. maskInText is a second line of defence.
        qCDebug(lcCardApdu).noquote()
            << kiosk::cid::maskInText(QStringLiteral("> ") + apdu::redactCommand(command));
    }
    if (m_record) {
        m_record->append(command);
    }
    m_lastSent = command;
    ++m_stats.apdus;
    m_stats.bytesSent += command.size();
    auto raw = m_transport.transmit(command);
    const auto elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    if (!raw) {
        return fail(raw.error());
    }
    m_stats.bytesReceived += raw->size();
    // PC/SC has no per-call timeout: a slow answer is detected when it arrives.
    if (elapsed > m_perApdu) {
        return fail(makeError(CardError::Code::Timeout,
                              QStringLiteral("the card took %1 ms to answer one APDU (limit %2 ms)")
                                  .arg(elapsed.count())
                                  .arg(m_perApdu.count())));
    }
    auto response = apdu::parseResponse(*raw);
    secureWipe(*raw);  // the parsed copy travels on; this one may hold personal data
    if (response && lcCardApdu().isDebugEnabled()) {
        qCDebug(lcCardApdu).noquote() << QStringLiteral("< %1 data byte(s) SW=%2 in %3 ms")
                                             .arg(response->data.size())
                                             .arg(response->sw, 4, 16, QLatin1Char('0'))
                                             .arg(elapsed.count());
    }
    return response;
}

Result<apdu::Response, CardError> ApduChannel::exchange(const QByteArray& command, Want want) {
    auto response = transmitOnce(command);
    QByteArray data;
    for (int step = 0; response; ++step) {
        if (step >= kMaxFollowUps) {
            return fail(makeError(CardError::Code::Protocol,
                                  QStringLiteral("card keeps asking for follow-up commands")));
        }
        const quint8 sw1 = response->sw1();
        if (sw1 == apdu::kSw1MoreData) {
            if (want == Want::StatusOnly) {
                return apdu::Response{{}, apdu::kSwOk};
            }
            data += response->data;
            // SW2 = 00 means 256 bytes in short APDUs; Le = 00 asks for exactly that.
            response = transmitOnce(apdu::getResponse(m_getResponseP2, response->sw2()));
            continue;
        }
        if (sw1 == apdu::kSw1WrongLe) {
            // Resend the command that got 6Cxx (a GET RESPONSE when we are chaining).
            response = transmitOnce(apdu::withLe(m_lastSent, response->sw2()));
            continue;
        }
        response->data.prepend(data);
        secureWipe(data);
        return response;
    }
    return response;
}

Result<QByteArray, CardError> ApduChannel::exchangeOk(const QByteArray& command,
                                                      const QString& context, Want want) {
    auto response = exchange(command, want);
    if (!response) {
        return fail(response.error());
    }
    if (!response->ok()) {
        return fail(apdu::errorForSw(response->sw, context));
    }
    return std::move(response->data);
}

}  // namespace kiosk::card
