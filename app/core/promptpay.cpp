#include "promptpay.h"

#include <cctype>

namespace kiosk::promptpay {

namespace {

QByteArray tlv(const char* tag, const QByteArray& value) {
    return QByteArray(tag) + QByteArray::number(value.size()).rightJustified(2, '0') + value;
}

bool allDigits(const QString& s) {
    for (const QChar c : s) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9')) {
            return false;
        }
    }
    return !s.isEmpty();
}

// Splits TLV text; nullopt when a length runs past the end or is not two digits.
std::optional<QList<QPair<QString, QString>>> splitTlv(QByteArrayView text) {
    QList<QPair<QString, QString>> out;
    qsizetype i = 0;
    while (i < text.size()) {
        if (text.size() - i < 4) {
            return std::nullopt;
        }
        const QByteArrayView tag = text.sliced(i, 2);
        const QByteArrayView len = text.sliced(i + 2, 2);
        if (!std::isdigit(static_cast<unsigned char>(len[0])) ||
            !std::isdigit(static_cast<unsigned char>(len[1])) ||
            !std::isdigit(static_cast<unsigned char>(tag[0])) ||
            !std::isdigit(static_cast<unsigned char>(tag[1]))) {
            return std::nullopt;
        }
        const int n = (len[0] - '0') * 10 + (len[1] - '0');
        if (text.size() - i - 4 < n) {
            return std::nullopt;
        }
        out.append({QString::fromLatin1(tag), QString::fromUtf8(text.sliced(i + 4, n))});
        i += 4 + n;
    }
    return out;
}

}  // namespace

quint16 crc16CcittFalse(QByteArrayView data) {
    quint16 crc = 0xFFFF;
    for (const char c : data) {
        crc ^= static_cast<quint16>(static_cast<unsigned char>(c) << 8);
        for (int bit = 0; bit < 8; ++bit) {
            crc = (crc & 0x8000) ? static_cast<quint16>((crc << 1) ^ 0x1021)
                                 : static_cast<quint16>(crc << 1);
        }
    }
    return crc;
}

Result<QByteArray, QString> buildPayload(const Target& target, std::optional<qint64> amountSatang) {
    QByteArray account;
    switch (target.kind) {
        case Target::Kind::Phone: {
            if (!allDigits(target.id) || target.id.size() != 10 ||
                !target.id.startsWith(QLatin1Char('0'))) {
                return fail(QStringLiteral("phone number must be 10 digits starting with 0"));
            }
            // 0812345678 -> 0066812345678: country code 66 without the trunk 0,
            // left-padded with zeros to 13 digits.
            const QByteArray intl = "66" + target.id.mid(1).toLatin1();
            account = tlv("01", intl.rightJustified(13, '0'));
            break;
        }
        case Target::Kind::NationalId:
            if (!allDigits(target.id) || target.id.size() != 13) {
                return fail(QStringLiteral("national or tax id must be 13 digits"));
            }
            account = tlv("02", target.id.toLatin1());
            break;
        case Target::Kind::EWallet:
            if (!allDigits(target.id) || target.id.size() != 15) {
                return fail(QStringLiteral("e-wallet id must be 15 digits"));
            }
            account = tlv("03", target.id.toLatin1());
            break;
    }
    if (amountSatang && (*amountSatang <= 0 || *amountSatang > 99999999999LL)) {
        return fail(QStringLiteral("amount out of range"));
    }
    QByteArray p = tlv("00", "01");
    p += tlv("01", amountSatang ? "12" : "11");
    p += tlv("29", tlv("00", kPromptPayAid) + account);
    p += tlv("58", "TH");
    p += tlv("53", "764");
    if (amountSatang) {
        const QByteArray amount = QByteArray::number(*amountSatang / 100) + '.' +
                                  QByteArray::number(*amountSatang % 100).rightJustified(2, '0');
        p += tlv("54", amount);
    }
    p += "6304";
    p += QByteArray::number(crc16CcittFalse(p), 16).toUpper().rightJustified(4, '0');
    return p;
}

Result<ParsedPayload, QString> parsePayload(QByteArrayView payload) {
    if (payload.size() < 8 || payload.size() > 512) {
        return fail(QStringLiteral("payload length out of range"));
    }
    const QByteArrayView tail = payload.last(8);
    if (!tail.startsWith("6304")) {
        return fail(QStringLiteral("tag 63 (CRC) must come last"));
    }
    bool ok = false;
    const uint crc = tail.sliced(4).toByteArray().toUInt(&ok, 16);
    if (!ok || crc != crc16CcittFalse(payload.first(payload.size() - 4))) {
        return fail(QStringLiteral("CRC does not match"));
    }
    const auto fields = splitTlv(payload);
    if (!fields) {
        return fail(QStringLiteral("malformed tag-length-value"));
    }
    ParsedPayload p;
    p.fields = *fields;
    bool sawFormat = false;
    for (const auto& [tag, value] : p.fields) {
        if (tag == QLatin1String("00")) {
            sawFormat = value == QLatin1String("01");
        } else if (tag == QLatin1String("01")) {
            p.dynamic = value == QLatin1String("12");
        } else if (tag == QLatin1String("29")) {
            const auto sub = splitTlv(value.toUtf8());
            if (!sub) {
                return fail(QStringLiteral("malformed tag 29"));
            }
            for (const auto& [st, sv] : *sub) {
                if (st == QLatin1String("00")) {
                    p.aid = sv;
                } else if (st == QLatin1String("01") || st == QLatin1String("02") ||
                           st == QLatin1String("03")) {
                    p.targetId = sv;
                }
            }
        } else if (tag == QLatin1String("53")) {
            p.currency = value;
        } else if (tag == QLatin1String("58")) {
            p.country = value;
        } else if (tag == QLatin1String("54")) {
            const qsizetype dot = value.indexOf(QLatin1Char('.'));
            const QString whole = dot < 0 ? value : value.left(dot);
            QString frac = dot < 0 ? QString() : value.mid(dot + 1);
            if (!allDigits(whole) || frac.size() > 2 || (!frac.isEmpty() && !allDigits(frac))) {
                return fail(QStringLiteral("tag 54: not an amount"));
            }
            frac = frac.leftJustified(2, QLatin1Char('0'));
            p.amountSatang = whole.toLongLong() * 100 + frac.toLongLong();
        }
    }
    if (!sawFormat) {
        return fail(QStringLiteral("tag 00 must be 01"));
    }
    if (p.aid != QLatin1String(kPromptPayAid)) {
        return fail(QStringLiteral("not a PromptPay payload (tag 29 AID)"));
    }
    if (p.currency != QLatin1String("764")) {
        return fail(QStringLiteral("currency is not THB (764)"));
    }
    if (p.country != QLatin1String("TH")) {
        return fail(QStringLiteral("country is not TH"));
    }
    return p;
}

}  // namespace kiosk::promptpay
