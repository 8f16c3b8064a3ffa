// The evaluation corpus: bona fide presentations (segments of the real clips
// in ../shared/data/video) and generated attacks (prints of the photos in
// ../shared/data/faces and of clip frames; screen replays of clip segments).
// Planning is cheap and deterministic from the seed; rendering loads sources.
#pragma once

#include "presentation_attack.h"

#include <QString>
#include <QStringList>
#include <opencv2/core/mat.hpp>
#include <optional>
#include <vector>

namespace kiosk::sim {

struct PresentationSpec {
    QString id;  // e.g. "print_007", "bona_fide_katie_hill_talk_3000"
    bool attack = false;
    AttackType type = AttackType::Print;
    QString source;      // path relative to the data folder
    qint64 startMs = 0;  // clips: where the segment starts
    quint64 seed = 0;
    int frames = 30;
};

struct CorpusOptions {
    QString dataDir;  // ../shared/data
    quint64 seed = 1;
    int printCount = 30;
    int replayCount = 30;
    int bonaFideStrideMs = 1000;  // one bona fide segment per clip every this many ms
    int frames = 30;              // per presentation, at 25 fps
    int subsample = 1;            // keep every n-th presentation of each kind (quick runs)
};

struct Presentation {
    PresentationSpec spec;
    std::vector<cv::Mat> frames;  // BGR, 640x480
    std::vector<qint64> timestampsMs;
    AttackParams params;  // attacks only
};

// Single-face clips used as bona fide material and as replay content.
QStringList bonaFideClips();
// Photos printed as attacks.
QStringList printPhotos();

std::vector<PresentationSpec> planCorpus(const CorpusOptions& options, QString* error = nullptr);
std::optional<Presentation> render(const PresentationSpec& spec, const QString& dataDir,
                                   QString* error = nullptr);

}  // namespace kiosk::sim
