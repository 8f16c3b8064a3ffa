// Thin RAII wrappers over the PC/SC API (pcsc-lite). A context belongs to one
// thread; only cancel() may be called from another thread.
#pragma once

#include "card_transport.h"

#include <QList>
#include <QStringList>
#include <memory>

#include <winscard.h>

namespace kiosk::card {

// SCARD_* code -> CardError, with `context` naming what we were doing.
CardError pcscError(LONG rv, const QString& context);

class PcscCard;

class PcscContext {
public:
    static Result<std::unique_ptr<PcscContext>, CardError> establish();
    ~PcscContext();
    PcscContext(const PcscContext&) = delete;
    PcscContext& operator=(const PcscContext&) = delete;

    SCARDCONTEXT handle() const { return m_ctx; }

    // Every reader pcscd knows; empty when there is none.
    Result<QStringList, CardError> readers() const;

    struct ReaderState {
        QString reader;
        bool present = false;  // a powered card is in the reader
        bool inUse = false;    // another process holds it exclusively
        QByteArray atr;
    };
    // The readers' current state, without waiting.
    Result<QList<ReaderState>, CardError> states(const QStringList& readers) const;

    // Connects with exclusive access (nobody else can talk to the card while we read).
    Result<std::unique_ptr<PcscCard>, CardError> connect(const QString& reader) const;

    // Interrupts a SCardGetStatusChange in progress on this context (any thread).
    void cancel() const;

private:
    explicit PcscContext(SCARDCONTEXT ctx) : m_ctx(ctx) {}
    SCARDCONTEXT m_ctx;
};

// One exclusively connected card; the transport the applet reader talks to.
class PcscCard : public CardTransport {
public:
    PcscCard(SCARDCONTEXT ctx, SCARDHANDLE card, DWORD protocol, QString reader);
    ~PcscCard() override;
    PcscCard(const PcscCard&) = delete;
    PcscCard& operator=(const PcscCard&) = delete;

    Result<QByteArray, CardError> transmit(const QByteArray& command) override;
    QByteArray atr() const override { return m_atr; }
    Protocol protocol() const override;
    Result<void, CardError> reconnect() override;
    const QString& reader() const { return m_reader; }

private:
    // After a failed transmit: did the card leave? pcscd notices on its next
    // presence poll, so this waits up to `waitMs` for it.
    bool cardGone(int waitMs) const;
    void refreshAtr();

    SCARDCONTEXT m_ctx;
    SCARDHANDLE m_card;
    DWORD m_protocol;
    QString m_reader;
    QByteArray m_atr;
};

}  // namespace kiosk::card
