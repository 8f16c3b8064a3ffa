#include "pcsc.h"

#include <QThread>
#include <chrono>
#include <thread>

namespace kiosk::card {

namespace {

QString describe(LONG rv) {
    return QString::fromLatin1(pcsc_stringify_error(rv));
}

// SCardListReaders' multi-string: names separated by NUL, ended by an empty name.
QStringList splitMultiString(const char* buffer, DWORD length) {
    QStringList out;
    const char* p = buffer;
    const char* end = buffer + length;
    while (p < end && *p != '\0') {
        const QString name = QString::fromUtf8(p);
        out.append(name);
        p += qstrlen(p) + 1;
    }
    return out;
}

}  // namespace

CardError pcscError(LONG rv, const QString& context) {
    using C = CardError::Code;
    C code = C::Transport;
    switch (rv) {
        case SCARD_E_NO_SERVICE:
        case SCARD_E_SERVICE_STOPPED:
            code = C::NoService;
            break;
        case SCARD_E_UNKNOWN_READER:
        case SCARD_E_NO_READERS_AVAILABLE:
        case SCARD_E_READER_UNAVAILABLE:
            code = C::NoReader;
            break;
        case SCARD_E_NO_SMARTCARD:
            code = C::NoCard;
            break;
        case SCARD_W_REMOVED_CARD:
            code = C::CardRemoved;
            break;
        case SCARD_W_RESET_CARD:
            code = C::CardReset;
            break;
        case SCARD_E_SHARING_VIOLATION:
            code = C::SharingViolation;
            break;
        case SCARD_E_TIMEOUT:
            code = C::Timeout;
            break;
        case SCARD_E_CANCELLED:
            code = C::Cancelled;
            break;
        default:
            break;
    }
    return makeError(code, QStringLiteral("%1: %2").arg(context, describe(rv)), 0,
                     static_cast<long>(rv));
}

Result<std::unique_ptr<PcscContext>, CardError> PcscContext::establish() {
    SCARDCONTEXT ctx = 0;
    const LONG rv = SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &ctx);
    if (rv != SCARD_S_SUCCESS) {
        return fail(pcscError(rv, QStringLiteral("cannot reach pcscd")));
    }
    return std::unique_ptr<PcscContext>(new PcscContext(ctx));
}

PcscContext::~PcscContext() {
    SCardReleaseContext(m_ctx);
}

void PcscContext::cancel() const {
    SCardCancel(m_ctx);
}

Result<QStringList, CardError> PcscContext::readers() const {
    DWORD length = 0;
    LONG rv = SCardListReaders(m_ctx, nullptr, nullptr, &length);
    if (rv == SCARD_E_NO_READERS_AVAILABLE) {
        return QStringList();
    }
    if (rv != SCARD_S_SUCCESS) {
        return fail(pcscError(rv, QStringLiteral("cannot list readers")));
    }
    QByteArray buffer(static_cast<qsizetype>(length), '\0');
    rv = SCardListReaders(m_ctx, nullptr, buffer.data(), &length);
    if (rv == SCARD_E_NO_READERS_AVAILABLE) {
        return QStringList();
    }
    if (rv != SCARD_S_SUCCESS) {
        return fail(pcscError(rv, QStringLiteral("cannot list readers")));
    }
    return splitMultiString(buffer.constData(), length);
}

Result<QList<PcscContext::ReaderState>, CardError> PcscContext::states(
    const QStringList& readers) const {
    QList<QByteArray> names;
    std::vector<SCARD_READERSTATE> rs(static_cast<size_t>(readers.size()));
    for (qsizetype i = 0; i < readers.size(); ++i) {
        names.append(readers[i].toUtf8());
    }
    for (size_t i = 0; i < rs.size(); ++i) {
        rs[i] = {};
        rs[i].szReader = names[static_cast<qsizetype>(i)].constData();
        rs[i].dwCurrentState = SCARD_STATE_UNAWARE;
    }
    QList<ReaderState> out;
    if (rs.empty()) {
        return out;
    }
    const LONG rv = SCardGetStatusChange(m_ctx, 0, rs.data(), static_cast<DWORD>(rs.size()));
    if (rv != SCARD_S_SUCCESS && rv != SCARD_E_TIMEOUT) {
        return fail(pcscError(rv, QStringLiteral("cannot read reader states")));
    }
    for (size_t i = 0; i < rs.size(); ++i) {
        ReaderState s;
        s.reader = readers[static_cast<qsizetype>(i)];
        s.present =
            (rs[i].dwEventState & SCARD_STATE_PRESENT) && !(rs[i].dwEventState & SCARD_STATE_MUTE);
        s.inUse = rs[i].dwEventState & SCARD_STATE_EXCLUSIVE;
        s.atr = QByteArray(reinterpret_cast<const char*>(rs[i].rgbAtr),
                           static_cast<qsizetype>(rs[i].cbAtr));
        out.append(s);
    }
    return out;
}

