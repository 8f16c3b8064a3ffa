// The hardware seam below the protocol layer: one connected card that takes
// raw command APDUs and returns raw response APDUs. PC/SC implements it in
// production; tests use fakes and the virtual card directly.
#pragma once

#include "card_error.h"
#include "result.h"

#include <QByteArray>

namespace kiosk::card {

enum class Protocol { T0, T1, Other };

class CardTransport {
public:
    virtual ~CardTransport() = default;
    // Sends one command APDU; the response includes SW1 SW2.
    virtual Result<QByteArray, CardError> transmit(const QByteArray& command) = 0;
    virtual QByteArray atr() const = 0;
    virtual Protocol protocol() const = 0;
    // Re-establishes the session after another party reset the card.
    virtual Result<void, CardError> reconnect() = 0;
};

}  // namespace kiosk::card
