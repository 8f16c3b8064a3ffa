// Detection, landmarks and alignment on real portraits, and the errors a
// kiosk must tell apart: no face, several faces, unreadable or oversized input.
#include "face_aligner.h"
#include "face_embedder.h"
#include "face_test_data.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>
#include <optional>

using namespace kiosk::vision;
namespace data = kiosk::test::face;

namespace {

quint32 crc32(const QByteArray& bytes) {
    quint32 crc = 0xffffffffu;
    for (char c : bytes) {
        crc ^= quint8(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

// A valid PNG whose header claims width x height: a decompression bomb's shape.
QByteArray pngClaiming(quint32 width, quint32 height) {
    QImage tiny(1, 1, QImage::Format_RGB888);
    tiny.fill(Qt::white);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    tiny.save(&buffer, "PNG");
    // Signature (8) + length (4) + "IHDR" (4), then width and height; CRC covers type + data (17
    // bytes).
    qToBigEndian(width, png.data() + 16);
    qToBigEndian(height, png.data() + 20);
    qToBigEndian(crc32(png.mid(12, 17)), png.data() + 29);
    return png;
}

QString portrait(const char* relative) {
    return data::facesFile(QLatin1String(relative));
}

}  // namespace

class TestFaceAligner : public QObject {
    Q_OBJECT

    std::optional<FaceAligner> m_aligner;

private slots:
    void initTestCase() {
        auto a = FaceAligner::load();
        QVERIFY2(a.has_value(), qPrintable(a ? QString() : a.error().detail));
        m_aligner.emplace(std::move(*a));
        for (const char* f : {"faces/portraits/obama.jpg", "faces/portraits/two_people.jpg"})
            QVERIFY2(QFileInfo::exists(portrait(f)),
                     qPrintable(QStringLiteral("missing ") + portrait(f)));
    }

    void load_missingModel_failsModelMissing() {
        auto a =
            FaceAligner::load(QStringLiteral("/nonexistent/shape_predictor_68_face_landmarks.dat"));
        QVERIFY(!a.has_value());
        QCOMPARE(a.error().code, FaceErrc::ModelMissing);
    }

    void load_garbageModel_failsModelCorrupt() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sp.dat"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not a dlib shape predictor");
        f.close();
        auto a = FaceAligner::load(path);
        QVERIFY(!a.has_value());
        QCOMPARE(a.error().code, FaceErrc::ModelCorrupt);
    }

    void alignSingleFile_portrait_oneFaceWith68LandmarksInsideBox() {
        auto face = m_aligner->alignSingleFile(portrait("faces/portraits/obama.jpg"));
        QVERIFY2(face.has_value(), qPrintable(face ? QString() : face.error().detail));
        QCOMPARE(face->chip.size(), QSize(kFaceChipSize, kFaceChipSize));
        QCOMPARE(face->landmarks.size(), size_t(68));
        QVERIFY(face->box.width() > 50);
        // Landmarks lie on the face: within the detection box grown by a third.
        const QRectF around =
            QRectF(face->box).adjusted(-face->box.width() / 3.0, -face->box.height() / 3.0,
                                       face->box.width() / 3.0, face->box.height() / 3.0);
        for (const QPointF& p : face->landmarks)
            QVERIFY(around.contains(p));
        // iBUG order: point 36 is the outer corner of the image-left eye, 45 of the image-right
        // one.
        QVERIFY(face->landmarks[36].x() < face->landmarks[45].x());
    }

    void alignSingleFile_smallPortrait_upsampledAndFound() {
        auto face = m_aligner->alignSingleFile(portrait("faces/portraits/obama-240p.jpg"));
        QVERIFY2(face.has_value(), qPrintable(face ? QString() : face.error().detail));
        for (const QPointF& p : face->landmarks)
            QVERIFY(p.x() > -20 && p.x() < 447 && p.y() > -20 &&
                    p.y() < 260);  // input pixels, not upsampled
    }

    void alignSingle_blankImage_failsNoFace() {
        QImage blank(640, 480, QImage::Format_RGB888);
        blank.fill(Qt::gray);
        auto face = m_aligner->alignSingle(blank);
        QVERIFY(!face.has_value());
        QCOMPARE(face.error().code, FaceErrc::NoFace);
    }

    void alignSingleFile_twoPeople_failsMultipleFaces() {
        auto face = m_aligner->alignSingleFile(portrait("faces/portraits/two_people.jpg"));
        QVERIFY(!face.has_value());
        QCOMPARE(face.error().code, FaceErrc::MultipleFaces);
        auto all = m_aligner->alignAll(QImage(portrait("faces/portraits/two_people.jpg")));
        QVERIFY(all.has_value());
        QCOMPARE(all->size(), size_t(2));
    }

    void alignSingleFile_corruptFile_failsImageUnreadable() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("corrupt.jpg"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, '\x5a'));
        f.close();
        auto face = m_aligner->alignSingleFile(path);
        QVERIFY(!face.has_value());
        QCOMPARE(face.error().code, FaceErrc::ImageUnreadable);
    }

    void alignSingleFile_missingFile_failsImageUnreadable() {
        auto face = m_aligner->alignSingleFile(QStringLiteral("/nonexistent/probe.jpg"));
        QVERIFY(!face.has_value());
        QCOMPARE(face.error().code, FaceErrc::ImageUnreadable);
    }

    void alignSingleFile_headerClaimsHugeImage_failsImageTooLargeBeforeDecoding() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bomb.png"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(pngClaiming(50000, 50000));
        f.close();
        auto face = m_aligner->alignSingleFile(path);
        QVERIFY(!face.has_value());
        QVERIFY2(face.error().code == FaceErrc::ImageTooLarge, qPrintable(face.error().detail));
    }

    void alignSingle_imageOverLimit_failsImageTooLarge() {
        auto aligner = FaceAligner::load();
        QVERIFY(aligner.has_value());
        aligner->setMaxPixels(10'000);
        auto face = aligner->alignSingleFile(portrait("faces/portraits/obama.jpg"));
        QVERIFY(!face.has_value());
        QCOMPARE(face.error().code, FaceErrc::ImageTooLarge);
    }
};

QTEST_GUILESS_MAIN(TestFaceAligner)
#include "tst_face_aligner.moc"
