// Head pose, eye and mouth ratios on real footage: the sign conventions the
// quality gate and the liveness challenges rely on ("turn to your right" is
// the citizen's right) are pinned here against annotated clips.
#include "face_aligner.h"
#include "face_geometry.h"
#include "face_image.h"
#include "face_test_data.h"

#include <QTest>
#include <QTransform>
#include <opencv2/videoio.hpp>
#include <optional>

using namespace kiosk::vision;
namespace data = kiosk::test::face;

namespace {

// The frame at `seconds` of a clip under ../shared/data/video, as RGB888.
QImage clipFrame(const QString& clip, double seconds) {
    cv::VideoCapture capture(data::facesFile(QStringLiteral("video/") + clip).toStdString());
    if (!capture.isOpened())
        return {};
    capture.set(cv::CAP_PROP_POS_MSEC, seconds * 1000.0);
    cv::Mat bgr;
    if (!capture.read(bgr) || bgr.empty())
        return {};
    QImage image(bgr.data, bgr.cols, bgr.rows, int(bgr.step), QImage::Format_BGR888);
    return image.convertToFormat(QImage::Format_RGB888);
}

}  // namespace

class TestFaceGeometry : public QObject {
    Q_OBJECT

private:
    std::optional<FaceAligner> m_aligner;

    // Landmarks of the single face in a frame; fails the test otherwise.
    std::vector<QPointF> landmarksOf(const QImage& image) {
        if (image.isNull())
            return {};
        auto face = m_aligner->alignSingle(image);
        if (!face)
            return {};
        return face->landmarks;
    }

    std::optional<HeadPose> poseAt(const QString& clip, double seconds) {
        const QImage frame = clipFrame(clip, seconds);
        const auto points = landmarksOf(frame);
        return estimateHeadPose(points, frame.size());
    }

private slots:
    void icaoPortrait_faceCentred_threeByFourAboutTwiceTheFace() {
        QImage frame(640, 480, QImage::Format_RGB888);
        frame.fill(Qt::gray);
        std::vector<QPointF> landmarks;
        for (int i = 0; i < 68; ++i) {
            landmarks.emplace_back(300 + (i % 10) * 4, 200 + (i / 10) * 8);  // x 300..336
        }
        const QImage portrait = icaoPortrait(frame, landmarks);
        // The landmarks span 37 px: the portrait is 1.9 times that wide, 3:4.
        QVERIFY(std::abs(portrait.width() - 70) <= 1);
        QVERIFY(std::abs(portrait.height() - 94) <= 1);
        const QImage decoded = QImage::fromData(encodeJpeg(portrait), "JPEG");
        QCOMPARE(decoded.size(), portrait.size());

        landmarks.pop_back();
        QVERIFY(icaoPortrait(frame, landmarks).isNull());
    }

    void initTestCase() {
        auto aligner = FaceAligner::load();
        QVERIFY2(aligner, qPrintable(aligner ? QString() : aligner.error().detail));
        m_aligner.emplace(std::move(*aligner));
        QVERIFY2(!clipFrame(QStringLiteral("katie_hill_talk.mp4"), 0.2).isNull(),
                 "cannot decode ../shared/data/video/katie_hill_talk.mp4");
    }

    void estimateHeadPose_frontalPortrait_nearZero() {
        const QImage image(data::facesFile(QStringLiteral("faces/portraits/obama.jpg")));
        const auto pose = estimateHeadPose(landmarksOf(image), image.size());
        QVERIFY(pose);
        QVERIFY2(qAbs(pose->yawDeg) < 12 && qAbs(pose->rollDeg) < 10,
                 qPrintable(QStringLiteral("yaw %1 roll %2").arg(pose->yawDeg).arg(pose->rollDeg)));
    }

    // annotations.csv: katie_hill_talk turns to her right (+25..32 deg) at
    // 1.3-2.4 s and to her left (-15..-23 deg) at 6.3-7.7 s.
    void estimateHeadPose_personTurnsToOwnRight_positiveYaw() {
        const auto neutral = poseAt(QStringLiteral("katie_hill_talk.mp4"), 0.3);
        const auto right = poseAt(QStringLiteral("katie_hill_talk.mp4"), 2.0);
        QVERIFY(neutral && right);
        QVERIFY2(
            right->yawDeg > 18 && right->yawDeg > neutral->yawDeg + 10,
            qPrintable(
                QStringLiteral("neutral %1 right %2").arg(neutral->yawDeg).arg(right->yawDeg)));
    }

