// Printed card against chip: matches, OCR noise, real differences, unreadable fields.
#include "cross_check.h"

#include <QJsonArray>
#include <QTest>

using namespace kiosk;
using namespace kiosk::ocr;

namespace {

card::CardData chip() {
    card::CardData c;
    c.cid = QStringLiteral("1101700230708");
    c.nameTh = card::parseName(QStringLiteral("นาย#สมชาย##ทดสอบดี"));
    c.nameEn = card::parseName(QStringLiteral("Mr.#Somchai##Thotsopdee"));
    c.birthDate = card::CardDate{1987, 1, 15};
    c.expiryDate = card::CardDate{2031, 1, 14};
    c.laserCode = QStringLiteral("JT0-1234567-89");
    return c;
}

FrontFields printed() {
    FrontFields f;
    f.cid = QStringLiteral("1101700230708");
    f.cidValid = true;
    f.nameTh = parseThaiName(u"นาย สมชาย ทดสอบดี");
    f.nameEn = parseEnglishName(u"Mr. Somchai", u"Thotsopdee");
    f.birthDate = CardDate{1987, 1, 15};
    f.expiryDate = CardDate{2031, 1, 14};
    return f;
}

CheckStatus statusOf(const CrossCheckReport& r, const char* field) {
    for (const auto& c : r.checks) {
        if (c.field == QLatin1String(field)) {
            return c.status;
        }
    }
    return CheckStatus::NotChecked;
}

}  // namespace

class TstCrossCheck : public QObject {
    Q_OBJECT

private slots:
    void crossCheck_sameCard_consistent() {
        const auto r = crossCheck(printed(), BackFields{QStringLiteral("JT0123456789")}, chip());
        QVERIFY(r.consistent());
        QCOMPARE(statusOf(r, "cid"), CheckStatus::Match);
        QCOMPARE(statusOf(r, "name_th"), CheckStatus::Match);
        QCOMPARE(statusOf(r, "name_en"), CheckStatus::Match);
        QCOMPARE(statusOf(r, "birth_date"), CheckStatus::Match);
        QCOMPARE(statusOf(r, "laser_code"), CheckStatus::Match);
    }
    void crossCheck_otherCid_differsWithReason() {
        FrontFields f = printed();
        f.cid = QStringLiteral("3101700230701");  // valid check digit, another person
        const auto r = crossCheck(f, std::nullopt, chip());
        QVERIFY(!r.consistent());
        QCOMPARE(r.mismatches().size(), 1);
        QCOMPARE(r.mismatches().first().field, QStringLiteral("cid"));
        QVERIFY(r.mismatches().first().reason.contains(QStringLiteral("2 of 13")));
        QVERIFY(!r.mismatches().first().reason.contains(QStringLiteral("1101700230708")));
    }
    void crossCheck_oneCharOcrSlip_approximate() {
        FrontFields f = printed();
        f.nameTh = parseThaiName(u"นาย สมชาย ทดสอบดิ");
        const auto r = crossCheck(f, std::nullopt, chip());
        QCOMPARE(statusOf(r, "name_th"), CheckStatus::Approximate);
        QVERIFY(r.consistent());
    }
    void crossCheck_otherName_differs() {
        FrontFields f = printed();
        f.nameTh = parseThaiName(u"นางสาว มาลี ใจดี");
        const auto r = crossCheck(f, std::nullopt, chip());
        QCOMPARE(statusOf(r, "name_th"), CheckStatus::Differs);
        QVERIFY(!r.consistent());
    }
    void crossCheck_englishCaseAndDots_match() {
        FrontFields f = printed();
        f.nameEn = parseEnglishName(u"MR SOMCHAI", u"THOTSOPDEE");
        QCOMPARE(statusOf(crossCheck(f, std::nullopt, chip()), "name_en"), CheckStatus::Match);
    }
    void crossCheck_birthYearDiffers_flagged() {
        FrontFields f = printed();
        f.birthDate = CardDate{1988, 1, 15};
        const auto r = crossCheck(f, std::nullopt, chip());
        QCOMPARE(statusOf(r, "birth_date"), CheckStatus::Differs);
        QCOMPARE(r.mismatches().first().reason, QStringLiteral("year differs"));
    }
    void crossCheck_partialChipDate_comparedAsFarAsKnown() {
        card::CardData c = chip();
        c.birthDate = card::CardDate{1987, 0, 0};
        QCOMPARE(statusOf(crossCheck(printed(), std::nullopt, c), "birth_date"),
                 CheckStatus::Match);
    }
    void crossCheck_unreadableFields_notMismatches() {
        FrontFields f;
        const auto r = crossCheck(f, BackFields{}, chip());
        QVERIFY(r.consistent());
        QCOMPARE(statusOf(r, "cid"), CheckStatus::Unreadable);
        QCOMPARE(statusOf(r, "laser_code"), CheckStatus::Unreadable);
    }
    void crossCheck_laserDiffers_flagged() {
        const auto r = crossCheck(std::nullopt, BackFields{QStringLiteral("JT0123456780")}, chip());
        QCOMPARE(statusOf(r, "laser_code"), CheckStatus::Differs);
        QVERIFY(!r.consistent());
    }
    void crossCheck_chipWithoutLaser_notChecked() {
        card::CardData c = chip();
        c.laserCode.clear();
        const auto r = crossCheck(std::nullopt, BackFields{QStringLiteral("JT0123456789")}, c);
        QCOMPARE(statusOf(r, "laser_code"), CheckStatus::NotChecked);
    }
    void toJson_mismatch_listsFieldAndStatus() {
        FrontFields f = printed();
        f.birthDate = CardDate{1987, 2, 15};
        const QJsonObject j = crossCheck(f, std::nullopt, chip()).toJson();
        QCOMPARE(j.value(QStringLiteral("consistent")).toBool(), false);
        bool seen = false;
        for (const auto v : j.value(QStringLiteral("checks")).toArray()) {
            const QJsonObject o = v.toObject();
            if (o.value(QStringLiteral("field")).toString() == QLatin1String("birth_date")) {
                seen = o.value(QStringLiteral("status")).toString() == QLatin1String("differs");
            }
        }
        QVERIFY(seen);
    }
};

QTEST_GUILESS_MAIN(TstCrossCheck)
#include "tst_cross_check.moc"
