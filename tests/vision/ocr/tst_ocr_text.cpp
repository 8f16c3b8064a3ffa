// Validators and parsers for OCR text: CID, dates, laser code, names, CER.
#include "cid.h"
#include "ocr_text.h"

#include <QTest>

using namespace kiosk::ocr;

class TstOcrText : public QObject {
    Q_OBJECT

private slots:
    void extractCid_spacedDigits_returnsThirteen() {
        const auto r = extractCid(u"1 1017 00230 70 8");
        QVERIFY(r.has_value());
        QCOMPARE(*r, QStringLiteral("1101700230708"));
        QVERIFY(kiosk::cid::isValid(*r));
    }
    void extractCid_thaiDigits_mapped() {
        const auto r = extractCid(u"๑ ๑๐๑๗ ๐๐๒๓๐ ๗๐ ๘");
        QVERIFY(r.has_value());
        QCOMPARE(*r, QStringLiteral("1101700230708"));
    }
    // A stray "1" glued to the first group: both 13-digit windows pass the
    // check digit; the printed grouping tells which is the number.
    void extractCid_strayDigitTwoValidWindows_picksPrintedGroups() {
        const auto r = extractCid(u"17 4676 79920 21 8");
        QVERIFY(r.has_value());
        QCOMPARE(*r, QStringLiteral("7467679920218"));
        QVERIFY(kiosk::cid::isValid(QStringLiteral("1746767992021")));
        const auto spaced = extractCid(u"1 2 2118 93155 95 6");
        QVERIFY(spaced.has_value());
        QCOMPARE(*spaced, QStringLiteral("2211893155956"));
    }
    // The reader re-reads a CID whose gaps were lost or merged: the check
    // digit cannot see a misread third digit (weight 11).
    void findCid_grouping_reportedAsPrintedOrNot() {
        auto r = findCid(u"1 7303 62827 26 7");
        QVERIFY(r.has_value());
        QVERIFY(r->printedGroups);
        r = findCid(u"175036282726 7");
        QVERIFY(r.has_value());
        QCOMPARE(r->cid, QStringLiteral("1750362827267"));
        QVERIFY(kiosk::cid::isValid(r->cid));
        QVERIFY(!r->printedGroups);
        r = findCid(u"9 9999 99999 99 9");  // invalid, still grouped as printed
        QVERIFY(r.has_value());
        QVERIFY(r->printedGroups);
    }
    // No grouping to go by: the rightmost valid window (the label is on the left).
    void extractCid_strayDigitNoGroups_picksRightmost() {
        const auto r = extractCid(u"17467679920218");
        QVERIFY(r.has_value());
        QCOMPARE(*r, QStringLiteral("7467679920218"));
    }
    void extractCid_badCheckDigit_returnedNotCorrected() {
        const auto r = extractCid(u"9 9999 99999 99 9");
        QVERIFY(r.has_value());
        QCOMPARE(*r, QStringLiteral("9999999999999"));
        QVERIFY(!kiosk::cid::isValid(*r));
    }
    void extractCid_tooFewDigits_fails() { QVERIFY(!extractCid(u"1 1017 0023").has_value()); }
    void extractCid_extraDigits_picksValidWindow() {
        const auto r = extractCid(u"7 1 1017 00230 70 8");
        QVERIFY(r.has_value());
        QCOMPARE(*r, QStringLiteral("1101700230708"));
    }

