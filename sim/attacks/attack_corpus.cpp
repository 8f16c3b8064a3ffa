#include "attack_corpus.h"

#include <QDir>
#include <QFileInfo>
#include <cmath>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>
#include <random>

namespace kiosk::sim {
namespace {

constexpr double kFps = 25.0;
// webcam_turns.mp4 shows a hand over the face from 44 s: not a clean capture.
constexpr qint64 kWebcamTurnsUsableMs = 43000;

struct ClipInfo {
    double fps = 0;
    qint64 durationMs = 0;
};

std::optional<ClipInfo> probeClip(const QString& path) {
    cv::VideoCapture cap(path.toStdString(), cv::CAP_FFMPEG);
    if (!cap.isOpened())
        return std::nullopt;
    ClipInfo info;
    info.fps = cap.get(cv::CAP_PROP_FPS);
    const double count = cap.get(cv::CAP_PROP_FRAME_COUNT);
    if (!(info.fps > 0) || !(count > 0))
        return std::nullopt;
    info.durationMs = qint64(count * 1000.0 / info.fps);
    return info;
}

// `count` consecutive frames from `startMs` (looping back to the start of the
// segment when the clip ends).
std::vector<cv::Mat> readSegment(const QString& path, qint64 startMs, int count) {
    std::vector<cv::Mat> out;
    cv::VideoCapture cap(path.toStdString(), cv::CAP_FFMPEG);
    if (!cap.isOpened())
        return out;
    const double fps = cap.get(cv::CAP_PROP_FPS);
    const int startFrame = int(std::lround(startMs * fps / 1000.0));
    cv::Mat f;
    for (int i = 0; i < startFrame && cap.grab(); ++i) {
    }  // frame-exact seeking: grab rather than CAP_PROP_POS_FRAMES
    while (int(out.size()) < count && cap.read(f))
        out.push_back(f.clone());
    return out;
}

}  // namespace

QStringList bonaFideClips() {
    return {QStringLiteral("video/katie_hill_talk.mp4"),
            QStringLiteral("video/aoc_talk_blinks.mp4"), QStringLiteral("video/obama_talk_256.mp4"),
            QStringLiteral("video/talk_turn_left.mp4"), QStringLiteral("video/webcam_turns.mp4")};
}

QStringList printPhotos() {
    return {QStringLiteral("faces/portraits/obama.jpg"),
            QStringLiteral("faces/portraits/obama2.jpg"),
            QStringLiteral("faces/portraits/obama3.jpg"),
            QStringLiteral("faces/portraits/biden.jpg"),
            QStringLiteral("faces/portraits/alex-lacamoire.png"),
            QStringLiteral("faces/portraits/lin-manuel-miranda.png"),
            QStringLiteral("faces/openface/adams.jpg"),
            QStringLiteral("faces/openface/carell.jpg"),
            QStringLiteral("faces/openface/clapton-1.jpg"),
            QStringLiteral("faces/openface/clapton-2.jpg"),
            QStringLiteral("faces/openface/lennon-1.jpg"),
            QStringLiteral("faces/openface/lennon-2.jpg")};
}

std::vector<PresentationSpec> planCorpus(const CorpusOptions& o, QString* error) {
    std::vector<PresentationSpec> plan;
    const QDir data(o.dataDir);
    const int segmentMs = int(o.frames * 1000 / kFps);
    std::vector<std::pair<QString, ClipInfo>> clips;
    for (const QString& c : bonaFideClips()) {
        auto info = probeClip(data.filePath(c));
        if (!info) {
            if (error)
                *error = QStringLiteral("cannot read clip %1").arg(data.filePath(c));
            return {};
        }
        if (c.contains(QStringLiteral("webcam_turns")))
            info->durationMs = std::min(info->durationMs, kWebcamTurnsUsableMs);
        clips.emplace_back(c, *info);
    }
    for (const QString& p : printPhotos()) {
        if (!QFileInfo(data.filePath(p)).isFile()) {
            if (error)
                *error = QStringLiteral("missing photo %1").arg(data.filePath(p));
            return {};
        }
    }
    const int sub = std::max(1, o.subsample);

    int n = 0;
    for (const auto& [clip, info] : clips) {
        for (qint64 start = 0; start + segmentMs <= info.durationMs; start += o.bonaFideStrideMs) {
            if (n++ % sub)
                continue;
            PresentationSpec s;
            s.id = QStringLiteral("bona_fide_%1_%2").arg(QFileInfo(clip).baseName()).arg(start);
            s.source = clip;
            s.startMs = start;
            s.frames = o.frames;
            plan.push_back(s);
        }
    }

    std::mt19937_64 rng(o.seed);
    const QStringList photos = printPhotos();
    for (int i = 0; i < o.printCount; ++i) {
        PresentationSpec s;
        s.attack = true;
        s.type = AttackType::Print;
        s.seed = rng();
        s.frames = o.frames;
        // Two in three print a photo, the rest a frame grabbed from a clip.
        if (i % 3 != 2) {
            s.source = photos[(i / 3 * 2 + i % 3) % photos.size()];
        } else {
            const auto& [clip, info] = clips[size_t(i / 3) % clips.size()];
            s.source = clip;
            s.startMs = qint64(rng() % quint64(std::max<qint64>(1, info.durationMs - 1000)));
        }
        s.id = QStringLiteral("print_%1").arg(i, 3, 10, QLatin1Char('0'));
        if (i % sub == 0)
            plan.push_back(s);
    }
    for (int i = 0; i < o.replayCount; ++i) {
        PresentationSpec s;
        s.attack = true;
        s.type = AttackType::ScreenReplay;
        s.seed = rng();
        s.frames = o.frames;
        const auto& [clip, info] = clips[size_t(i) % clips.size()];
        s.source = clip;
        s.startMs = qint64(rng() % quint64(std::max<qint64>(1, info.durationMs - segmentMs)));
        s.id = QStringLiteral("screen_replay_%1").arg(i, 3, 10, QLatin1Char('0'));
        if (i % sub == 0)
            plan.push_back(s);
    }
    return plan;
}

std::optional<Presentation> render(const PresentationSpec& spec, const QString& dataDir,
                                   QString* error) {
    const QString path = QDir(dataDir).filePath(spec.source);
    const bool isClip = spec.source.endsWith(QStringLiteral(".mp4"));
    std::vector<cv::Mat> content;
    if (isClip) {
        // A print shows one frame; a replay or a bona fide capture the segment.
        const int count = (spec.attack && spec.type == AttackType::Print) ? 1 : spec.frames;
        content = readSegment(path, spec.startMs, count);
    } else {
        cv::Mat img = cv::imread(path.toStdString(), cv::IMREAD_COLOR);
        if (!img.empty())
            content.push_back(img);
    }
    if (content.empty()) {
        if (error)
            *error = QStringLiteral("cannot read %1").arg(path);
        return std::nullopt;
    }
    Presentation p;
    p.spec = spec;
    if (!spec.attack) {
        for (int i = 0; i < spec.frames; ++i) {
            p.frames.push_back(fitToFrame(content[size_t(i) % content.size()]));
            p.timestampsMs.push_back(qint64(std::llround(i * 1000.0 / kFps)));
        }
        return p;
    }
    AttackRenderer renderer(spec.type, spec.seed, std::move(content));
    p.params = renderer.params();
    for (int i = 0; i < spec.frames; ++i) {
        p.frames.push_back(renderer.frame(i));
        p.timestampsMs.push_back(renderer.timestampMs(i));
    }
    return p;
}

}  // namespace kiosk::sim
