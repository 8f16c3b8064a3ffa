// Regression on a small fixed generated set and the specimen cards: locator,
// guidance, field reader (Tesseract tha + eng), cross-check and kioskctl ocr.
// The generated images are written to build/artifacts/tst_ocr_regression for
// inspection, never into the source tree.
#include "card_identity.h"
#include "card_renderer.h"
#include "card_scene.h"
#include "card_truth.h"
#include "cross_check.h"
#include "field_reader.h"
#include "ocr_image.h"
#include "test_env.h"

#include <QDir>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace kiosk;
using namespace kiosk::ocr;

class TstOcrRegression : public QObject {
    Q_OBJECT

private:
    QString m_data;
    cardgen::CardTemplates m_templates;
    QStringList m_photos;
    std::unique_ptr<FieldReader> m_reader;
    QString m_artifacts;

    cardgen::CardIdentity citizen(const char* file) {
        const auto id = cardgen::identityFromCitizenFile(
            QDir(test::sourceDir()).filePath(QStringLiteral("sim/cards/") + QLatin1String(file)),
            m_data);
        if (!id) {
            qFatal("citizen file: %s", qPrintable(id.error()));
        }
        return *id;
    }

    card::CardData chipOf(const cardgen::CardIdentity& id) {
        card::CardData c;
        c.cid = id.cid;
        c.nameTh = id.nameTh;
        c.nameEn = id.nameEn;
        c.birthDate = id.birthDate;
        c.expiryDate =
            card::CardDate{id.expiryDate.year(), id.expiryDate.month(), id.expiryDate.day()};
        c.laserCode = id.laserCode;
        return c;
    }

    cv::Mat clean(const cardgen::CardIdentity& id, cardgen::CardSide side, const QString& name) {
        std::mt19937 rng(1);
        const auto scene = cardgen::makeScene(cardgen::renderCard(id, side, m_templates),
                                              cardgen::Degradation::Clean, rng);
        cv::imwrite(QDir(m_artifacts).filePath(name).toStdString(), scene.bgr);
        return scene.bgr;
    }

private slots:
    void initTestCase() {
        m_data = test::sharedDataDir();
        auto templates = cardgen::loadTemplates(m_data);
        QVERIFY2(templates.has_value(),
                 qPrintable(templates.has_value() ? QString() : templates.error()));
        m_templates = *templates;
        m_photos = cardgen::facePhotos(m_data);
        auto locator =
            CardLocator::create(QDir(m_data).filePath(QStringLiteral("cards/templates")));
        QVERIFY2(locator.has_value(), "card templates missing in the shared data");
        auto engine = TesseractEngine::create();
        QVERIFY2(engine.has_value(),
                 qPrintable(engine.has_value() ? QString() : engine.error().detail));
        m_reader = std::make_unique<FieldReader>(std::move(*locator), std::move(*engine));
        m_artifacts = test::artifactsDir(QStringLiteral("tst_ocr_regression"));
    }

    void read_demoCitizenCleanFront_allFieldsExact() {
        const auto id = citizen("somchai.json");
        const auto r = m_reader->read(
            clean(id, cardgen::CardSide::Front, QStringLiteral("somchai-front.png")));
        QVERIFY(r.has_value());
        QCOMPARE(r->document, DocumentKind::ThaiId);
        QCOMPARE(r->side, Side::Front);
        QVERIFY(r->front.has_value());
        QCOMPARE(r->front->cid, id.cid);
        QVERIFY(r->front->cidValid);
        QCOMPARE(r->front->nameTh.prefix, id.nameTh.prefix);
        QCOMPARE(r->front->nameTh.first, id.nameTh.first);
        QCOMPARE(r->front->nameTh.last, id.nameTh.last);
        QCOMPARE(r->front->nameEn.display(), id.nameEn.display());
        QVERIFY(r->front->birthDate.has_value());
        QCOMPARE(r->front->birthDate->toIso(), QStringLiteral("1987-01-15"));
        QVERIFY(r->front->expiryDate.has_value());
        QCOMPARE(r->front->expiryDate->toIso(), QStringLiteral("2031-01-14"));
        QVERIFY(r->confidence.value(QStringLiteral("cid")) > 0.5);

        const auto same = crossCheck(r->front, std::nullopt, chipOf(id));
        QVERIFY2(same.consistent(), QJsonDocument(same.toJson()).toJson().constData());
        const auto other = crossCheck(r->front, std::nullopt, chipOf(citizen("malee.json")));
        QVERIFY(!other.consistent());
        QCOMPARE(other.mismatches().first().field, QStringLiteral("cid"));
    }

