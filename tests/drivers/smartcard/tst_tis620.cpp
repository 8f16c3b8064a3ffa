// TIS-620 <-> Unicode: the whole table, Thai digits, undefined bytes.
#include "tis620.h"

#include <QTest>

using namespace kiosk::card;

class TstTis620 : public QObject {
    Q_OBJECT
private slots:
    void decode_ascii_isUnchanged() {
        QCOMPARE(tis620::decode("Mr.#Somchai##Jaidee 123"),
                 QStringLiteral("Mr.#Somchai##Jaidee 123"));
    }

    void decode_everyDefinedByte_mapsToThaiBlock() {
        int defined = 0;
        for (int b = 0xA1; b <= 0xFB; ++b) {
            const char byte = static_cast<char>(b);
            const QString s = tis620::decode(QByteArrayView(&byte, 1));
            QCOMPARE(s.size(), 1);
            if (tis620::isUndefined(static_cast<unsigned char>(b))) {
                QCOMPARE(s.at(0), QChar(QChar::ReplacementCharacter));
            } else {
                QCOMPARE(s.at(0).unicode(), static_cast<char16_t>(b - 0xA1 + 0x0E01));
                ++defined;
            }
        }
        QCOMPARE(defined, 87);  // 0xA1-0xDA (58) + 0xDF-0xFB (29)
    }

    void decode_thaiWordsAndDigits_matchUnicode() {
        QCOMPARE(tis620::decode("\xCA\xC1\xAA\xD2\xC2"), QStringLiteral("สมชาย"));
        QCOMPARE(tis620::decode("\xF0\xF1\xF2\xF3\xF4\xF5\xF6\xF7\xF8\xF9"),
                 QStringLiteral("๐๑๒๓๔๕๖๗๘๙"));
        QCOMPARE(tis620::decode("\xDF"), QStringLiteral("฿"));
        QCOMPARE(tis620::decode("\xFB"), QStringLiteral("\u0E5B"));
    }

    void decode_undefinedBytes_becomeReplacementCharacters() {
        for (int b : {0x80, 0x9F, 0xA0, 0xDB, 0xDE, 0xFC, 0xFF}) {
            const char byte = static_cast<char>(b);
            QCOMPARE(tis620::decode(QByteArrayView(&byte, 1)),
                     QString(QChar::ReplacementCharacter));
        }
    }

    void encode_decode_roundTripsEveryCharacter() {
        QByteArray all;
        for (int b = 0x01; b <= 0xFF; ++b) {
            if (!tis620::isUndefined(static_cast<unsigned char>(b))) {
                all.append(static_cast<char>(b));
            }
        }
        const auto back = tis620::encode(tis620::decode(all));
        QVERIFY(back);
        QCOMPARE(*back, all);
    }

    void encode_nonThaiCharacter_fails() {
        QVERIFY(!tis620::encode(QStringLiteral("é")));
        QVERIFY(!tis620::encode(QStringLiteral("\u0E3B")));  // unassigned in the Thai block
        QVERIFY(!tis620::encode(QStringLiteral("日本")));
    }
};

QTEST_GUILESS_MAIN(TstTis620)
#include "tst_tis620.moc"
