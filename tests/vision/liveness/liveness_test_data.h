// Shared helpers for the vision/liveness integration suites: the models (a
// missing one fails the test, naming the file) and clips from
// ../shared/data/video fed through a LivenessSession.
#pragma once

#include "frame_source.h"
#include "liveness_session.h"
#include "test_env.h"

#include <QFileInfo>
#include <QTest>
#include <memory>
#include <optional>

namespace kiosk::test::liveness {

struct Models {
    std::optional<vision::FaceAligner> aligner;
    std::optional<vision::PadModel> pad;
    std::optional<vision::FaceEmbedder> embedder;
    QString error;

    vision::LivenessModels view(bool withEmbedder = true) {
        return {&*aligner, &*pad, withEmbedder && embedder ? &*embedder : nullptr};
    }
};

inline Models loadModels(bool embedder) {
    Models m;
    auto a = vision::FaceAligner::load();
    if (!a) {
        m.error = a.error().detail;
        return m;
    }
    m.aligner.emplace(std::move(*a));
    auto p = vision::PadModel::load();
    if (!p) {
        m.error = p.error().summary();
        return m;
    }
    m.pad.emplace(std::move(*p));
    if (embedder) {
        auto e = vision::FaceEmbedder::load();
        if (!e) {
            m.error = e.error().detail;
            return m;
        }
        m.embedder.emplace(std::move(*e));
    }
    return m;
}

inline QString clip(const QString& name) {
    return sharedDataDir() + QStringLiteral("/video/") + name;
}

struct Frames {
    std::vector<cv::Mat> images;
    std::vector<qint64> timestampsMs;
};

// Frames of a clip in [fromMs, toMs), with the file's own timestamps.
inline Frames readClip(const QString& name, qint64 fromMs, qint64 toMs) {
    Frames out;
    camera::VideoFileSource src(clip(name));
    if (!src.open())
        return out;
    while (auto f = src.next()) {
        if (f->timestampMs < fromMs)
            continue;
        if (f->timestampMs >= toMs)
            break;
        out.images.push_back(f->image);
        out.timestampsMs.push_back(f->timestampMs);
    }
    return out;
}

struct Run {
    vision::LivenessResult result;
    std::vector<vision::FrameReport> reports;
    QString error;
};

inline Run runSession(vision::LivenessModels models, const Frames& frames,
                      vision::LivenessOptions options,
                      vision::LivenessConfig config = vision::LivenessConfig{}) {
    Run run;
    auto session = vision::LivenessSession::create(models, config, options);
    if (!session) {
        run.error = session.error().summary();
        return run;
    }
    for (size_t i = 0; i < frames.images.size(); ++i) {
        auto r = session->process(frames.images[i], frames.timestampsMs[i]);
        if (!r) {
            run.error = r.error().summary();
            return run;
        }
        run.reports.push_back(*r);
    }
    run.result = session->finish();
    return run;
}

// When each action was reported, in ms.
inline std::vector<qint64> actionTimes(const Run& run, vision::Challenge c) {
    std::vector<qint64> out;
    for (const auto& r : run.reports)
        for (auto a : r.actions)
            if (a == c)
                out.push_back(r.timestampMs);
    return out;
}

}  // namespace kiosk::test::liveness
