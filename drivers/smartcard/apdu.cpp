#include "apdu.h"

namespace kiosk::card::apdu {

Result<Response, CardError> parseResponse(QByteArrayView raw) {
    if (raw.size() < 2) {
        return fail(
            makeError(CardError::Code::Protocol,
                      QStringLiteral("response of %1 byte(s) has no status word").arg(raw.size())));
    }
    Response r;
    r.data = raw.first(raw.size() - 2).toByteArray();
    r.sw = static_cast<quint16>((static_cast<quint8>(raw[raw.size() - 2]) << 8) |
                                static_cast<quint8>(raw[raw.size() - 1]));
    return r;
}

QByteArray select(QByteArrayView aid) {
    QByteArray c("\x00\xA4\x04\x00", 4);
    c.append(static_cast<char>(aid.size()));
    c.append(aid.data(), aid.size());
    return c;
}

QByteArray getResponse(quint8 p2, quint8 le) {
    QByteArray c("\x00\xC0\x00", 3);
    c.append(static_cast<char>(p2));
    c.append(static_cast<char>(le));
    return c;
}

QByteArray thaiRead(quint16 offset, quint8 length) {
    QByteArray c("\x80\xB0", 2);
    c.append(static_cast<char>(offset >> 8));
    c.append(static_cast<char>(offset & 0xFF));
    c.append('\x02');
    c.append('\x00');
    c.append(static_cast<char>(length));
    return c;
}

QByteArray withLe(QByteArray command, quint8 le) {
    if (command.size() == 4) {
        command.append(static_cast<char>(le));
    } else if (command.size() == 5) {
        command[4] = static_cast<char>(le);
    } else if (command.size() > 5) {
        const auto lc = static_cast<quint8>(command[4]);
        command.truncate(5 + lc);  // case 3 becomes case 4
        command.append(static_cast<char>(le));
    }
    return command;
}

QString describeSw(quint16 sw) {
    switch (sw) {
        case 0x9000:
            return QStringLiteral("success");
        case 0x6281:
            return QStringLiteral("part of the data may be corrupted");
        case 0x6282:
            return QStringLiteral("end of file reached before Le bytes");
        case 0x6700:
            return QStringLiteral("wrong length");
        case 0x6982:
            return QStringLiteral("security status not satisfied");
        case 0x6985:
            return QStringLiteral("conditions of use not satisfied");
        case 0x6A82:
            return QStringLiteral("file or application not found");
        case 0x6A86:
            return QStringLiteral("incorrect P1/P2");
        case 0x6B00:
            return QStringLiteral("offset outside the file");
        case 0x6D00:
            return QStringLiteral("instruction not supported");
        case 0x6E00:
            return QStringLiteral("class not supported");
        case 0x6F00:
            return QStringLiteral("card fault, no precise diagnosis");
        default:
            break;
    }
    return QStringLiteral("status %1").arg(sw, 4, 16, QLatin1Char('0')).toUpper();
}

CardError errorForSw(quint16 sw, const QString& context) {
    const QString msg = QStringLiteral("%1: card answered %2 (%3)")
                            .arg(context)
                            .arg(sw, 4, 16, QLatin1Char('0'))
                            .arg(describeSw(sw));
    return makeError(CardError::Code::Protocol, msg, sw);
}

QString redactCommand(QByteArrayView c) {
    if (c.size() < 4) {
        return QStringLiteral("(%1-byte command)").arg(c.size());
    }
    QString line = hex(c.first(4));
    if (c.size() == 5) {
        line += QStringLiteral(" Le=%1").arg(static_cast<quint8>(c[4]));
    } else if (c.size() > 5) {
        const auto lc = static_cast<quint8>(c[4]);
        line += QStringLiteral(" Lc=%1 [data]").arg(lc);
        if (c.size() > 5 + lc) {
            line += QStringLiteral(" Le=%1").arg(static_cast<quint8>(c[5 + lc]));
        }
    }
    return line;
}

QString hex(QByteArrayView bytes) {
    return QString::fromLatin1(bytes.toByteArray().toHex(' ').toUpper());
}

}  // namespace kiosk::card::apdu
