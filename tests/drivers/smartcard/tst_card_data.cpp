// CardData: zeroizing, JSON shape, JPEG checks, expiry.
#include "card_data.h"
#include "secure_wipe.h"

#include <QJsonObject>
#include <QTest>

using namespace kiosk;
using namespace kiosk::card;

namespace {
CardData sample() {
    CardData d;
    d.cid = QStringLiteral("1101700230708");
    d.nameTh = parseName(QStringLiteral("นาย#สมชาย##ทดสอบดี"));
    d.nameEn = parseName(QStringLiteral("Mr.#Somchai##Thotsopdee"));
    d.birthDate = *parseBuddhistDate("24950600");
    d.sex = Sex::Male;
    d.issueDate = *parseBuddhistDate("25660301");
    d.expiryDate = *parseBuddhistDate("25740114");
    d.address = parseAddress(QStringLiteral("99/9#หมู่ที่ 4######กรุงเทพมหานคร"));
    d.photoJpeg = QByteArray("\xFF\xD8 jpeg \xFF\xD9", 10);
    d.laserCode = QStringLiteral("JT0-1234567-89");
    d.atr = QByteArray::fromHex("3B67");
    return d;
}
}  // namespace

class TstCardData : public QObject {
    Q_OBJECT
private slots:
    void zeroize_ownedBuffer_overwritesEveryByte() {
        QByteArray secret("1101700230708");
        secret.detach();
        zeroize(secret);
        QCOMPARE(secret, QByteArray(13, '\0'));
        QString text = QStringLiteral("สมชาย");
        text.detach();
        zeroize(text);
        QCOMPARE(text, QString(5, QChar(0)));
    }

    void zeroize_sharedBuffer_leavesOtherCopyIntact() {
        QByteArray a("secret");
        QByteArray b = a;  // shared
        zeroize(b);
        QCOMPARE(a, QByteArray("secret"));
    }

    void clear_everyPersonalField_isEmptied() {
        CardData d = sample();
        d.clear();
        QVERIFY(d.cid.isEmpty());
        QVERIFY(d.nameTh.isEmpty());
        QVERIFY(d.nameEn.isEmpty());
        QVERIFY(d.address.isEmpty());
        QVERIFY(d.photoJpeg.isEmpty());
        QVERIFY(d.laserCode.isEmpty());
        QCOMPARE(d.birthDate.year, 0);
        QCOMPARE(d.sex, Sex::Unknown);
    }

    void toJson_sample_hasTheDocumentedKeys() {
        const QJsonObject j = sample().toJson();
        for (const char* key : {"cid", "cid_valid", "name_th", "name_en", "birth_date",
                                "birth_date_partial", "sex", "issuer", "issue_date", "expiry_date",
                                "address", "laser_code", "photo_sha256", "atr"}) {
            QVERIFY2(j.contains(QLatin1String(key)), key);
        }
        QCOMPARE(j.value(QStringLiteral("cid_valid")).toBool(), true);
        QCOMPARE(j.value(QStringLiteral("birth_date")).toString(), QStringLiteral("1952-06"));
        QCOMPARE(j.value(QStringLiteral("birth_date_partial")).toBool(), true);
        QCOMPARE(j.value(QStringLiteral("issue_date")).toString(), QStringLiteral("2023-03-01"));
        QCOMPARE(
            j.value(QStringLiteral("name_en")).toObject().value(QStringLiteral("first")).toString(),
            QStringLiteral("Somchai"));
        QCOMPARE(j.value(QStringLiteral("address"))
                     .toObject()
                     .value(QStringLiteral("province"))
                     .toString(),
                 QStringLiteral("กรุงเทพมหานคร"));
        QCOMPARE(j.value(QStringLiteral("atr")).toString(), QStringLiteral("3B 67"));
        QCOMPARE(j.value(QStringLiteral("photo_sha256")).toString().size(), 64);
    }

    void isExpired_comparesWithLastValidDay() {
        const CardData d = sample();
        QVERIFY(!d.isExpired(QDate(2031, 1, 14)));
        QVERIFY(d.isExpired(QDate(2031, 1, 15)));
        CardData lifelong;
        lifelong.expiryLifelong = true;
        QVERIFY(!lifelong.isExpired(QDate(2200, 1, 1)));
    }

    void isCompleteJpeg_needsSoiAndEoi() {
        QVERIFY(isCompleteJpeg(QByteArray("\xFF\xD8\x01\xFF\xD9", 5)));
        QVERIFY(!isCompleteJpeg(QByteArray("\x00\xD8\x01\xFF\xD9", 5)));
        QVERIFY(!isCompleteJpeg(QByteArray("\xFF\xD8\x01\x02\x03", 5)));
        QVERIFY(!isCompleteJpeg(QByteArray("\xFF\xD8", 2)));
    }

    void trimJpegPadding_dropsFillerAfterLastEoi() {
        const QByteArray raw =
            QByteArray("\xFF\xD8\x01\xFF\xD9\x02\xFF\xD9", 8) + QByteArray(20, '\0');
        QCOMPARE(trimJpegPadding(raw), QByteArray("\xFF\xD8\x01\xFF\xD9\x02\xFF\xD9", 8));
        QCOMPARE(trimJpegPadding(QByteArray(5, '\0')), QByteArray(5, '\0'));
    }
};

QTEST_GUILESS_MAIN(TstCardData)
#include "tst_card_data.moc"
