// The one interface the app and the tests use to read Thai ID cards.
// PcscCardReader implements it over pcscd; fakes implement it in UI tests.
#pragma once

#include "card_data.h"
#include "card_error.h"
#include "thai_id_applet.h"

#include <QStringList>

namespace kiosk::card {

class CardReader {
public:
    virtual ~CardReader() = default;

    // Every reader attached now.
    virtual Result<QStringList, CardError> readers() = 0;
    // The readers holding a card now, in reader-list order.
    virtual Result<QStringList, CardError> readersWithCard() = 0;
    // Reads the card in `reader` (empty: the first reader holding a card).
    // Blocking: call it from a worker thread. All or nothing.
    virtual Result<CardData, CardError> read(const QString& reader, const ReadOptions& options,
                                             ApduStats* stats = nullptr) = 0;
};

}  // namespace kiosk::card