    void read_demoCitizenCleanBack_laserExact() {
        const auto id = citizen("somchai.json");
        const auto r =
            m_reader->read(clean(id, cardgen::CardSide::Back, QStringLiteral("somchai-back.png")));
        QVERIFY(r.has_value());
        QCOMPARE(r->side, Side::Back);
        QVERIFY(r->back.has_value());
        QCOMPARE(r->back->laserCode, QStringLiteral("JT0123456789"));
        QCOMPARE(r->toJson()
                     .value(QStringLiteral("fields"))
                     .toObject()
                     .value(QStringLiteral("laser_code"))
                     .toString(),
                 QStringLiteral("JT0123456789"));
    }

    void read_fixedMildSet_cardsFoundAndKeyFieldsRead() {
        constexpr int kCards = 4;
        int cidExact = 0;
        int laserExact = 0;
        for (int i = 0; i < kCards; ++i) {
            for (auto side : {cardgen::CardSide::Front, cardgen::CardSide::Back}) {
                const auto s = cardgen::generateSample(4242, i, side, cardgen::Degradation::Mild,
                                                       m_templates, m_photos);
                cv::imwrite(QDir(m_artifacts)
                                .filePath(QStringLiteral("mild-%1-%2.jpg").arg(i).arg(int(side)))
                                .toStdString(),
                            s.scene.bgr);
                const auto r = m_reader->read(s.scene.bgr);
                QVERIFY(r.has_value());
                QCOMPARE(r->document, DocumentKind::ThaiId);
                QCOMPARE(r->side, side == cardgen::CardSide::Front ? Side::Front : Side::Back);
                if (r->front && r->front->cid == s.identity.cid) {
                    ++cidExact;
                }
                if (r->back && r->back->laserCode == s.identity.laserCode) {
                    ++laserExact;
                }
            }
        }
        QVERIFY2(cidExact >= kCards - 1, qPrintable(QString::number(cidExact)));
        QVERIFY2(laserExact >= kCards - 1, qPrintable(QString::number(laserExact)));
    }

    // Moderate cards of the evaluation's seed whose outline fit failed: a
    // quad that cut off the card's top, and fronts on a background of the
    // card's own colour where the whole frame was taken for the card. The
    // front's fixed print is found by feature matching and the fields read.
    void read_frontsTheOutlineMissed_foundByTheirPrint() {
        for (const int i : {30, 36, 47, 95}) {
            const auto s =
                cardgen::generateSample(20261123, i, cardgen::CardSide::Front,
                                        cardgen::Degradation::Moderate, m_templates, m_photos);
            const auto r = m_reader->read(s.scene.bgr);
            QVERIFY(r.has_value());
            QCOMPARE(r->document, DocumentKind::ThaiId);
            QCOMPARE(r->side, Side::Front);
            QVERIFY(!r->located.wholeFrame);
            QVERIFY(r->front.has_value());
            QVERIFY2(r->front->cid == s.identity.cid,
                     qPrintable(QStringLiteral("card %1: %2").arg(i).arg(r->front->cid)));
        }
    }

    void locate_upsideDownCard_cornersUpright() {
        for (int i = 0; i < 60; ++i) {
            const auto s =
                cardgen::generateSample(77, i, cardgen::CardSide::Front,
                                        cardgen::Degradation::Moderate, m_templates, m_photos);
            if (!s.scene.upsideDown) {
                continue;
            }
            const auto located = m_reader->locator().locate(s.scene.bgr);
            QCOMPARE(located.document, DocumentKind::ThaiId);
            const double width = cv::norm(s.scene.corners[1] - s.scene.corners[0]);
            for (size_t k = 0; k < 4; ++k) {
                QVERIFY2(cv::norm(located.corners[k] - s.scene.corners[k]) < 0.05 * width,
                         qPrintable(QStringLiteral("corner %1").arg(k)));
            }
            return;
        }
        QFAIL("the generator made no upside-down card in 60 tries");
    }

    void guide_emptyFrame_noCard() {
        const cv::Mat frame(720, 1280, CV_8UC3, cv::Scalar(90, 100, 110));
        const auto located = m_reader->locator().locate(frame);
        QCOMPARE(m_reader->locator().guide(located), Guidance::NoCard);
    }

