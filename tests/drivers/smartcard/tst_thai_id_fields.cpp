// Field decoders: padding, `#` names and addresses, BE dates, sex, CID.
#include "thai_id_fields.h"
#include "tis620.h"

#include <QTest>

using namespace kiosk::card;

class TstThaiIdFields : public QObject {
    Q_OBJECT
private slots:
    void decodeTextField_trailingPadding_isDropped() {
        QCOMPARE(decodeTextField(QByteArrayView("Mr.#Somchai##Jaidee      ")),
                 QStringLiteral("Mr.#Somchai##Jaidee"));
        QCOMPARE(decodeTextField(QByteArrayView("abc\0\0\0", 6)), QStringLiteral("abc"));
        QCOMPARE(decodeTextField(QByteArrayView("abc\xFF\xFF", 5)), QStringLiteral("abc"));
        QCOMPARE(decodeTextField(QByteArrayView("    ")), QString());
    }

    void parseName_fourParts_splitsPrefixFirstMiddleLast() {
        const auto n = parseName(QStringLiteral("นาย#สมชาย#ปีเตอร์#ใจดี"));
        QCOMPARE(n.prefix, QStringLiteral("นาย"));
        QCOMPARE(n.first, QStringLiteral("สมชาย"));
        QCOMPARE(n.middle, QStringLiteral("ปีเตอร์"));
        QCOMPARE(n.last, QStringLiteral("ใจดี"));
        QCOMPARE(n.display(), QStringLiteral("นาย สมชาย ปีเตอร์ ใจดี"));
    }

    void parseName_emptyMiddle_staysEmpty() {
        const auto n = parseName(QStringLiteral("Mr.#Somchai##Jaidee"));
        QCOMPARE(n.middle, QString());
        QCOMPARE(n.display(), QStringLiteral("Mr. Somchai Jaidee"));
    }

    void parseName_fewerOrMoreParts_isTolerated() {
        QCOMPARE(parseName(QStringLiteral("Somchai")).prefix, QStringLiteral("Somchai"));
        QCOMPARE(parseName(QStringLiteral("Mr.#Somchai")).first, QStringLiteral("Somchai"));
        QCOMPARE(parseName(QStringLiteral("Mr.#A#B#C#D")).last, QStringLiteral("C D"));
        QVERIFY(parseName(QString()).isEmpty());
    }

    void parseAddress_eightParts_mapsEachPart() {
        const auto a = parseAddress(
            QStringLiteral("99/9#หมู่ที่ 4##ซอยทดลอง#ถนนตัวอย่าง#แขวงสีลม#เขตบางรัก#กรุงเทพมหานคร"));
        QCOMPARE(a.houseNo, QStringLiteral("99/9"));
        QCOMPARE(a.villageNo, QStringLiteral("หมู่ที่ 4"));
        QCOMPARE(a.lane, QString());
        QCOMPARE(a.soi, QStringLiteral("ซอยทดลอง"));
        QCOMPARE(a.road, QStringLiteral("ถนนตัวอย่าง"));
        QCOMPARE(a.subdistrict, QStringLiteral("แขวงสีลม"));
        QCOMPARE(a.district, QStringLiteral("เขตบางรัก"));
        QCOMPARE(a.province, QStringLiteral("กรุงเทพมหานคร"));
        QCOMPARE(a.display(),
                 QStringLiteral("99/9 หมู่ที่ 4 ซอยทดลอง ถนนตัวอย่าง แขวงสีลม เขตบางรัก กรุงเทพมหานคร"));
    }

    void parseAddress_extraParts_joinProvince() {
        const auto a = parseAddress(QStringLiteral("1#2#3#4#5#6#7#8#9"));
        QCOMPARE(a.province, QStringLiteral("8 9"));
    }

    void parseBuddhistDate_fullDate_convertsToCe() {
        auto d = parseBuddhistDate("25300115");
        QVERIFY(d);
        QCOMPARE(d->toIso(), QStringLiteral("1987-01-15"));
        QVERIFY(!d->isPartial());
        QCOMPARE(d->latestPossible(), QDate(1987, 1, 15));
    }

    void toBuddhistYmd_isTheInverseOfParse_emptyWithoutYear() {
        for (const char* raw : {"25300115", "24950600", "24800000"}) {
            auto d = parseBuddhistDate(raw);
            QVERIFY(d);
            QCOMPARE(d->toBuddhistYmd(), QString::fromLatin1(raw));
        }
        QVERIFY(CardDate{}.toBuddhistYmd().isEmpty());
    }

    void parseBuddhistDate_unknownDay_isPartialMonth() {
        auto d = parseBuddhistDate("24950600");
        QVERIFY(d);
        QCOMPARE(d->toIso(), QStringLiteral("1952-06"));
        QVERIFY(d->isPartial());
        QCOMPARE(d->latestPossible(), QDate(1952, 6, 30));
    }

    void parseBuddhistDate_unknownMonthAndDay_isYearOnly() {
        auto d = parseBuddhistDate("24800000");
        QVERIFY(d);
        QCOMPARE(d->toIso(), QStringLiteral("1937"));
        QCOMPARE(d->latestPossible(), QDate(1937, 12, 31));
    }

    void parseBuddhistDate_leapDay_followsCeCalendar() {
        QVERIFY(parseBuddhistDate("25430229"));   // 2000-02-29
        QVERIFY(!parseBuddhistDate("25440229"));  // 2001 is not a leap year
    }

    void parseBuddhistDate_malformed_fails() {
        QVERIFY(!parseBuddhistDate("2530011"));   // short
        QVERIFY(!parseBuddhistDate("2530O115"));  // letter O
        QVERIFY(!parseBuddhistDate("25301315"));  // month 13
        QVERIFY(!parseBuddhistDate("25300132"));  // day 32
        QVERIFY(!parseBuddhistDate("25300015"));  // day without month
        QVERIFY(!parseBuddhistDate("19870115"));  // CE, not BE
        QVERIFY(!parseBuddhistDate("        "));  // blank
    }

    void parseSex_codes_mapToSex() {
        QCOMPARE(parseSex("1"), Sex::Male);
        QCOMPARE(parseSex("2"), Sex::Female);
        QCOMPARE(parseSex("0"), Sex::Unknown);
        QCOMPARE(parseSex(" "), Sex::Unknown);
        QCOMPARE(sexName(Sex::Female), QStringLiteral("female"));
    }

    void parseCid_thirteenDigits_isReturned() {
        auto c = parseCid("1101700230708");
        QVERIFY(c);
        QCOMPARE(*c, QStringLiteral("1101700230708"));
    }

    void parseCid_wrongShape_fails() {
        QVERIFY(!parseCid("110170023070"));
        QVERIFY(!parseCid("11017002307O8"));
        QVERIFY(!parseCid(""));
    }
};

QTEST_GUILESS_MAIN(TstThaiIdFields)
#include "tst_thai_id_fields.moc"
