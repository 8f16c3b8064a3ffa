// Liveness pipeline benchmark: frames per second of the whole per-frame path
// at 640x480 (colour conversion, HOG detection on a downscaled frame every N
// frames, tracking, 68 landmarks, head pose and eye/mouth ratios, challenge
// detectors, the learned PAD model every padEveryMs, the planar-motion
// tracker, the periodic identity embedding). Goal: >= 15 frames/s.
//
//   bench_liveness [--frames N] [--quick] [--check] [--no-identity]
//
// Frames are real clips (../shared/data/video) scaled to 640x480 and decoded
// before timing: decoding is the camera's work, not the pipeline's. Timestamps
// advance at 25 fps. The machine's load average is printed with the result,
// since other work on a shared machine slows the run down.
// --quick: a few frames (the ctest run); --check: exit 1 below the goal.
#include "attack_corpus.h"
#include "face_aligner.h"
#include "face_embedder.h"
#include "liveness_session.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QThread>
#include <cstdio>
#include <opencv2/videoio.hpp>

using namespace kiosk;
using namespace kiosk::vision;

namespace {

constexpr double kGoalFps = 15.0;

QString loadAverage() {
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("unknown");
    return QString::fromLatin1(f.readAll()).section(QLatin1Char(' '), 0, 2);
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption framesOpt(QStringLiteral("frames"), QStringLiteral("Frames to time."),
                                       QStringLiteral("n"), QStringLiteral("400"));
    const QCommandLineOption quickOpt(QStringLiteral("quick"), QStringLiteral("60 frames."));
    const QCommandLineOption checkOpt(QStringLiteral("check"),
                                      QStringLiteral("Exit 1 below 15 frames/s."));
    const QCommandLineOption noIdOpt(QStringLiteral("no-identity"),
                                     QStringLiteral("Leave out the identity embedding."));
    const QCommandLineOption dataOpt(QStringLiteral("data"), QStringLiteral("Shared data folder."),
                                     QStringLiteral("dir"), QStringLiteral(KIOSK_SHARED_DATA_DIR));
    parser.addOptions({framesOpt, quickOpt, checkOpt, noIdOpt, dataOpt});
    parser.process(app);
    const int wanted = parser.isSet(quickOpt) ? 60 : parser.value(framesOpt).toInt();

    // Real people at 640x480: the clips one after the other, looped as needed.
    std::vector<cv::Mat> frames;
    const QStringList clips = {QStringLiteral("video/katie_hill_talk.mp4"),
                               QStringLiteral("video/webcam_turns.mp4")};
    for (const QString& c : clips) {
        cv::VideoCapture cap(QDir(parser.value(dataOpt)).filePath(c).toStdString(), cv::CAP_FFMPEG);
        if (!cap.isOpened()) {
            std::fprintf(stderr, "bench_liveness: cannot read %s\n", qPrintable(c));
            return 2;
        }
        cv::Mat f;
        while (int(frames.size()) < wanted && cap.read(f))
            frames.push_back(sim::fitToFrame(f, {640, 480}));
        if (int(frames.size()) >= wanted)
            break;
    }

    auto aligner = FaceAligner::load();
    auto pad = PadModel::load();
    if (!aligner || !pad) {
        std::fprintf(stderr, "bench_liveness: models missing (%s)\n",
                     qPrintable(!aligner ? aligner.error().detail : pad.error().summary()));
        return 2;
    }
    std::optional<FaceEmbedder> embedder;
    if (!parser.isSet(noIdOpt)) {
        auto e = FaceEmbedder::load();
        if (!e) {
            std::fprintf(stderr, "bench_liveness: %s\n", qPrintable(e.error().detail));
            return 2;
        }
        embedder.emplace(std::move(*e));
    }
    LivenessConfig config;
    // Long windows: the check must keep running for the whole benchmark.
    config.challengeTimeoutMs = 30000;
    config.sequenceTimeoutMs = 120000;
    LivenessOptions options;
    options.challenges = {Challenge::Nod, Challenge::OpenMouth, Challenge::Smile};
    auto session = LivenessSession::create({&*aligner, &*pad, embedder ? &*embedder : nullptr},
                                           config, options);
    if (!session) {
        std::fprintf(stderr, "bench_liveness: %s\n", qPrintable(session.error().summary()));
        return 2;
    }

    int processed = 0, withFace = 0;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < wanted; ++i) {
        const cv::Mat& f = frames[size_t(i) % frames.size()];
        auto r = session->process(f, qint64(i) * 40);
        if (!r) {
            std::fprintf(stderr, "bench_liveness: %s\n", qPrintable(r.error().summary()));
            return 2;
        }
        ++processed;
        withFace += r->faceFound ? 1 : 0;
    }
    const double seconds = timer.nsecsElapsed() / 1e9;
    const double fps = processed / seconds;
    std::printf(
        "liveness pipeline at 640x480: %d frames (%d with a face) in %.2f s = %.1f frames/s "
        "(goal >= %.0f)\n",
        processed, withFace, seconds, fps, kGoalFps);
    std::printf(
        "conditions: %d cores, load average %s, detection every %d frames at 1/%.0f, "
        "PAD model every %d ms, identity %s\n",
        QThread::idealThreadCount(), qPrintable(loadAverage()), config.detectEveryFrames,
        config.detectDownscale, config.padEveryMs, embedder ? "every 1000 ms" : "off");
    if (withFace < processed * 9 / 10) {
        std::fprintf(stderr, "bench_liveness: the face was found in too few frames\n");
        return 1;
    }
    return parser.isSet(checkOpt) && fps < kGoalFps ? 1 : 0;
}
