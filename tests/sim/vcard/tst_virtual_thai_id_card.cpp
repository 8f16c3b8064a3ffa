// The virtual card on its own: file layout, ATRs, T=0/T=1 answering, and the
// vpcd wire protocol against a stand-in vpcd server on loopback.
#include "test_env.h"
#include "tis620.h"
#include "virtual_thai_id_card.h"
#include "vpcd_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <QImage>
#include <QTest>
#include <thread>

using namespace kiosk;
using namespace kiosk::sim::vcard;

namespace {

QByteArray h(const char* hex) {
    return QByteArray::fromHex(hex);
}

Result<VirtualThaiIdCard, QString> makeCard(const QString& profile,
                                            const QString& file = QStringLiteral("somchai.json")) {
    auto p = CardProfile::named(profile);
    if (!p) {
        return fail(p.error());
    }
    auto c = VirtualCitizen::fromFile(test::sourceDir() + QStringLiteral("/sim/cards/") + file);
    if (!c) {
        return fail(c.error());
    }
    if (auto r = c->loadPhoto(test::sharedDataDir()); !r) {
        return fail(r.error());
    }
    return VirtualThaiIdCard::create(*c, *p);
}

// A listening loopback socket standing in for vpcd.
struct FakeVpcd {
    int listener = -1;
    int peer = -1;
    quint16 port = 0;
    FakeVpcd() {
        listener = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(listener, reinterpret_cast<sockaddr*>(&a), sizeof a);
        ::listen(listener, 1);
        socklen_t len = sizeof a;
        ::getsockname(listener, reinterpret_cast<sockaddr*>(&a), &len);
        port = ntohs(a.sin_port);
    }
    ~FakeVpcd() {
        if (peer >= 0) {
            ::close(peer);
        }
        ::close(listener);
    }
    bool accept() {
        peer = ::accept(listener, nullptr, nullptr);
        return peer >= 0;
    }
    void send(const QByteArray& payload) {
        QByteArray m;
        m.append(static_cast<char>(payload.size() >> 8));
        m.append(static_cast<char>(payload.size() & 0xFF));
        m.append(payload);
        if (::write(peer, m.constData(), static_cast<size_t>(m.size())) != m.size()) {
            qWarning("fake vpcd: short write to the card");
        }
    }
    // One length-prefixed message, or nothing when the card hung up.
    std::optional<QByteArray> receive() {
        unsigned char hdr[2];
        if (::recv(peer, hdr, 2, MSG_WAITALL) != 2) {
            return std::nullopt;
        }
        QByteArray body((hdr[0] << 8) | hdr[1], '\0');
        if (!body.isEmpty() && ::recv(peer, body.data(), static_cast<size_t>(body.size()),
                                      MSG_WAITALL) != body.size()) {
            return std::nullopt;
        }
        return body;
    }
};

}  // namespace

class TstVirtualThaiIdCard : public QObject {
    Q_OBJECT
private slots:
    void create_standardCard_placesFieldsAtTheirOffsets() {
        auto c = makeCard(QStringLiteral("standard"));
        QVERIFY2(c, qPrintable(c ? QString() : c.error()));
        const QByteArray& f = c->file();
        QCOMPARE(f.size(), 0x1579 + 100);
        QCOMPARE(f.mid(0x04, 13), QByteArray("1101700230708"));
        QCOMPARE(card::tis620::decode(f.mid(0x11, 100)).trimmed(),
                 QStringLiteral("นาย#สมชาย##ทดสอบดี"));
        QCOMPARE(f.mid(0x75, 100).trimmed(), QByteArray("Mr.#Somchai##Thotsopdee"));
        QCOMPARE(f.mid(0xD9, 8), QByteArray("25300115"));
        QCOMPARE(f.mid(0xE1, 1), QByteArray("1"));
        QCOMPARE(f.mid(0x167, 8), QByteArray("25660301"));
        QCOMPARE(f.mid(0x16F, 8), QByteArray("25740114"));
        QVERIFY(f.mid(0x17B, 2) == h("FFD8"));
        QVERIFY(card::tis620::decode(f.mid(0x1579, 100))
                    .startsWith(QStringLiteral("99/9#หมู่ที่ 4##ซอยทดลอง ๑๒#")));
    }

    void create_photo_is148x178JpegWithinPhotoArea() {
        auto c = makeCard(QStringLiteral("standard"));
        QVERIFY(c);
        const QByteArray area = c->file().mid(0x17B, 5100);
        const qsizetype eoi = area.lastIndexOf(h("FFD9"));
        QVERIFY(eoi > 0);
        const QImage img = QImage::fromData(area.left(eoi + 2), "JPEG");
        QCOMPARE(img.size(), QSize(148, 178));
    }

