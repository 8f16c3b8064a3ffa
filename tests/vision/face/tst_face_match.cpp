#include "face_match.h"

#include <QTest>

using namespace kiosk::vision;

class TestFaceMatch : public QObject {
    Q_OBJECT

private slots:
    void descriptorDistance_identical_isZero() {
        FaceDescriptor a{};
        a.fill(0.1f);
        QCOMPARE(descriptorDistance(a, a), 0.f);
    }

    void descriptorDistance_twoCoordinatesDiffer_isEuclidean() {
        FaceDescriptor a{}, b{};
        b[0] = 0.3f;
        b[127] = 0.4f;
        QVERIFY(qAbs(descriptorDistance(a, b) - 0.5f) < 1e-6f);
    }

    void matchFaces_belowThreshold_sameWithHighScore() {
        FaceDescriptor a{}, b{};
        b[5] = 0.4f;
        const FaceMatch m = matchFaces(a, b);
        QVERIFY(m.same);
        QVERIFY(m.score > 0.95f);
    }

    void matchFaces_aboveThreshold_differentWithLowScore() {
        FaceDescriptor a{}, b{};
        b[5] = 0.8f;
        const FaceMatch m = matchFaces(a, b);
        QVERIFY(!m.same);
        QVERIFY(m.score < 0.05f);
    }

    void matchFaces_atThreshold_notSameScoreHalf() {
        FaceDescriptor a{}, b{};
        b[5] = 0.6f;
        const FaceMatch m = matchFaces(a, b);
        QVERIFY(!m.same);
        QVERIFY(qAbs(m.score - 0.5f) < 1e-3f);
    }
};

QTEST_GUILESS_MAIN(TestFaceMatch)
#include "tst_face_match.moc"
