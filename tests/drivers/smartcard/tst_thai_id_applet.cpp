// The applet reader against the virtual card in-process (no pcscd): read
// plan, whole-identity decoding, reset retry, all-or-nothing failures.
#include "card_test_support.h"
#include "thai_id_applet.h"

#include <QTest>

using namespace kiosk;
using namespace kiosk::card;

class TstThaiIdApplet : public QObject {
    Q_OBJECT

    static test::VirtualCardTransport transport(
        const QString& profile, const QString& file = QStringLiteral("somchai.json")) {
        auto card = test::virtualCard(profile, file);
        if (!card) {
            qFatal("%s", qPrintable(card.error()));
        }
        return test::VirtualCardTransport(std::move(*card));
    }

private slots:
    void planReads_allFields_needsTwentyThreeReads() {
        using namespace thaiid;
        const auto plan = planReads({kCid, kNameTh, kNameEn, kBirthDate, kSex, kIssuer, kIssueDate,
                                     kExpiryDate, kAddress, kPhoto});
        QCOMPARE(plan.size(), 2 + 20 + 1);
        QCOMPARE(plan.at(0), (Range{0x0004, 0xE2 - 0x04}));   // CID .. sex
        QCOMPARE(plan.at(1), (Range{0x00F6, 0x177 - 0xF6}));  // issuer .. expiry
        QCOMPARE(plan.at(2), (Range{0x017B, 255}));           // photo chunk 1
        QCOMPARE(plan.at(21), (Range{0x017B + 19 * 255, 255}));
        QCOMPARE(plan.at(22), kAddress);
        for (const Range& r : plan) {
            QVERIFY(r.length <= 255);
        }
    }

    void planReads_withoutPhoto_needsThreeReads() {
        using namespace thaiid;
        QCOMPARE(planReads({kCid, kNameTh, kNameEn, kBirthDate, kSex, kIssuer, kIssueDate,
                            kExpiryDate, kAddress})
                     .size(),
                 3);
    }

    void planReads_farApartFields_stayApart() {
        using namespace thaiid;
        QCOMPARE(planReads({kCid, kAddress}).size(), 2);
        QCOMPARE(planReads({kCid}), (QList<Range>{kCid}));
    }

    void readThaiId_standardCard_decodesEveryField() {
        auto t = transport(QStringLiteral("standard"));
        ApduStats stats;
        auto data = readThaiId(t, ReadOptions{}, &stats);
        QVERIFY2(data, qPrintable(data ? QString() : data.error().summary()));
        QCOMPARE(data->cid, QStringLiteral("1101700230708"));
        QVERIFY(data->cidValid());
        QCOMPARE(data->nameTh.display(), QStringLiteral("นาย สมชาย ทดสอบดี"));
        QCOMPARE(data->nameEn.last, QStringLiteral("Thotsopdee"));
        QCOMPARE(data->birthDate.toIso(), QStringLiteral("1987-01-15"));
        QCOMPARE(data->issueDate.toIso(), QStringLiteral("2023-03-01"));
        QCOMPARE(data->expiryDate.toIso(), QStringLiteral("2031-01-14"));
        QCOMPARE(data->address.district, QStringLiteral("เขตบางรัก"));
        QCOMPARE(data->laserCode, QStringLiteral("JT0-1234567-89"));
        QVERIFY(isCompleteJpeg(data->photoJpeg));
        QCOMPARE(stats.apdus, 1 + 23 * 2 + 2);
        QCOMPARE(stats.apdus, t.commands.size());
    }

    void readThaiId_t1Card_needsNoGetResponse() {
        auto t = transport(QStringLiteral("t1-direct"));
        ApduStats stats;
        auto data = readThaiId(t, ReadOptions{}, &stats);
        QVERIFY(data);
        QCOMPARE(stats.apdus, 1 + 23 + 2);
        for (const QByteArray& c : t.commands) {
            QVERIFY(!c.startsWith(QByteArray::fromHex("00C0")));
        }
    }

    void readThaiId_femaleCardWithoutRoad_keepsEmptyParts() {
        auto t = transport(QStringLiteral("standard"), QStringLiteral("malee.json"));
        auto data = readThaiId(t, ReadOptions{});
        QVERIFY(data);
        QCOMPARE(data->sex, Sex::Female);
        QCOMPARE(data->address.road, QString());
        QCOMPARE(data->address.province, QStringLiteral("จังหวัดเชียงใหม่"));
    }

