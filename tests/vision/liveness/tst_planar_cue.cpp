#include "planar_cue.h"

#include <QTest>
#include <cmath>
#include <opencv2/core.hpp>

using namespace kiosk::vision;

// Points of a face-like relief (nose out, cheeks back) seen by a pinhole
// camera; `depth` 0 flattens it to a photo.
static std::vector<cv::Point2f> project(double yawDeg, double depth) {
    std::vector<cv::Point2f> out;
    const double a = yawDeg * CV_PI / 180, f = 640, z0 = 600;
    for (int i = -4; i <= 4; ++i) {
        for (int j = -5; j <= 5; ++j) {
            const double x = i * 12.0, y = j * 12.0;
            const double z = depth * (40.0 * std::exp(-(x * x + y * y) / 1500.0) - 0.004 * x * x);
            const double xr = std::cos(a) * x + std::sin(a) * z;
            const double zr = -std::sin(a) * x + std::cos(a) * z + z0;
            out.emplace_back(float(f * xr / zr + 320), float(f * y / zr + 240));
        }
    }
    return out;
}

class TestPlanarCue : public QObject {
    Q_OBJECT

private slots:
    void residuals_planeTurned_homographyExplainsIt() {
        const auto r = PlanarMotionCue::residuals(project(0, 0), project(25, 0));
        QVERIFY(r.similarity > 0.5);  // perspective: not a similarity
        QVERIFY2(r.homography < 0.05 * r.similarity,
                 qPrintable(QStringLiteral("%1 vs %2").arg(r.homography).arg(r.similarity)));
    }

    void residuals_reliefTurned_homographyLeavesResidual() {
        const auto r = PlanarMotionCue::residuals(project(0, 1), project(25, 1));
        QVERIFY(r.similarity > 0.5);
        QVERIFY2(r.homography > 0.35 * r.similarity,
                 qPrintable(QStringLiteral("%1 vs %2").arg(r.homography).arg(r.similarity)));
    }

    void residuals_tooFewPoints_zero() {
        const std::vector<cv::Point2f> few = {{0, 0}, {1, 0}, {0, 1}};
        const auto r = PlanarMotionCue::residuals(few, few);
        QCOMPARE(r.similarity, 0.0);
        QCOMPARE(r.homography, 0.0);
    }

    void result_noFrames_notJudged() {
        PlanarMotionCue cue{LivenessConfig{}};
        QVERIFY(!cue.result().judged);
        QVERIFY(!cue.isPlanar());
    }
};

QTEST_GUILESS_MAIN(TestPlanarCue)
#include "tst_planar_cue.moc"
