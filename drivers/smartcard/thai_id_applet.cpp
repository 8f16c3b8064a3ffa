#include "thai_id_applet.h"

#include "secure_wipe.h"

#include <algorithm>

namespace kiosk::card {

namespace thaiid {

QList<Range> planReads(QList<Range> fields) {
    // Long fields (the photo) become 255-byte pieces first, then neighbours merge.
    QList<Range> pieces;
    for (const Range& f : fields) {
        for (int at = f.offset; at < f.end(); at += kMaxReadLength) {
            const int len = std::min(kMaxReadLength, f.end() - at);
            pieces.append({static_cast<quint16>(at), static_cast<quint16>(len)});
        }
    }
    std::sort(pieces.begin(), pieces.end(),
              [](const Range& a, const Range& b) { return a.offset < b.offset; });
    QList<Range> plan;
    for (const Range& p : pieces) {
        if (!plan.isEmpty()) {
            Range& last = plan.last();
            const int mergedEnd = std::max(last.end(), p.end());
            if (p.offset - last.end() <= kMaxGap && mergedEnd - last.offset <= kMaxReadLength) {
                last.length = static_cast<quint16>(mergedEnd - last.offset);
                continue;
            }
        }
        plan.append(p);
    }
    return plan;
}

}  // namespace thaiid

namespace {

using namespace thaiid;

// The applet's file as far as we read it; wiped when the read ends.
class FileImage {
public:
    explicit FileImage(int size) : m_bytes(size, '\0') {}
    ~FileImage() { secureWipe(m_bytes); }
    void put(const Range& r, const QByteArray& data) {
        std::copy(data.begin(), data.end(), m_bytes.begin() + r.offset);
    }
    QByteArrayView field(const Range& r) const {
        return QByteArrayView(m_bytes).sliced(r.offset, r.length);
    }

private:
    QByteArray m_bytes;
};

CardError corrupt(const QString& what) {
    return makeError(CardError::Code::CorruptData, what);
}

Result<CardDate, CardError> dateField(QByteArrayView raw, const char* name) {
    auto d = parseBuddhistDate(raw);
    if (!d) {
        return fail(corrupt(QStringLiteral("%1: %2").arg(QLatin1String(name), d.error())));
    }
    return *d;
}

// The laser code is optional: an absent applet or command is not an error,
// but a card that vanished is.
Result<QString, CardError> readLaserCode(ApduChannel& channel) {
    auto selected = channel.exchange(apdu::select(QByteArrayView(kExtensionAid, 8)),
                                     ApduChannel::Want::StatusOnly);
    if (!selected) {
        return fail(selected.error());
    }
    if (!selected->ok()) {
        return QString();
    }
    const QByteArray cmd("\x80\x00\x00\x00\x17", 5);
    auto response = channel.exchange(cmd);
    if (!response) {
        return fail(response.error());
    }
    if (!response->ok() || response->data.size() < kLaserOffset + kLaserLength) {
        return QString();
    }
    const QByteArrayView raw = QByteArrayView(response->data).sliced(kLaserOffset, kLaserLength);
    const bool printable = std::all_of(
        raw.begin(), raw.end(), [](char c) { return c == '\0' || (c >= 0x20 && c <= 0x7E); });
    QString laser = printable ? decodeTextField(raw) : QString();
    secureWipe(response->data);
    if (!printable) {
        return fail(corrupt(QStringLiteral("laser code has a non-printable byte")));
    }
    return laser;
}

Result<CardData, CardError> readOnce(CardTransport& transport, const ReadOptions& options,
                                     ApduChannel& channel) {
    if (auto sel =
            channel.exchange(apdu::select(QByteArrayView(kAid, 8)), ApduChannel::Want::StatusOnly);
        !sel) {
        return fail(sel.error());
    } else if (!sel->ok()) {
        return fail(makeError(CardError::Code::NotThaiIdCard,
                              QStringLiteral("the Thai ID applet is not on this card (%1)")
                                  .arg(apdu::describeSw(sel->sw)),
                              sel->sw));
    }

    QList<Range> fields{kCid,    kNameTh,    kNameEn,     kBirthDate, kSex,
                        kIssuer, kIssueDate, kExpiryDate, kAddress};
    if (options.photo) {
        fields.append(kPhoto);
    }
    FileImage image(kAddress.end());
    for (const Range& r : planReads(fields)) {
        auto data = channel.exchangeOk(
            apdu::thaiRead(r.offset, static_cast<quint8>(r.length)),
            QStringLiteral("reading %1 bytes at %2").arg(r.length).arg(r.offset));
        if (!data) {
            return fail(data.error());
        }
        if (data->size() != r.length) {
            const auto got = data->size();
            secureWipe(*data);
            return fail(makeError(CardError::Code::Protocol,
                                  QStringLiteral("asked for %1 bytes at %2, card sent %3")
                                      .arg(r.length)
                                      .arg(r.offset)
                                      .arg(got)));
        }
        image.put(r, *data);
        secureWipe(*data);
    }

    CardData card;
    card.atr = transport.atr();
    auto cid = parseCid(image.field(kCid));
    if (!cid) {
        return fail(corrupt(cid.error()));
    }
    card.cid = std::move(*cid);
    card.nameTh = parseName(decodeTextField(image.field(kNameTh)));
    card.nameEn = parseName(decodeTextField(image.field(kNameEn)));
    auto birth = dateField(image.field(kBirthDate), "birth date");
    if (!birth) {
        return fail(birth.error());
    }
    card.birthDate = *birth;
    card.sex = parseSex(image.field(kSex));
    card.issuer = decodeTextField(image.field(kIssuer));
    auto issued = dateField(image.field(kIssueDate), "issue date");
    if (!issued) {
        return fail(issued.error());
    }
    card.issueDate = *issued;
    // Cards of citizens over 70 never expire; the chip says so with nines.
    if (image.field(kExpiryDate) == QByteArrayView("99999999")) {
        card.expiryLifelong = true;
    } else {
        auto expiry = dateField(image.field(kExpiryDate), "expiry date");
        if (!expiry) {
            return fail(expiry.error());
        }
        card.expiryDate = *expiry;
    }
    card.address = parseAddress(decodeTextField(image.field(kAddress)));
    if (options.photo) {
        const QByteArrayView raw = image.field(kPhoto);
        card.photoJpeg = trimJpegPadding(raw.toByteArray());
        if (!isCompleteJpeg(card.photoJpeg)) {
            return fail(
                corrupt(QStringLiteral("the photo is not a complete JPEG (SOI/EOI missing)")));
        }
    }
    if (options.laserCode) {
        auto laser = readLaserCode(channel);
        if (!laser) {
            return fail(laser.error());
        }
        card.laserCode = std::move(*laser);
    }
    return card;
}

}  // namespace

Result<CardData, CardError> readThaiId(CardTransport& transport, const ReadOptions& options,
                                       ApduStats* stats, QList<QByteArray>* commands) {
    const auto deadline =
        ApduChannel::Clock::now() + std::chrono::milliseconds(options.readTimeoutMs);
    for (int attempt = 0;; ++attempt) {
        ApduChannel channel(transport);
        channel.setLimits(std::chrono::milliseconds(options.apduTimeoutMs), deadline);
        channel.recordCommands(commands);
        auto result = readOnce(transport, options, channel);
        if (stats) {
            stats->apdus += channel.stats().apdus;
            stats->bytesSent += channel.stats().bytesSent;
            stats->bytesReceived += channel.stats().bytesReceived;
        }
        if (!result && result.error().code == CardError::Code::CardReset && attempt == 0) {
            if (auto r = transport.reconnect(); !r) {
                return fail(r.error());
            }
            if (commands) {
                commands->clear();
            }
            continue;
        }
        return result;
    }
}

}  // namespace kiosk::card
