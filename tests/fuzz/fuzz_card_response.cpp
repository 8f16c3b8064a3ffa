// Feeds arbitrary bytes to everything that parses what a card sends: the
// TIS-620 decoder, the field decoders, response APDU parsing and a whole
// Thai ID read whose card answers come from the input. Every path must end
// in a value or an error, never a crash, hang or leak.
//
// Input: byte 0 = flags (bit 0 photo, bit 1 laser code, bit 2 "3B 67" ATR),
// then card answers, each as one length byte and that many bytes.
#include "apdu.h"
#include "card_data.h"
#include "thai_id_applet.h"
#include "thai_id_fields.h"
#include "tis620.h"

#include <cstdint>

using namespace kiosk;
using namespace kiosk::card;

namespace {

class FuzzTransport : public CardTransport {
public:
    FuzzTransport(QByteArrayView answers, bool atr3B67) : m_answers(answers), m_atr3B67(atr3B67) {}
    Result<QByteArray, CardError> transmit(const QByteArray&) override {
        if (m_answers.isEmpty()) {
            return fail(makeError(CardError::Code::CardRemoved, QStringLiteral("end of input")));
        }
        const auto len = static_cast<quint8>(m_answers[0]);
        const QByteArrayView answer =
            m_answers.sliced(1).first(std::min<qsizetype>(len, m_answers.size() - 1));
        m_answers = m_answers.sliced(1 + answer.size());
        if (len == 0xFF && answer.size() == 0) {
            return fail(makeError(CardError::Code::CardReset, QStringLiteral("reset")));
        }
        return answer.toByteArray();
    }
    QByteArray atr() const override {
        return m_atr3B67 ? QByteArray::fromHex("3B6700007320006C689000")
                         : QByteArray::fromHex("3B781800000073C84013009000");
    }
    Protocol protocol() const override { return Protocol::T0; }
    Result<void, CardError> reconnect() override { return {}; }

private:
    QByteArrayView m_answers;
    bool m_atr3B67;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArrayView bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));

    // Decoders on the raw input.
    const QString text = tis620::decode(bytes);
    if (text.size() != bytes.size()) {
        __builtin_trap();  // one character per byte, always
    }
    if (const auto back = tis620::encode(text)) {
        if (*back != bytes) {
            __builtin_trap();  // decode must be lossless where encode succeeds
        }
    }
    (void)parseName(decodeTextField(bytes));
    (void)parseAddress(decodeTextField(bytes));
    if (const auto d = parseBuddhistDate(bytes)) {
        if (!d->latestPossible().isValid()) {
            __builtin_trap();  // an accepted date is a real (possibly partial) date
        }
        (void)d->toIso();
    }
    (void)parseCid(bytes);
    (void)parseSex(bytes);
    (void)apdu::parseResponse(bytes);
    (void)isCompleteJpeg(trimJpegPadding(bytes.toByteArray()));

    // A whole read against a card that answers with the input.
    if (size >= 1) {
        ReadOptions options;
        options.photo = data[0] & 1;
        options.laserCode = data[0] & 2;
        FuzzTransport transport(bytes.sliced(1), data[0] & 4);
        ApduStats stats;
        const auto card = readThaiId(transport, options, &stats);
        if (card &&
            (card->cid.size() != 13 || (options.photo && !isCompleteJpeg(card->photoJpeg)))) {
            __builtin_trap();  // a returned identity is always complete
        }
    }
    return 0;
}