    void loadPhoto_clipFrame_isThatFrameAsACardPhoto() {
        auto c =
            VirtualCitizen::fromFile(test::sourceDir() + QStringLiteral("/sim/cards/kanya.json"));
        QVERIFY2(c, qPrintable(c ? QString() : c.error()));
        QVERIFY(c->photoAtSeconds > 0);
        auto portrait = c->loadPortrait(test::sharedDataDir());
        QVERIFY2(portrait, qPrintable(portrait ? QString() : portrait.error()));
        QCOMPARE(portrait->size(), QSize(512, 512));  // a frame of the 512x512 clip
        QVERIFY(c->loadPhoto(test::sharedDataDir()));
        QVERIFY(c->photoJpeg.size() <= 5100);
        QCOMPARE(QImage::fromData(c->photoJpeg, "JPEG").size(), QSize(148, 178));

        // A different instant gives a different frame: the time is honoured.
        VirtualCitizen early = *c;
        early.photoAtSeconds = 0.1;
        auto other = early.loadPortrait(test::sharedDataDir());
        QVERIFY(other);
        QVERIFY(*other != *portrait);
    }

    void loadPortrait_clipEndsBeforeTimeOrCropOutside_fails() {
        auto c =
            VirtualCitizen::fromFile(test::sourceDir() + QStringLiteral("/sim/cards/kanya.json"));
        QVERIFY(c);
        VirtualCitizen late = *c;
        late.photoAtSeconds = 60;
        auto r = late.loadPortrait(test::sharedDataDir());
        QVERIFY(!r);
        QVERIFY2(r.error().contains(QStringLiteral("ends before")), qPrintable(r.error()));
        VirtualCitizen outside = *c;
        outside.photoCrop = QRect(400, 400, 200, 200);
        r = outside.loadPortrait(test::sharedDataDir());
        QVERIFY(!r);
        QVERIFY2(r.error().contains(QStringLiteral("outside")), qPrintable(r.error()));
        QVERIFY(!VirtualCitizen::fromJson(
            R"({"cid":"1101700230708","name_th":{},"name_en":{},"address":{},"birth_date":"25300115",
            "issue_date":"25660301","expiry_date":"25740114","photo_crop":[1,2]})"));
    }

    void create_corruptPhoto_hasNoSoi() {
        auto c = makeCard(QStringLiteral("corrupt-photo"));
        QVERIFY(c);
        QVERIFY(c->file().mid(0x17B, 2) != h("FFD8"));
    }

    void atr_t1Profile_hasValidTck() {
        auto c = makeCard(QStringLiteral("t1-direct"));
        QVERIFY(c);
        const QByteArray atr = c->atr();
        char x = 0;
        for (qsizetype i = 1; i < atr.size(); ++i) {
            x = static_cast<char>(x ^ atr[i]);
        }
        QCOMPARE(x, char(0));                                          // XOR of T0..TCK is zero
        QCOMPARE(static_cast<quint8>(atr[1]) & 0x0F, atr.size() - 4);  // K historical bytes
    }

    void process_t0Read_answers61xxThenGetResponse() {
        auto c = makeCard(QStringLiteral("standard"));
        QVERIFY(c);
        QCOMPARE(c->process(h("00A4040008A000000054480001")), h("610A"));
        QCOMPARE(c->process(h("80B0000402000D")), h("610D"));
        QCOMPARE(c->process(h("00C000010D")), h("6A86"));  // this card wants P2 = 00
        QCOMPARE(c->process(h("00C0000010")), h("6C0D"));
        QCOMPARE(c->process(h("00C000000D")), QByteArray("1101700230708") + h("9000"));
        QCOMPARE(c->process(h("00C000000D")), h("6985"));  // nothing pending any more
    }

    void process_3B67Card_wantsGetResponseP2One() {
        auto c = makeCard(QStringLiteral("atr-3b67"));
        QVERIFY(c);
        QVERIFY(c->atr().startsWith(h("3B67")));
        c->process(h("00A4040008A000000054480001"));
        QCOMPARE(c->process(h("80B0000402000D")), h("610D"));
        QCOMPARE(c->process(h("00C000000D")), h("6A86"));
        QCOMPARE(c->process(h("00C000010D")), QByteArray("1101700230708") + h("9000"));
    }

    void process_t1Card_answersDirectly() {
        auto c = makeCard(QStringLiteral("t1-direct"));
        QVERIFY(c);
        QCOMPARE(c->process(h("00A4040008A000000054480001")), h("6F0884065448000190009000"));
        QCOMPARE(c->process(h("80B0000402000D")), QByteArray("1101700230708") + h("9000"));
    }

