// Errors of the smart card layer: one enum for the module, context in the message.
#pragma once

#include <QString>
#include <QtGlobal>

namespace kiosk::card {

struct CardError {
    enum class Code {
        NoService,         // pcscd is not running or not reachable
        NoReader,          // the named reader does not exist (or none at all)
        NoCard,            // no card in the reader
        CardRemoved,       // the card left the reader during the operation
        CardReset,         // another process reset the card (retried once by the reader)
        SharingViolation,  // another process holds the card
        Timeout,           // an APDU or the whole read took longer than allowed
        Cancelled,         // the caller stopped the operation
        NotThaiIdCard,     // the Thai ID applet is absent
        Protocol,          // malformed response, unexpected status word
        CorruptData,       // a field or the photo does not decode
        Transport,         // any other PC/SC failure
    };

    Code code = Code::Transport;
    QString message;    // never carries personal data
    quint16 sw = 0;     // status word, when the card answered one
    long pcscCode = 0;  // SCARD_* return code, when PC/SC failed

    // Stable snake_case name, used as the CLI's error code ("card_removed").
    QString codeName() const;
    // "card_removed: ..." for logs and the CLI.
    QString summary() const;
    // Worth retrying after the citizen re-inserts the card (vs. a setup fault).
    bool isRetryable() const;
};

inline CardError makeError(CardError::Code code, QString message, quint16 sw = 0, long pcsc = 0) {
    return CardError{code, std::move(message), sw, pcsc};
}

}  // namespace kiosk::card
