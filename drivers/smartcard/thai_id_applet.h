// The Thai national ID card's applet (AID A0 00 00 00 54 48 00 01).
//
// The applet exposes one flat, read-only file; each field sits at a fixed
// offset and width (see docs/smartcard.md). It is read with the proprietary
// command 80 B0 offH offL 02 00 len (at most 255 bytes per command). Fields
// close to each other are fetched with one command: fewer APDUs is what
// makes a read fast on a real 9600-baud T=0 card.
#pragma once

#include "apdu_channel.h"
#include "card_data.h"
#include "card_transport.h"

#include <QList>

namespace kiosk::card {

namespace thaiid {

struct Range {
    quint16 offset = 0;
    quint16 length = 0;
    int end() const { return offset + length; }
    bool operator==(const Range&) const = default;
};

inline constexpr char kAid[] = "\xA0\x00\x00\x00\x54\x48\x00\x01";
// Extension applet holding the laser code on cards that expose it.
inline constexpr char kExtensionAid[] = "\xA0\x00\x00\x00\x84\x06\x00\x02";

inline constexpr Range kCid{0x0004, 13};
inline constexpr Range kNameTh{0x0011, 100};
inline constexpr Range kNameEn{0x0075, 100};
inline constexpr Range kBirthDate{0x00D9, 8};
inline constexpr Range kSex{0x00E1, 1};
inline constexpr Range kIssuer{0x00F6, 100};
inline constexpr Range kIssueDate{0x0167, 8};
inline constexpr Range kExpiryDate{0x016F, 8};
inline constexpr Range kPhoto{0x017B, 20 * 255};  // 20 chunks of 255 bytes
inline constexpr Range kAddress{0x1579, 100};

// Laser code: 80 00 00 00 17 in the extension applet; 16 ASCII bytes from offset 7.
inline constexpr int kLaserResponseLength = 0x17;
inline constexpr int kLaserOffset = 7;
inline constexpr int kLaserLength = 16;

inline constexpr int kMaxReadLength = 255;
// Reading up to this many unused bytes between two fields is cheaper than
// another command round trip (about 30 bytes' time at 9600 baud).
inline constexpr int kMaxGap = 32;

// The fewest read commands (<= 255 bytes each) that cover `fields`; a field
// longer than 255 bytes is read in 255-byte chunks from its start.
QList<Range> planReads(QList<Range> fields);

}  // namespace thaiid

struct ReadOptions {
    bool photo = true;
    bool laserCode = true;
    int apduTimeoutMs = 3000;   // card.apdu_timeout_ms
    int readTimeoutMs = 20000;  // card.read_timeout_ms
};

// Reads the whole identity or nothing: any failure returns an error and the
// partial data is wiped. A card reset by another party (CardReset) is
// reconnected and read again once.
Result<CardData, CardError> readThaiId(CardTransport& transport, const ReadOptions& options,
                                       ApduStats* stats = nullptr,
                                       QList<QByteArray>* commands = nullptr);

}  // namespace kiosk::card