Result<std::unique_ptr<PcscCard>, CardError> PcscContext::connect(const QString& reader) const {
    SCARDHANDLE card = 0;
    DWORD protocol = 0;
    const QByteArray name = reader.toUtf8();
    const LONG rv = SCardConnect(m_ctx, name.constData(), SCARD_SHARE_EXCLUSIVE,
                                 SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &card, &protocol);
    if (rv != SCARD_S_SUCCESS) {
        return fail(
            pcscError(rv, QStringLiteral("cannot connect to the card in \"%1\"").arg(reader)));
    }
    return std::make_unique<PcscCard>(m_ctx, card, protocol, reader);
}

PcscCard::PcscCard(SCARDCONTEXT ctx, SCARDHANDLE card, DWORD protocol, QString reader)
    : m_ctx(ctx), m_card(card), m_protocol(protocol), m_reader(std::move(reader)) {
    refreshAtr();
}

PcscCard::~PcscCard() {
    SCardDisconnect(m_card, SCARD_LEAVE_CARD);
}

void PcscCard::refreshAtr() {
    BYTE atr[MAX_ATR_SIZE];
    DWORD atrLen = sizeof atr;
    DWORD state = 0;
    DWORD protocol = 0;
    DWORD nameLen = 0;
    if (SCardStatus(m_card, nullptr, &nameLen, &state, &protocol, atr, &atrLen) ==
        SCARD_S_SUCCESS) {
        m_atr = QByteArray(reinterpret_cast<const char*>(atr), static_cast<qsizetype>(atrLen));
    }
}

Protocol PcscCard::protocol() const {
    switch (m_protocol) {
        case SCARD_PROTOCOL_T0:
            return Protocol::T0;
        case SCARD_PROTOCOL_T1:
            return Protocol::T1;
        default:
            return Protocol::Other;
    }
}

Result<QByteArray, CardError> PcscCard::transmit(const QByteArray& command) {
    const SCARD_IO_REQUEST* pci = m_protocol == SCARD_PROTOCOL_T1 ? SCARD_PCI_T1 : SCARD_PCI_T0;
    QByteArray response(258 + 2, '\0');  // short APDUs: at most 256 data bytes + SW
    DWORD length = static_cast<DWORD>(response.size());
    const LONG rv = SCardTransmit(m_card, pci, reinterpret_cast<const BYTE*>(command.constData()),
                                  static_cast<DWORD>(command.size()), nullptr,
                                  reinterpret_cast<BYTE*>(response.data()), &length);
    if (rv == SCARD_S_SUCCESS) {
        response.truncate(static_cast<qsizetype>(length));
        // Some drivers (vpcd among them) report a card that vanished mid-APDU
        // as an empty answer rather than an error.
        if (response.isEmpty() && cardGone(1500)) {
            return fail(makeError(CardError::Code::CardRemoved,
                                  QStringLiteral("the card was removed during the read")));
        }
        return response;
    }
    if (rv != SCARD_W_RESET_CARD && rv != SCARD_W_REMOVED_CARD && cardGone(1500)) {
        return fail(makeError(CardError::Code::CardRemoved,
                              QStringLiteral("the card was removed during the read"), 0,
                              static_cast<long>(rv)));
    }
    return fail(pcscError(rv, QStringLiteral("transmit failed")));
}

bool PcscCard::cardGone(int waitMs) const {
    using namespace std::chrono;
    const auto until = steady_clock::now() + milliseconds(waitMs);
    do {
        DWORD state = 0;
        DWORD protocol = 0;
        DWORD nameLen = 0;
        DWORD atrLen = 0;
        const LONG rv = SCardStatus(m_card, nullptr, &nameLen, &state, &protocol, nullptr, &atrLen);
        if (rv == SCARD_W_REMOVED_CARD || rv == SCARD_E_NO_SMARTCARD ||
            rv == SCARD_E_READER_UNAVAILABLE ||
            (rv == SCARD_S_SUCCESS && !(state & SCARD_PRESENT))) {
            return true;
        }
        std::this_thread::sleep_for(milliseconds(50));
    } while (steady_clock::now() < until);
    return false;
}

Result<void, CardError> PcscCard::reconnect() {
    DWORD protocol = 0;
    const LONG rv =
        SCardReconnect(m_card, SCARD_SHARE_EXCLUSIVE, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1,
                       SCARD_LEAVE_CARD, &protocol);
    if (rv != SCARD_S_SUCCESS) {
        return fail(pcscError(rv, QStringLiteral("cannot reconnect after a reset")));
    }
    m_protocol = protocol;
    refreshAtr();
    return {};
}

}  // namespace kiosk::card
