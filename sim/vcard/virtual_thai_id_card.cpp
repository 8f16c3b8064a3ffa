#include "virtual_thai_id_card.h"

#include "tis620.h"

namespace kiosk::sim::vcard {

namespace {

// Field offsets and widths of the applet's file (public layout, see docs/smartcard.md).
struct Field {
    int offset;
    int length;
};
constexpr Field kCid{0x0004, 13};
constexpr Field kNameTh{0x0011, 100};
constexpr Field kNameEn{0x0075, 100};
constexpr Field kBirth{0x00D9, 8};
constexpr Field kSex{0x00E1, 1};
constexpr Field kIssuer{0x00F6, 100};
constexpr Field kIssue{0x0167, 8};
constexpr Field kExpiry{0x016F, 8};
constexpr Field kPhoto{0x017B, 5100};
constexpr Field kAddress{0x1579, 100};
constexpr int kFileSize = 0x1579 + 100;

const QByteArray kMainAid("\xA0\x00\x00\x00\x54\x48\x00\x01", 8);
const QByteArray kExtensionAid("\xA0\x00\x00\x00\x84\x06\x00\x02", 8);
// FCI-like answer to SELECT; its content does not matter to readers.
const QByteArray kSelectResponse("\x6F\x08\x84\x06\x54\x48\x00\x01\x90\x00", 10);

QByteArray sw(quint16 s) {
    const char bytes[2] = {static_cast<char>(s >> 8), static_cast<char>(s & 0xFF)};
    return QByteArray(bytes, 2);
}

// Fictional ATRs of the three card families (historical bytes made up).
QByteArray atrFor(const CardProfile& p) {
    if (p.atr3B67) {
        return QByteArray::fromHex("3B6700007320006C689000");
    }
    if (p.t1Direct) {
        // TD1 = 01: T=1 only, so a TCK (XOR of T0..last byte) must follow.
        QByteArray atr = QByteArray::fromHex("3B8801544849442D543130");
        char tck = 0;
        for (qsizetype i = 1; i < atr.size(); ++i) {
            tck = static_cast<char>(tck ^ atr[i]);
        }
        atr.append(tck);
        return atr;
    }
    return QByteArray::fromHex("3B781800000073C84013009000");
}

Result<void, QString> put(QByteArray& file, Field f, const QString& text, const char* what) {
    auto bytes = kiosk::card::tis620::encode(text);
    if (!bytes) {
        return fail(QStringLiteral("%1 has a character outside TIS-620").arg(QLatin1String(what)));
    }
    if (bytes->size() > f.length) {
        return fail(
            QStringLiteral("%1 is longer than %2 bytes").arg(QLatin1String(what)).arg(f.length));
    }
    bytes->append(QByteArray(f.length - bytes->size(), ' '));
    file.replace(f.offset, f.length, *bytes);
    return {};
}

}  // namespace

QStringList CardProfile::names() {
    return {QStringLiteral("standard"),
            QStringLiteral("atr-3b67"),
            QStringLiteral("t1-direct"),
            QStringLiteral("expired"),
            QStringLiteral("unknown-birth-day"),
            QStringLiteral("corrupt-photo"),
            QStringLiteral("slow"),
            QStringLiteral("remove-at"),
            QStringLiteral("garbage"),
            QStringLiteral("no-laser")};
}

Result<CardProfile, QString> CardProfile::named(const QString& name) {
    CardProfile p;
    p.name = name;
    if (name == QLatin1String("standard")) {
    } else if (name == QLatin1String("atr-3b67")) {
        p.atr3B67 = true;
    } else if (name == QLatin1String("t1-direct")) {
        p.t1Direct = true;
    } else if (name == QLatin1String("expired")) {
        p.issueDate = QStringLiteral("25520310");   // 2009-03-10
        p.expiryDate = QStringLiteral("25600309");  // 2017-03-09
    } else if (name == QLatin1String("unknown-birth-day")) {
        p.birthDate = QStringLiteral("24950600");  // June 1952, day unknown
    } else if (name == QLatin1String("corrupt-photo")) {
        p.corruptPhoto = true;
    } else if (name == QLatin1String("slow")) {
        p.delayMs = 40;
    } else if (name == QLatin1String("remove-at")) {
        p.removeAtApdu = 8;
    } else if (name == QLatin1String("garbage")) {
        p.garbageAtApdu = 2;
    } else if (name == QLatin1String("no-laser")) {
        p.noLaser = true;
    } else {
        return fail(QStringLiteral("unknown profile \"%1\" (known: %2)")
                        .arg(name, names().join(QStringLiteral(", "))));
    }
    return p;
}

Result<VirtualThaiIdCard, QString> VirtualThaiIdCard::create(VirtualCitizen c,
                                                             CardProfile profile) {
    VirtualThaiIdCard card;
    card.m_profile = profile;
    card.m_atr = atrFor(profile);
    if (!profile.birthDate.isEmpty()) {
        c.birthDate = profile.birthDate;
    }
    if (!profile.issueDate.isEmpty()) {
        c.issueDate = profile.issueDate;
    }
    if (!profile.expiryDate.isEmpty()) {
        c.expiryDate = profile.expiryDate;
    }
    QByteArray& f = card.m_file;
    f = QByteArray(kFileSize, ' ');
    f.replace(0, 4, QByteArray("\x00\x01\x00\x00", 4));  // header bytes, not interpreted
    while (c.nameTh.size() < 4) {
        c.nameTh.append(QString());
    }
    while (c.nameEn.size() < 4) {
        c.nameEn.append(QString());
    }
    const struct {
        Field field;
        QString text;
        const char* what;
    } fields[] = {
        {kCid, c.cid, "cid"},
        {kNameTh, c.nameTh.join(QLatin1Char('#')), "name_th"},
        {kNameEn, c.nameEn.join(QLatin1Char('#')), "name_en"},
        {kBirth, c.birthDate, "birth_date"},
        {kSex, c.sex, "sex"},
        {kIssuer, c.issuer, "issuer"},
        {kIssue, c.issueDate, "issue_date"},
        {kExpiry, c.expiryDate, "expiry_date"},
        {kAddress, c.address.join(QLatin1Char('#')), "address"},
    };
    for (const auto& field : fields) {
        if (auto r = put(f, field.field, field.text, field.what); !r) {
            return fail(r.error());
        }
    }
    QByteArray photo = c.photoJpeg;
    if (photo.size() > kPhoto.length) {
        return fail(QStringLiteral("photo is %1 bytes, the card holds %2")
                        .arg(photo.size())
                        .arg(kPhoto.length));
    }
    if (profile.corruptPhoto && photo.size() > 4) {
        photo[0] = 0;   // no SOI
        photo.chop(2);  // no EOI
    }
    photo.append(QByteArray(kPhoto.length - photo.size(), '\0'));
    f.replace(kPhoto.offset, kPhoto.length, photo);

    if (!profile.noLaser && !c.laserCode.isEmpty()) {
        QByteArray laser = c.laserCode.toLatin1().left(16);
        laser.append(QByteArray(16 - laser.size(), ' '));
        card.m_laserRecord = QByteArray("\x01\x00\x14\x00\x00\x00\x00", 7) + laser;
    }
    return card;
}

void VirtualThaiIdCard::reset() {
    m_pending.clear();
    m_selected = Applet::None;
}

QByteArray VirtualThaiIdCard::answer(QByteArray data) {
    if (m_profile.t1Direct || data.isEmpty()) {
        return data + sw(0x9000);
    }
    const auto n = data.size();
    m_pending = std::move(data);
    return sw(static_cast<quint16>(0x6100 | (n & 0xFF)));
}

QByteArray VirtualThaiIdCard::process(const QByteArray& cmd) {
    if (cmd.size() < 4) {
        return sw(0x6700);
    }
    const auto cla = static_cast<quint8>(cmd[0]);
    const auto ins = static_cast<quint8>(cmd[1]);
    const auto p1 = static_cast<quint8>(cmd[2]);
    const auto p2 = static_cast<quint8>(cmd[3]);
    const int lc = cmd.size() > 5 ? static_cast<quint8>(cmd[4]) : 0;
    const QByteArray body = cmd.mid(5, lc);

    if (cla == 0x00 && ins == 0xC0) {  // GET RESPONSE
        if (m_pending.isEmpty()) {
            return sw(0x6985);
        }
        // This card family insists on its own P2.
        if (p1 != 0x00 || p2 != (m_profile.atr3B67 ? 0x01 : 0x00)) {
            return sw(0x6A86);
        }
        int le = cmd.size() == 5 ? static_cast<quint8>(cmd[4]) : 0;
        if (le == 0) {
            le = 256;
        }
        if (le > m_pending.size()) {
            return sw(static_cast<quint16>(0x6C00 | (m_pending.size() & 0xFF)));
        }
        QByteArray out = m_pending.left(le);
        m_pending.remove(0, le);
        if (!m_pending.isEmpty()) {
            return out + sw(static_cast<quint16>(0x6100 | (m_pending.size() & 0xFF)));
        }
        return out + sw(0x9000);
    }
    m_pending.clear();

    if (cla == 0x00 && ins == 0xA4 && p1 == 0x04) {  // SELECT by AID
        if (body == kMainAid) {
            m_selected = Applet::Main;
            return answer(kSelectResponse);
        }
        if (body == kExtensionAid && !m_laserRecord.isEmpty()) {
            m_selected = Applet::Extension;
            return answer(kSelectResponse);
        }
        m_selected = Applet::None;
        return sw(0x6A82);
    }
    if (cla == 0x80 && ins == 0xB0) {  // read: 80 B0 offH offL 02 00 len
        if (m_selected != Applet::Main) {
            return sw(0x6985);
        }
        if (lc != 2 || body.size() != 2 || body[0] != 0) {
            return sw(0x6700);
        }
        const int offset = (p1 << 8) | p2;
        const int len = static_cast<quint8>(body[1]);
        if (offset + len > m_file.size()) {
            return sw(0x6B00);
        }
        return answer(m_file.mid(offset, len));
    }
    if (cla == 0x80 && ins == 0x00 && m_selected == Applet::Extension) {  // laser record, case 2
        const int le = cmd.size() == 5 ? static_cast<quint8>(cmd[4]) : -1;
        if (le != m_laserRecord.size()) {
            return sw(static_cast<quint16>(0x6C00 | m_laserRecord.size()));
        }
        return m_laserRecord + sw(0x9000);
    }
    if (cla != 0x00 && cla != 0x80) {
        return sw(0x6E00);
    }
    return sw(0x6D00);
}

}  // namespace kiosk::sim::vcard