    void guide_smallCard_tooFar() {
        const auto id = citizen("somchai.json");
        const cv::Mat card = clean(id, cardgen::CardSide::Front, QStringLiteral("small.png"));
        cv::Mat frame(720, 1280, CV_8UC3, cv::Scalar(60, 60, 60));
        cv::Mat small;
        cv::resize(card, small, cv::Size(320, 202), 0, 0, cv::INTER_AREA);
        small.copyTo(frame(cv::Rect(480, 260, small.cols, small.rows)));
        const auto located = m_reader->locator().locate(frame);
        QCOMPARE(located.document, DocumentKind::ThaiId);
        QCOMPARE(m_reader->locator().guide(located), Guidance::TooFar);
    }

    void guide_backWhenFrontWanted_wrongSide() {
        const auto id = citizen("somchai.json");
        const auto located = m_reader->locator().locate(
            clean(id, cardgen::CardSide::Back, QStringLiteral("back.png")));
        QCOMPARE(m_reader->locator().guide(located, Side::Front), Guidance::WrongSide);
    }

    void read_drivingLicenceSpecimen_notThaiId() {
        const auto image =
            loadImageFile(QDir(m_data).filePath(QStringLiteral("cards/specimens/card4.jpg")));
        QVERIFY(image.has_value());
        const auto r = m_reader->read(*image);
        QVERIFY(r.has_value());
        QVERIFY(r->document != DocumentKind::ThaiId);
        QVERIFY(!r->front.has_value());
    }

    void read_specimenWithBadCheckDigit_flagged() {
        const auto image =
            loadImageFile(QDir(m_data).filePath(QStringLiteral("cards/specimens/card1.jpg")));
        QVERIFY(image.has_value());
        const auto r = m_reader->read(*image);
        QVERIFY(r.has_value());
        QCOMPARE(r->document, DocumentKind::ThaiId);
        QVERIFY(r->front.has_value());
        QCOMPARE(r->front->cid.size(), 13);
        QVERIFY(!r->front->cidValid);
    }

    void kioskctlOcr_notAnImage_failsWithCode() {
        const QString path = QDir(m_artifacts).filePath(QStringLiteral("not-an-image.jpg"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is text");
        f.close();
        QProcess p;
        p.start(test::program(QStringLiteral("kioskctl")),
                {QStringLiteral("--json"), QStringLiteral("ocr"), path});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY(p.exitCode() != 0);
        const auto json = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        QCOMPARE(
            json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
            QStringLiteral("image_unreadable"));
    }

    void kioskctlOcr_tinyImage_failsWithCode() {
        const QString path = QDir(m_artifacts).filePath(QStringLiteral("tiny.png"));
        QVERIFY(
            cv::imwrite(path.toStdString(), cv::Mat(20, 30, CV_8UC3, cv::Scalar(200, 200, 200))));
        QProcess p;
        p.start(test::program(QStringLiteral("kioskctl")),
                {QStringLiteral("--json"), QStringLiteral("ocr"), path});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY(p.exitCode() != 0);
        const auto json = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        QCOMPARE(
            json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
            QStringLiteral("image_too_small"));
    }

    void kioskctlOcr_cleanCard_printsFields() {
        const auto id = citizen("somchai.json");
        clean(id, cardgen::CardSide::Front, QStringLiteral("cli-front.png"));
        QProcess p;
        p.start(test::program(QStringLiteral("kioskctl")),
                {QStringLiteral("--json"), QStringLiteral("ocr"),
                 QDir(m_artifacts).filePath(QStringLiteral("cli-front.png")),
                 QStringLiteral("--side"), QStringLiteral("front")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const auto json = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        QCOMPARE(json.value(QStringLiteral("document")).toString(), QStringLiteral("thai_id"));
        QCOMPARE(json.value(QStringLiteral("side")).toString(), QStringLiteral("front"));
        const auto fields = json.value(QStringLiteral("fields")).toObject();
        QCOMPARE(fields.value(QStringLiteral("cid")).toString(), id.cid);
        QCOMPARE(fields.value(QStringLiteral("cid_valid")).toBool(), true);
        QCOMPARE(fields.value(QStringLiteral("birth_date")).toString(),
                 QStringLiteral("1987-01-15"));
        QVERIFY(json.contains(QStringLiteral("guidance")));
        QVERIFY(json.contains(QStringLiteral("ms")));
    }
};

QTEST_MAIN(TstOcrRegression)
#include "tst_ocr_regression.moc"