    void readThaiId_resetOnce_reconnectsAndSucceeds() {
        auto t = transport(QStringLiteral("standard"));
        t.resetAtApdu = 5;
        auto data = readThaiId(t, ReadOptions{});
        QVERIFY2(data, qPrintable(data ? QString() : data.error().summary()));
        QCOMPARE(t.reconnects, 1);
        QCOMPARE(data->cid, QStringLiteral("1101700230708"));
    }

    void readThaiId_resetEveryTime_failsCardResetAfterOneRetry() {
        struct Always : test::VirtualCardTransport {
            using VirtualCardTransport::VirtualCardTransport;
            Result<QByteArray, CardError> transmit(const QByteArray&) override {
                return fail(makeError(CardError::Code::CardReset, QStringLiteral("reset")));
            }
        };
        auto card = test::virtualCard(QStringLiteral("standard"));
        QVERIFY(card);
        Always always(std::move(*card));
        auto failed = readThaiId(always, ReadOptions{});
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, CardError::Code::CardReset);
        QCOMPARE(always.reconnects, 1);
    }

    void readThaiId_removedMidRead_failsCardRemoved() {
        auto t = transport(QStringLiteral("remove-at"));
        auto data = readThaiId(t, ReadOptions{});
        QVERIFY(!data);
        QCOMPARE(data.error().code, CardError::Code::CardRemoved);
    }

    void readThaiId_garbage_failsProtocol() {
        auto t = transport(QStringLiteral("garbage"));
        auto data = readThaiId(t, ReadOptions{});
        QVERIFY(!data);
        QCOMPARE(data.error().code, CardError::Code::Protocol);
    }

    void readThaiId_corruptPhoto_failsCorruptData() {
        auto t = transport(QStringLiteral("corrupt-photo"));
        auto data = readThaiId(t, ReadOptions{});
        QVERIFY(!data);
        QCOMPARE(data.error().code, CardError::Code::CorruptData);
    }

    void readThaiId_noLaserApplet_isNotAnError() {
        auto t = transport(QStringLiteral("no-laser"));
        auto data = readThaiId(t, ReadOptions{});
        QVERIFY(data);
        QVERIFY(data->laserCode.isEmpty());
    }

    void readThaiId_withoutPhotoAndLaser_sendsFourApdus() {
        auto t = transport(QStringLiteral("t1-direct"));
        ReadOptions o;
        o.photo = false;
        o.laserCode = false;
        ApduStats stats;
        auto data = readThaiId(t, o, &stats);
        QVERIFY(data);
        QVERIFY(data->photoJpeg.isEmpty());
        QCOMPARE(stats.apdus, 4);
    }

    void readThaiId_notAThaiCard_failsNotThaiIdCard() {
        struct Foreign : CardTransport {
            Result<QByteArray, CardError> transmit(const QByteArray&) override {
                return QByteArray::fromHex("6A82");
            }
            QByteArray atr() const override { return QByteArray::fromHex("3B00"); }
            Protocol protocol() const override { return Protocol::T1; }
            Result<void, CardError> reconnect() override { return {}; }
        } foreign;
        auto data = readThaiId(foreign, ReadOptions{});
        QVERIFY(!data);
        QCOMPARE(data.error().code, CardError::Code::NotThaiIdCard);
    }

    void readThaiId_shortRead_failsProtocol() {
        struct Short : CardTransport {
            Result<QByteArray, CardError> transmit(const QByteArray& c) override {
                if (c.startsWith(QByteArray::fromHex("00A4"))) {
                    return QByteArray::fromHex("9000");
                }
                return QByteArray("123") + QByteArray::fromHex("9000");
            }
            QByteArray atr() const override { return QByteArray::fromHex("3B00"); }
            Protocol protocol() const override { return Protocol::T1; }
            Result<void, CardError> reconnect() override { return {}; }
        } shortCard;
        auto data = readThaiId(shortCard, ReadOptions{});
        QVERIFY(!data);
        QCOMPARE(data.error().code, CardError::Code::Protocol);
    }
};

QTEST_GUILESS_MAIN(TstThaiIdApplet)
#include "tst_thai_id_applet.moc"