    void process_readBeforeSelect_isRefused() {
        auto c = makeCard(QStringLiteral("standard"));
        QVERIFY(c);
        QCOMPARE(c->process(h("80B0000402000D")), h("6985"));
        QCOMPARE(c->process(h("00A4040008A000000054480002")), h("6A82"));
        QCOMPARE(c->process(h("00B0000000")), h("6D00"));
    }

    void process_laserRecord_needsExactLe() {
        auto c = makeCard(QStringLiteral("standard"));
        QVERIFY(c);
        QCOMPARE(c->process(h("00A4040008A000000084060002")), h("610A"));
        QCOMPARE(c->process(h("8000000010")), h("6C17"));
        const QByteArray r = c->process(h("8000000017"));
        QCOMPARE(r.size(), 23 + 2);
        QCOMPARE(r.mid(7, 14), QByteArray("JT0-1234567-89"));
    }

    void process_noLaserProfile_hasNoExtensionApplet() {
        auto c = makeCard(QStringLiteral("no-laser"));
        QVERIFY(c);
        QCOMPARE(c->process(h("00A4040008A000000084060002")), h("6A82"));
    }

    void profileNamed_unknown_failsListingProfiles() {
        auto p = CardProfile::named(QStringLiteral("nope"));
        QVERIFY(!p);
        QVERIFY(p.error().contains(QStringLiteral("remove-at")));
        for (const QString& name : CardProfile::names()) {
            QVERIFY(CardProfile::named(name));
        }
    }

    void fromJson_badDate_fails() {
        QVERIFY(!VirtualCitizen::fromJson(
            R"({"cid":"1101700230708","name_th":{},"name_en":{},"address":{},
            "birth_date":"2530","issue_date":"25660301","expiry_date":"25740114"})"));
        QVERIFY(!VirtualCitizen::fromJson("[]"));
    }

    void vpcdClient_controlsAndApdus_followTheWireProtocol() {
        auto c = makeCard(QStringLiteral("standard"));
        QVERIFY(c);
        const QByteArray atr = c->atr();
        FakeVpcd vpcd;
        VpcdClient client(std::move(*c));
        QVERIFY(client.connectTo(vpcd.port, 2000));
        QVERIFY(vpcd.accept());
        QString reason;
        std::thread serving([&] { reason = client.serve(); });
        vpcd.send(h("04"));  // get ATR
        QCOMPARE(vpcd.receive().value_or(QByteArray()), atr);
        vpcd.send(h("01"));  // power on: no answer
        vpcd.send(h("00A4040008A000000054480001"));
        QCOMPARE(vpcd.receive().value_or(QByteArray()), h("610A"));
        vpcd.send(h("02"));  // reset forgets the selection
        vpcd.send(h("80B0000402000D"));
        QCOMPARE(vpcd.receive().value_or(QByteArray()), h("6985"));
        ::shutdown(vpcd.peer, SHUT_RDWR);
        serving.join();
        QCOMPARE(client.apduCount(), 2);
        QCOMPARE(reason, QStringLiteral("vpcd closed the connection"));
    }

    void vpcdClient_removeAtProfile_hangsUpAtThatApdu() {
        auto p = CardProfile::named(QStringLiteral("remove-at"));
        QVERIFY(p);
        p->removeAtApdu = 2;
        auto citizen =
            VirtualCitizen::fromFile(test::sourceDir() + QStringLiteral("/sim/cards/malee.json"));
        QVERIFY(citizen);
        QVERIFY(citizen->loadPhoto(test::sharedDataDir()));
        auto c = VirtualThaiIdCard::create(*citizen, *p);
        QVERIFY(c);
        FakeVpcd vpcd;
        VpcdClient client(std::move(*c));
        QVERIFY(client.connectTo(vpcd.port, 2000));
        QVERIFY(vpcd.accept());
        std::thread serving([&] { client.serve(); });
        vpcd.send(h("00A4040008A000000054480001"));
        QVERIFY(vpcd.receive());
        vpcd.send(h("80B0000402000D"));
        QVERIFY(!vpcd.receive());  // the card left instead of answering
        serving.join();
    }

    void vpcdClient_noVpcd_failsWithHint() {
        auto c = makeCard(QStringLiteral("standard"));
        QVERIFY(c);
        quint16 port = 0;
        {
            FakeVpcd closed;  // take a free port, then release it
            port = closed.port;
        }
        VpcdClient client(std::move(*c));
        auto r = client.connectTo(port, 200);
        QVERIFY(!r);
        QVERIFY(r.error().contains(QStringLiteral("vpcd")));
    }
};

QTEST_GUILESS_MAIN(TstVirtualThaiIdCard)
#include "tst_virtual_thai_id_card.moc"
