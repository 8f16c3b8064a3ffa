// bench_face: the face pipeline's cost per 640x480 camera frame, on frames of a
// real clip (../shared/data/video/katie_hill_talk.mp4, scaled and cropped to
// 640x480).
//
//   bench_face [--frames N] [--short]
//
// Reports median, 95th percentile and best time for:
//   detect+landmarks   the full path (HOG at input resolution, 68 landmarks)
//   fast path          HOG on a half-size copy + landmarks at full resolution
//   quality gate       pose, sharpness, exposure, eyes on the aligned face
//   embedding          the ResNet descriptor of one 150x150 chip
// Goals: detect+landmarks <= 40 ms, embedding <= 150 ms. Exit 1 when a frame
// has no face (the figures would be meaningless).
#include "face_aligner.h"
#include "face_embedder.h"
#include "face_quality.h"
#include "test_env.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <opencv2/videoio.hpp>

using namespace kiosk;
using namespace kiosk::vision;

namespace {

struct Stats {
    double median = 0, p95 = 0, best = 0;
};

Stats stats(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    if (v.empty())
        return {};
    return {v[v.size() / 2], v[std::min(v.size() - 1, size_t(v.size() * 0.95))], v.front()};
}

double timeMs(const std::function<void()>& work) {
    QElapsedTimer t;
    t.start();
    work();
    return t.nsecsElapsed() / 1e6;
}

std::vector<QImage> frames(int count) {
    const QString clip =
        kiosk::test::sharedDataDir() + QStringLiteral("/video/katie_hill_talk.mp4");
    cv::VideoCapture capture(clip.toStdString());
    std::vector<QImage> out;
    cv::Mat bgr;
    // Spread the frames over the clip (turns and blinks included).
    const double total = std::max(1.0, capture.get(cv::CAP_PROP_FRAME_COUNT));
    const int step = std::max(1, int(total / count));
    for (int i = 0; int(out.size()) < count && capture.read(bgr); ++i) {
        if (i % step != 0)
            continue;
        const QImage frame =
            QImage(bgr.data, bgr.cols, bgr.rows, int(bgr.step), QImage::Format_BGR888)
                .scaled(640, 480, Qt::KeepAspectRatioByExpanding, Qt::SmoothTransformation);
        out.push_back(frame.copy((frame.width() - 640) / 2, (frame.height() - 480) / 2, 640, 480)
                          .convertToFormat(QImage::Format_RGB888));
    }
    return out;
}

void print(const char* what, const Stats& s, double goal) {
    std::printf("%-18s median %7.1f ms  p95 %7.1f ms  best %7.1f ms", what, s.median, s.p95,
                s.best);
    if (goal > 0)
        std::printf("  (goal <= %.0f ms: %s)", goal, s.median <= goal ? "met" : "NOT met");
    std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    int count = 60;
    if (args.contains(QStringLiteral("--short")))
        count = 5;
    const qsizetype at = args.indexOf(QStringLiteral("--frames"));
    if (at > 0 && at + 1 < args.size())
        count = std::max(1, args[at + 1].toInt());

    auto aligner = FaceAligner::load();
    auto embedder = FaceEmbedder::load();
    if (!aligner || !embedder) {
        std::fprintf(stderr, "bench_face: %s\n",
                     qPrintable(!aligner ? aligner.error().detail : embedder.error().detail));
        return 1;
    }
    const std::vector<QImage> input = frames(count);
    if (input.empty()) {
        std::fprintf(stderr,
                     "bench_face: cannot decode ../shared/data/video/katie_hill_talk.mp4\n");
        return 1;
    }
    std::vector<double> full, fast, quality, embed;
    for (const QImage& frame : input) {
        Result<AlignedFace, FaceError> face = fail(FaceError{FaceErrc::NoFace, {}});
        full.push_back(timeMs([&] { face = aligner->alignSingle(frame); }));
        if (!face) {
            std::fprintf(stderr, "bench_face: a frame without a single face: %s\n",
                         qPrintable(face.error().detail));
            return 1;
        }
        bool found = false;
        fast.push_back(timeMs([&] {
            auto boxes = aligner->detect(frame, 2.0);
            if (boxes && !boxes->empty())
                found = bool(aligner->landmarks(frame, boxes->front()));
        }));
        if (!found) {
            std::fprintf(stderr, "bench_face: the fast path lost the face\n");
            return 1;
        }
        quality.push_back(timeMs([&] { (void)assessFace(frame, *face, QualityLimits{}); }));
        embed.push_back(timeMs([&] { (void)embedder->embed(face->chip); }));
    }
    std::printf("bench_face: %zu frames of 640x480 from katie_hill_talk.mp4, %d core(s) online\n",
                input.size(), QThread::idealThreadCount());
    print("detect+landmarks", stats(full), 40);
    print("fast path (1/2)", stats(fast), 0);
    print("quality gate", stats(quality), 0);
    print("embedding", stats(embed), 150);
    return 0;
}
