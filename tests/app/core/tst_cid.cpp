// CID check digit and masking. Expected check digits were worked by hand:
// sum of d[i] * (13 - i) over the first 12 digits, check = (11 - sum % 11) % 10.
#include "cid.h"

#include <QTest>

using namespace kiosk;

class TestCid : public QObject {
    Q_OBJECT
private slots:
    void checkDigit_handWorkedExamples_match_data() {
        QTest::addColumn<QString>("first12");
        QTest::addColumn<int>("expected");
        QTest::newRow("sum 146 -> 8") << "110170023070" << 8;
        QTest::newRow("sum 105 -> 5") << "310060000000" << 5;
        QTest::newRow("sum%11 == 1 -> 0") << "010000000000" << 0;
        QTest::newRow("sum%11 == 0 -> 1") << "000000000000" << 1;
        QTest::newRow("sum 13 -> 9") << "100000000000" << 9;
    }
    void checkDigit_handWorkedExamples_match() {
        QFETCH(QString, first12);
        QFETCH(int, expected);
        QCOMPARE(cid::checkDigit(first12), std::optional<int>(expected));
    }

    void checkDigit_wrongLengthOrLetters_nullopt() {
        QCOMPARE(cid::checkDigit(u"11017002307"), std::nullopt);
        QCOMPARE(cid::checkDigit(u"1101700230701"), std::nullopt);
        QCOMPARE(cid::checkDigit(u"11017002307a"), std::nullopt);
    }

    void isValid_correctAndGrouped_true() {
        QVERIFY(cid::isValid(u"1101700230708"));
        QVERIFY(cid::isValid(u"1-1017-00230-70-8"));
        QVERIFY(cid::isValid(u"1 1017 00230 70 8"));
        // Thai digits as printed on some documents.
        QVERIFY(cid::isValid(
            u"\u0E51\u0E51\u0E50\u0E51\u0E57\u0E50\u0E50\u0E52\u0E53\u0E50\u0E57\u0E50\u0E58"));
    }

    void isValid_wrongCheckDigitOrShape_false() {
        QVERIFY(!cid::isValid(u"1101700230709"));
        QVERIFY(!cid::isValid(u"110170023070"));
        QVERIFY(!cid::isValid(u"11017002307088"));
        QVERIFY(!cid::isValid(u"1101700230X08"));
        QVERIFY(!cid::isValid(u""));
    }

    void mask_validCid_keepsFirstFiveAndCheckDigit() {
        QCOMPARE(cid::mask(u"1101700230708"), QStringLiteral("1-1017-xxxxx-xx-8"));
        QCOMPARE(cid::mask(u"1-1017-00230-70-8"), QStringLiteral("1-1017-xxxxx-xx-8"));
    }

    void mask_notThirteenDigits_fullyMasked() {
        QCOMPARE(cid::mask(u"12345"), QStringLiteral("x-xxxx-xxxxx-xx-x"));
    }

    void maskInText_cidsInAnyGrouping_masked_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "read cid=1101700230708 ok"
                               << "read cid=1-1017-xxxxx-xx-8 ok";
        QTest::newRow("dashes") << "cid 1-1017-00230-70-8."
                                << "cid 1-1017-xxxxx-xx-8.";
        QTest::newRow("spaces") << "1 1017 00230 70 8"
                                << "1-1017-xxxxx-xx-8";
        QTest::newRow("two") << "a 3100600000005 b 1101700230708"
                             << "a 3-1006-xxxxx-xx-5 b 1-1017-xxxxx-xx-8";
        QTest::newRow("invalid check digit still masked") << "x1101700230709"
                                                          << "x1-1017-xxxxx-xx-9";
        QTest::newRow("json") << "{\"cid\":\"1101700230708\"}"
                              << "{\"cid\":\"1-1017-xxxxx-xx-8\"}";
    }
    void maskInText_cidsInAnyGrouping_masked() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(cid::maskInText(text), expected);
    }

    void maskInText_otherNumbers_untouched() {
        const QString text =
            QStringLiteral("took 1234 ms, order 123456789012, card 12345678901234");
        QCOMPARE(cid::maskInText(text), text);
    }
};

QTEST_APPLESS_MAIN(TestCid)
#include "tst_cid.moc"
