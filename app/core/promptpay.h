// PromptPay payloads: EMVCo merchant-presented QR (tag-length-value text)
// with the PromptPay application id in tag 29, currency 764 (THB), country
// TH, and a CRC-16/CCITT-FALSE over everything up to and including "6304"
// in tag 63. Built by the portal (and portal-sim), checked by the kiosk
// before it shows a QR: a damaged payload must never reach a citizen's bank app.
#pragma once

#include "result.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <optional>

namespace kiosk::promptpay {

inline constexpr char kPromptPayAid[] = "A000000677010111";

// CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final XOR.
quint16 crc16CcittFalse(QByteArrayView data);

struct Target {
    enum class Kind { Phone, NationalId, EWallet };
    Kind kind = Kind::NationalId;
    QString id;  // phone "0812345678", 13-digit tax/national id, 15-digit e-wallet id
};

// Amount in satang (1/100 baht); nullopt: the payer types the amount (static QR).
Result<QByteArray, QString> buildPayload(const Target& target, std::optional<qint64> amountSatang);

struct ParsedPayload {
    QList<QPair<QString, QString>> fields;  // top-level tag -> value, in order
    QString aid;                            // tag 29 sub-tag 00
    QString targetId;                       // tag 29 sub-tag 01/02/03 as encoded
    std::optional<qint64> amountSatang;
    QString currency;
    QString country;
    bool dynamic = false;  // tag 01 = 12 (one-time, amount fixed)
};

// Parses and checks a payload: well-formed TLV, tag 63 last with a matching
// CRC, PromptPay AID, currency 764, country TH. The error says which rule broke.
Result<ParsedPayload, QString> parsePayload(QByteArrayView payload);

}  // namespace kiosk::promptpay