    void estimateHeadPose_personTurnsToOwnLeft_negativeYaw() {
        const auto left = poseAt(QStringLiteral("katie_hill_talk.mp4"), 7.0);
        QVERIFY(left);
        QVERIFY2(left->yawDeg < -12, qPrintable(QString::number(left->yawDeg)));
    }

    void estimateHeadPose_imageRotatedClockwise_positiveRoll() {
        const QImage image(data::facesFile(QStringLiteral("faces/portraits/obama.jpg")));
        QVERIFY(!image.isNull());
        const QImage turned =
            image.transformed(QTransform().rotate(20), Qt::SmoothTransformation);  // clockwise
        const auto upright = estimateHeadPose(landmarksOf(image), image.size());
        const auto tilted = estimateHeadPose(landmarksOf(turned), turned.size());
        QVERIFY(upright && tilted);
        QVERIFY2(tilted->rollDeg - upright->rollDeg > 12,
                 qPrintable(QStringLiteral("%1 -> %2").arg(upright->rollDeg).arg(tilted->rollDeg)));
    }

    void estimateHeadPose_wrongPointCount_empty() {
        QVERIFY(!estimateHeadPose(std::vector<QPointF>(5), QSize(640, 480)));
        QVERIFY(!estimateHeadPose({}, QSize(640, 480)));
    }

    // annotations.csv: a blink at about 4.55 s in katie_hill_talk.
    void eyeAspectRatio_blink_dropsWellBelowOpen() {
        const double open =
            eyeAspectRatio(landmarksOf(clipFrame(QStringLiteral("katie_hill_talk.mp4"), 4.0)));
        double closed = 1.0;
        for (double t = 4.45; t <= 4.70; t += 0.04)
            closed = qMin(
                closed,
                eyeAspectRatio(landmarksOf(clipFrame(QStringLiteral("katie_hill_talk.mp4"), t))));
        QVERIFY2(open > 0.2 && closed < 0.7 * open,
                 qPrintable(QStringLiteral("open %1 closed %2").arg(open).arg(closed)));
    }

    void ratios_wrongPointCount_zero() {
        const std::vector<QPointF> few(10);
        QCOMPARE(eyeAspectRatio(few), 0.0);
        QCOMPARE(mouthAspectRatio(few), 0.0);
        QCOMPARE(interEyeDistance(few), 0.0);
        QCOMPARE(mouthWidthRatio(few), 0.0);
    }

    void detect_downscaled_findsTheSameFaceInInputPixels() {
        const QImage frame = clipFrame(QStringLiteral("katie_hill_talk.mp4"), 0.3);
        auto full = m_aligner->alignSingle(frame);
        auto fast = m_aligner->detect(frame, 2.0);
        QVERIFY(full && fast);
        QCOMPARE(fast->size(), size_t(1));
        const QRect a = full->box, b = fast->front();
        QVERIFY2(qAbs(a.center().x() - b.center().x()) < a.width() / 6 &&
                     qAbs(a.width() - b.width()) < a.width() / 4,
                 "downscaled detection box is not in input pixels");
    }

    void landmarks_knownBox_matchFullPipeline() {
        const QImage frame = clipFrame(QStringLiteral("katie_hill_talk.mp4"), 0.3);
        auto full = m_aligner->alignSingle(frame);
        QVERIFY(full);
        auto points = m_aligner->landmarks(frame, full->box);
        QVERIFY(points);
        QCOMPARE(points->size(), size_t(68));
        double worst = 0;
        for (size_t i = 0; i < 68; ++i)
            worst = qMax(worst, QLineF((*points)[i], full->landmarks[i]).length());
        QVERIFY2(worst < 3.0, qPrintable(QString::number(worst)));
        auto chip = m_aligner->chip(frame, *points);
        QVERIFY(chip);
        QCOMPARE(chip->size(), QSize(150, 150));
    }

    void landmarks_emptyBox_badInput() {
        auto points = m_aligner->landmarks(QImage(64, 64, QImage::Format_RGB888), QRect());
        QVERIFY(!points);
        QCOMPARE(points.error().code, FaceErrc::BadInput);
        QVERIFY(!m_aligner->detect(QImage(64, 64, QImage::Format_RGB888), 0.5));
    }
};

QTEST_GUILESS_MAIN(TestFaceGeometry)
#include "tst_face_geometry.moc"