    void parseThaiDate_abbreviatedMonth_convertsBuddhistEra() {
        const auto r = parseThaiDate(u"15 ม.ค. 2530");
        QVERIFY(r.has_value());
        QCOMPARE(r->toIso(), QStringLiteral("1987-01-15"));
    }
    void parseThaiDate_allAbbreviations_giveTheirMonth_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("month");
        const char16_t* abbrevs[] = {u"ม.ค.", u"ก.พ.", u"มี.ค.", u"เม.ย.", u"พ.ค.", u"มิ.ย.",
                                     u"ก.ค.", u"ส.ค.", u"ก.ย.", u"ต.ค.",  u"พ.ย.", u"ธ.ค."};
        for (int m = 0; m < 12; ++m) {
            const QString text =
                QStringLiteral("1 ") + QString::fromUtf16(abbrevs[m]) + QStringLiteral(" 2567");
            QTest::newRow(qPrintable(QString::number(m + 1))) << text << m + 1;
        }
    }
    void parseThaiDate_allAbbreviations_giveTheirMonth() {
        QFETCH(QString, text);
        QFETCH(int, month);
        const auto r = parseThaiDate(text);
        QVERIFY2(r.has_value(), qPrintable(text));
        QCOMPARE(r->month, month);
        QCOMPARE(r->year, 2024);
    }
    void parseThaiDate_missingDotsAndSpaces_parses() {
        const auto r = parseThaiDate(u"21มิย2539");
        QVERIFY(r.has_value());
        QCOMPARE(r->toIso(), QStringLiteral("1996-06-21"));
    }
    void parseThaiDate_fullMonthName_parses() {
        const auto r = parseThaiDate(u"3 กุมภาพันธ์ 2543");
        QVERIFY(r.has_value());
        QCOMPARE(r->toIso(), QStringLiteral("2000-02-03"));
    }
    void parseThaiDate_oneOcrSlip_toleratedWhenUnambiguous() {
        // "ส.ค" read as "ส.ศ." is still August: no other month is that close.
        const auto r = parseThaiDate(u"11 ส.ศ. 2564");
        QVERIFY(r.has_value());
        QCOMPARE(r->month, 8);
    }
    void parseThaiDate_ambiguousMonth_fails() {
        // "ข.ค." is one edit from ม.ค., ก.ค. and ต.ค.: refuse rather than guess.
        QVERIFY(!parseThaiDate(u"1 ข.ค. 2567").has_value());
    }
    void parseThaiDate_impossibleDay_fails() {
        QVERIFY(!parseThaiDate(u"31 ก.พ. 2567").has_value());
    }
    void parseThaiDate_garbage_fails() { QVERIFY(!parseThaiDate(u"ศาสนา พุทธ").has_value()); }

    void parseEnglishDate_cardStyle_parses() {
        const auto r = parseEnglishDate(u"21 Jun. 1996");
        QVERIFY(r.has_value());
        QCOMPARE(r->toIso(), QStringLiteral("1996-06-21"));
    }
    void parseEnglishDate_upperCaseFullMonth_parses() {
        const auto r = parseEnglishDate(u"1 SEPTEMBER 2031");
        QVERIFY(r.has_value());
        QCOMPARE(r->toIso(), QStringLiteral("2031-09-01"));
    }
    void parseEnglishDate_unknownMonth_fails() {
        QVERIFY(!parseEnglishDate(u"1 Foo 2000").has_value());
    }
    void parseEnglishDate_yearOutOfRange_fails() {
        QVERIFY(!parseEnglishDate(u"1 Jan 2543").has_value());
    }
    void isLifelong_thaiAndEnglish_true() {
        QVERIFY(isLifelong(u"ตลอด ชีพ"));
        QVERIFY(isLifelong(u"LIFELONG"));
        QVERIFY(!isLifelong(u"11 Aug. 2031"));
    }

    void parseLaserCode_printedForm_dropsDashes() {
        const auto r = parseLaserCode(u"JT0-1234567-89");
        QVERIFY(r.has_value());
        QCOMPARE(*r, QStringLiteral("JT0123456789"));
    }
    void parseLaserCode_ocrConfusions_repaired() {
        // O for 0 in a digit position, 0 for O in a letter position.
        const auto r = parseLaserCode(u"J7O-I234S67-89");
        QVERIFY(r.has_value());
        QCOMPARE(*r, QStringLiteral("JT0123456789"));
    }
    void parseLaserCode_strayPrefix_findsWindow() {
        const auto r = parseLaserCode(u"- AB1-2345678-90 .");
        QVERIFY(r.has_value());
        QCOMPARE(*r, QStringLiteral("AB1234567890"));
    }
    void parseLaserCode_tooShort_fails() { QVERIFY(!parseLaserCode(u"JT0-12345").has_value()); }
    void parseLaserCode_digitsOnly_fails() {
        QVERIFY(!parseLaserCode(u"340123456789").has_value());
        QVERIFY(!isValidLaserCode(u"340123456789"));
    }
    void formatLaserCode_valid_groupsWithDashes() {
        QCOMPARE(formatLaserCode(u"JT0123456789"), QStringLiteral("JT0-1234567-89"));
    }

    void parseThaiName_prefixFirstLast_split() {
        const auto n = parseThaiName(u"นาย สมชาย ทดสอบดี");
        QCOMPARE(n.prefix, QStringLiteral("นาย"));
        QCOMPARE(n.first, QStringLiteral("สมชาย"));
        QCOMPARE(n.last, QStringLiteral("ทดสอบดี"));
    }
    void parseThaiName_noSpaceAfterPrefix_split() {
        const auto n = parseThaiName(u"นางสาวมาลี ใจดี");
        QCOMPARE(n.prefix, QStringLiteral("นางสาว"));
        QCOMPARE(n.first, QStringLiteral("มาลี"));
        QCOMPARE(n.last, QStringLiteral("ใจดี"));
    }
    void parseThaiName_abbreviatedPrefix_canonical() {
        const auto n = parseThaiName(u"น.ส. มาลี ใจดี");
        QCOMPARE(n.prefix, QStringLiteral("นางสาว"));
    }
    void parseThaiName_label_dropped() {
        const auto n = parseThaiName(u"ชื่อตัวและชื่อสกุล นาง มาลี ใจดี");
        QCOMPARE(n.prefix, QStringLiteral("นาง"));
        QCOMPARE(n.first, QStringLiteral("มาลี"));
    }
    void parseThaiName_strayMarkBeforePrefix_dropped() {
        const auto n = parseThaiName(u"= นาย สมชาย ทดสอบดี");
        QCOMPARE(n.prefix, QStringLiteral("นาย"));
        QCOMPARE(n.first, QStringLiteral("สมชาย"));
    }
    void repairThaiMarks_loneNikhahit_becomesThanthakhat() {
        QCOMPARE(repairThaiMarks(u"เพชรรัตน\u0E4D"), QStringLiteral("เพชรรัตน์"));
        QCOMPARE(repairThaiMarks(u"ทองค\u0E4D\u0E32"), QStringLiteral("ทองค\u0E4D\u0E32"));
    }
    void repairThaiMarks_saraAiMalaiBeforeJoChan_becomesMaimalai() {
        QCOMPARE(repairThaiMarks(u"ดวงไจ"), QStringLiteral("ดวงใจ"));
        QCOMPARE(repairThaiMarks(u"ไจดี"), QStringLiteral("ใจดี"));
        QCOMPARE(repairThaiMarks(u"ไสว"), QStringLiteral("ไสว"));
        QCOMPARE(parseThaiName(u"นาย วิชัย ไจดี").last, QStringLiteral("ใจดี"));
    }
    void repairThaiMarks_doubledUpperVowel_keepsSecond() {
        QCOMPARE(repairThaiMarks(u"จันทร์เพิ็ญ"), QStringLiteral("จันทร์เพ็ญ"));
        QCOMPARE(repairThaiMarks(u"สมชาย"), QStringLiteral("สมชาย"));
    }
    void parseThaiName_empty_emptyFirst() { QVERIFY(parseThaiName(u"   ").first.isEmpty()); }

    void parseEnglishName_withLabels_split() {
        const auto n = parseEnglishName(u"Name Mr. Somchai", u"Last name Thotsopdee");
        QCOMPARE(n.prefix, QStringLiteral("Mr."));
        QCOMPARE(n.first, QStringLiteral("Somchai"));
        QCOMPARE(n.last, QStringLiteral("Thotsopdee"));
    }
    void parseEnglishName_prefixWithoutDot_canonical() {
        const auto n = parseEnglishName(u"MISS Malee", u"Jaidee");
        QCOMPARE(n.prefix, QStringLiteral("Miss"));
        QCOMPARE(n.first, QStringLiteral("Malee"));
    }
    void parseEnglishName_labelFragment_dropped() {
        auto n = parseEnglishName(u"iMrs. Kanchana", u"Wongsawat");
        QCOMPARE(n.prefix, QStringLiteral("Mrs."));
        QCOMPARE(n.first, QStringLiteral("Kanchana"));
        n = parseEnglishName(u"e Mr. Thanakorn", u"Chaimongkol");
        QCOMPARE(n.prefix, QStringLiteral("Mr."));
        QCOMPARE(n.first, QStringLiteral("Thanakorn"));
    }
    void parseEnglishName_noPrefix_firstKept() {
        const auto n = parseEnglishName(u"Somchai", u"Thotsopdee");
        QVERIFY(n.prefix.isEmpty());
        QCOMPARE(n.first, QStringLiteral("Somchai"));
    }

    void normalizeThai_saraAmSpellings_equal() {
        QCOMPARE(normalizeThai(u"ทองคำ"), normalizeThai(u"ทองค\u0E4D\u0E32"));
        QCOMPARE(normalizeThai(u"สม ชาย\u200B"), QStringLiteral("สมชาย"));
    }
    void normalizeEnglish_caseAndDots_folded() {
        QCOMPARE(normalizeEnglish(u"Mr. SomChai"), QStringLiteral("mrsomchai"));
    }
    void canonicalThaiPrefix_abbreviation_expanded() {
        QCOMPARE(canonicalThaiPrefix(u"ด.ช."), QStringLiteral("เด็กชาย"));
        QCOMPARE(canonicalThaiPrefix(u"นาย"), QStringLiteral("นาย"));
    }

    void editDistance_knownPairs_counted() {
        QCOMPARE(editDistance(u"kitten", u"sitting"), 3);
        QCOMPARE(editDistance(u"", u"abc"), 3);
        QCOMPARE(editDistance(u"สมชาย", u"สมชาย"), 0);
    }
    void characterErrorRate_oneSlipInFive_pointTwo() {
        QCOMPARE(characterErrorRate(u"abcde", u"abxde"), 0.2);
        QCOMPARE(characterErrorRate(u"abc", u""), 1.0);
        QCOMPARE(characterErrorRate(u"", u""), 0.0);
    }
};

QTEST_GUILESS_MAIN(TstOcrText)
#include "tst_ocr_text.moc"
