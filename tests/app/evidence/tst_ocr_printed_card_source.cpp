// The printed-card evidence source on rendered cards of a fictional citizen:
// what OCR reads feeds proofing's cross-check with the chip; a photo that is not
// a Thai ID card, or not an image at all, is an error naming the side.
#include "evidence.h"
#include "ocr_printed_card_source.h"
#include "proof_support.h"
#include "test_env.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace kiosk;
using kiosk::evidence::OcrPrintedCardSource;

class TestOcrPrintedCardSource : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<OcrPrintedCardSource> m_source;

    QString front() const { return m_dir.filePath(QStringLiteral("kanya-front.png")); }
    QString back() const { return m_dir.filePath(QStringLiteral("kanya-back.png")); }

private slots:
    void initTestCase() {
        QProcess gen;
        gen.start(test::program(QStringLiteral("kiosk-cardgen")),
                  {QStringLiteral("--citizen"),
                   test::sourceDir() + QStringLiteral("/sim/cards/kanya.json"),
                   QStringLiteral("--out"), m_dir.path()});
        QVERIFY(gen.waitForFinished(60000));
        QVERIFY2(gen.exitCode() == 0, gen.readAllStandardError().constData());
        auto source = OcrPrintedCardSource::create(cli::cardTemplatesDir());
        QVERIFY2(source, qPrintable(source ? QString() : source.error()));
        m_source = std::move(*source);
    }

    void read_renderedCard_fieldsAsPrinted() {
        auto r = m_source->read(front(), back());
        QVERIFY2(r, qPrintable(r ? QString() : r.error()));
        QCOMPARE(r->source, proofing::PrintedCardReading::Source::Ocr);
        QCOMPARE(r->cid, QStringLiteral("1103700456121"));
        QCOMPARE(r->firstNameTh, QStringLiteral("กัญญา"));
        QCOMPARE(r->lastNameTh, QStringLiteral("สาธิตดี"));
        QCOMPARE(r->birthDateBe, QStringLiteral("25320612"));
        QCOMPARE(proofing::normalizeLaserCode(r->laserCode), QStringLiteral("ME2046137518"));
        QCOMPARE(r->frontImageSha256.size(), 64);
        QVERIFY(r->frontImageSha256 != r->backImageSha256);
    }

    // The kiosk's camera frames stay in memory: the same reading, hashes of the same bytes.
    void readEncoded_imagesInMemory_sameAsFromFiles() {
        QByteArray bytes[2];
        for (int i = 0; i < 2; ++i) {
            QFile f(i == 0 ? front() : back());
            QVERIFY(f.open(QIODevice::ReadOnly));
            bytes[i] = f.readAll();
        }
        auto fromFiles = m_source->read(front(), back());
        auto fromMemory = m_source->readEncoded(bytes[0], bytes[1]);
        QVERIFY2(fromMemory, qPrintable(fromMemory ? QString() : fromMemory.error()));
        QVERIFY(fromFiles);
        QCOMPARE(fromMemory->cid, fromFiles->cid);
        QCOMPARE(fromMemory->firstNameTh, fromFiles->firstNameTh);
        QCOMPARE(fromMemory->lastNameTh, fromFiles->lastNameTh);
        QCOMPARE(fromMemory->birthDateBe, fromFiles->birthDateBe);
        QCOMPARE(fromMemory->laserCode, fromFiles->laserCode);
        QCOMPARE(fromMemory->frontImageSha256, proofing::sha256Hex(bytes[0]));
        QCOMPARE(fromMemory->backImageSha256, fromFiles->backImageSha256);

        auto junk = m_source->readEncoded(bytes[0], QByteArray("\x89PNG\r\n\x1a\n not really"));
        QVERIFY(!junk);
        QVERIFY2(junk.error().startsWith(QStringLiteral("back image")), qPrintable(junk.error()));
    }

    void read_renderedCardAgainstAnotherChip_crossCheckNamesEachMismatch() {
        auto r = m_source->read(front(), back());
        QVERIFY(r);
        proofing::ChipEvidence chip;
        chip.complete = true;
        chip.cid = QStringLiteral("1101700230708");
        chip.firstNameTh = QStringLiteral("สมชาย");
        chip.lastNameTh = QStringLiteral("ทดสอบดี");
        chip.birthDateBe = QStringLiteral("25300115");
        const auto e = proofing::crossCheckPrintedCard(chip, *r);
        QCOMPARE(e.consistentWithChip, std::optional<bool>(false));
        QStringList fields;
        for (const auto& m : e.mismatches) {
            fields << m.field;
        }
        QVERIFY2(fields.contains(QStringLiteral("cid")), qPrintable(fields.join(u',')));
        QVERIFY(fields.contains(QStringLiteral("birth_date")));
    }

    void read_sidesSwapped_failsNamingTheSide() {
        auto r = m_source->read(back(), front());
        QVERIFY(!r);
        QVERIFY2(r.error().startsWith(QStringLiteral("front image")), qPrintable(r.error()));
    }

    void read_notAThaiIdCard_fails() {
        // A specimen of another document (see the shared data's specimens.csv).
        const QString other = test::sharedDataDir() + QStringLiteral("/cards/specimens/card4.jpg");
        QVERIFY(QFile::exists(other));
        auto r = m_source->read(other, back());
        QVERIFY(!r);
        QVERIFY2(r.error().contains(QStringLiteral("front image")), qPrintable(r.error()));
    }

    void read_corruptOrMissingFile_fails() {
        const QString junk = m_dir.filePath(QStringLiteral("junk.png"));
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("\x89PNG\r\n\x1a\n not really");
        f.close();
        auto r = m_source->read(front(), junk);
        QVERIFY(!r);
        QVERIFY2(r.error().startsWith(QStringLiteral("back image")), qPrintable(r.error()));
        r = m_source->read(m_dir.filePath(QStringLiteral("absent.png")), back());
        QVERIFY(!r);
        QVERIFY2(r.error().startsWith(QStringLiteral("front image")), qPrintable(r.error()));
    }

    void create_noTemplates_failsNamingThem() {
        auto s = OcrPrintedCardSource::create(m_dir.filePath(QStringLiteral("no-templates")));
        QVERIFY(!s);
        QVERIFY2(s.error().contains(QStringLiteral("templates")), qPrintable(s.error()));
    }
};

QTEST_GUILESS_MAIN(TestOcrPrintedCardSource)
#include "tst_ocr_printed_card_source.moc"
