// ISO 7816-4 command and response APDUs, as far as the Thai ID applet needs them.
#pragma once

#include "card_error.h"
#include "result.h"

#include <QByteArray>
#include <QString>

namespace kiosk::card::apdu {

// Status words the protocol layer acts on.
constexpr quint16 kSwOk = 0x9000;
constexpr quint8 kSw1MoreData = 0x61;  // 61xx: xx bytes wait for GET RESPONSE
constexpr quint8 kSw1WrongLe = 0x6C;   // 6Cxx: resend with Le = xx
constexpr quint16 kSwFileNotFound = 0x6A82;
constexpr quint16 kSwWrongP1P2 = 0x6A86;
constexpr quint16 kSwInsNotSupported = 0x6D00;
constexpr quint16 kSwClaNotSupported = 0x6E00;

struct Response {
    QByteArray data;
    quint16 sw = 0;
    quint8 sw1() const { return static_cast<quint8>(sw >> 8); }
    quint8 sw2() const { return static_cast<quint8>(sw & 0xFF); }
    bool ok() const { return sw == kSwOk; }
};

// Splits raw response bytes into data and status word; fewer than 2 bytes is a protocol error.
Result<Response, CardError> parseResponse(QByteArrayView raw);

// SELECT by AID (00 A4 04 00 Lc AID), no Le: T=0 cards answer 61xx or 9000.
QByteArray select(QByteArrayView aid);
// GET RESPONSE (00 C0 00 P2 Le).
QByteArray getResponse(quint8 p2, quint8 le);
// The Thai applet's read command: 80 B0 offH offL 02 00 len.
QByteArray thaiRead(quint16 offset, quint8 length);
// Replaces (or appends) the Le byte of a case-1/2 command.
QByteArray withLe(QByteArray command, quint8 le);

// Human-readable meaning of a status word, for error messages.
QString describeSw(quint16 sw);
// Maps a final status word other than 9000 to an error.
CardError errorForSw(quint16 sw, const QString& context);

// A trace line for a command that reveals no data bytes: header, Lc and Le only.
QString redactCommand(QByteArrayView command);

QString hex(QByteArrayView bytes);  // "3B 67 00 ..."

}  // namespace kiosk::card::apdu
