// CardReader over pcscd. Not thread-safe: use one instance per thread (a
// PC/SC context belongs to the thread that made it).
#pragma once

#include "card_reader.h"
#include "pcsc.h"

namespace kiosk::card {

class PcscCardReader : public CardReader {
public:
    Result<QStringList, CardError> readers() override;
    Result<QStringList, CardError> readersWithCard() override;
    Result<CardData, CardError> read(const QString& reader, const ReadOptions& options,
                                     ApduStats* stats = nullptr) override;

private:
    Result<const PcscContext*, CardError> context();
    std::unique_ptr<PcscContext> m_context;
};

}  // namespace kiosk::card
