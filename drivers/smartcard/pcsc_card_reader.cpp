#include "pcsc_card_reader.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcCardReader, "kiosk.drivers.smartcard", QtInfoMsg)

namespace kiosk::card {

Result<const PcscContext*, CardError> PcscCardReader::context() {
    if (!m_context) {
        auto ctx = PcscContext::establish();
        if (!ctx) {
            return fail(ctx.error());
        }
        m_context = std::move(*ctx);
    }
    return static_cast<const PcscContext*>(m_context.get());
}

Result<QStringList, CardError> PcscCardReader::readers() {
    auto ctx = context();
    if (!ctx) {
        return fail(ctx.error());
    }
    auto list = (*ctx)->readers();
    if (!list && list.error().code == CardError::Code::NoService) {
        m_context.reset();  // pcscd restarted: the next call makes a new context
    }
    return list;
}

Result<QStringList, CardError> PcscCardReader::readersWithCard() {
    auto list = readers();
    if (!list) {
        return list;
    }
    auto states = m_context->states(*list);
    if (!states) {
        return fail(states.error());
    }
    QStringList out;
    for (const auto& s : *states) {
        if (s.present) {
            out.append(s.reader);
        }
    }
    return out;
}

Result<CardData, CardError> PcscCardReader::read(const QString& reader, const ReadOptions& options,
                                                 ApduStats* stats) {
    QString name = reader;
    if (name.isEmpty()) {
        auto withCard = readersWithCard();
        if (!withCard) {
            return fail(withCard.error());
        }
        if (withCard->isEmpty()) {
            return fail(
                makeError(CardError::Code::NoCard, QStringLiteral("no reader holds a card")));
        }
        name = withCard->first();
    }
    auto ctx = context();
    if (!ctx) {
        return fail(ctx.error());
    }
    auto card = (*ctx)->connect(name);
    if (!card) {
        if (card.error().code == CardError::Code::NoService) {
            m_context.reset();  // pcscd restarted: the next call makes a new context
        }
        return fail(card.error());
    }
    qCDebug(lcCardReader).noquote() << "reading card in" << name;
    auto data = readThaiId(**card, options, stats);
    if (!data) {
        qCInfo(lcCardReader).noquote() << "card read failed:" << data.error().summary();
    }
    return data;
}

}  // namespace kiosk::card
