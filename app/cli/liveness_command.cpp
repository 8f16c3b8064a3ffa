// kioskctl liveness INPUT [--challenges LIST] [--passive] [--seed N]
//
// Runs the liveness check on a recording (video file or image-sequence folder),
// a webcam (/dev/videoN) or, with --passive, a still image. With --challenges
// the recording is checked for exactly those actions in that order; without,
// a random sequence is drawn (for a webcam, where the prompts are followed).
// Exit 0 when the decision is "live", 1 otherwise.
#include "challenges.h"
#include "commands.h"
#include "config.h"
#include "face_embedder.h"
#include "frame_source.h"
#include "liveness_session.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace kiosk::cli {
namespace {

using namespace kiosk::vision;

const QString kUsageText = QStringLiteral(
    "usage: kioskctl liveness INPUT [--challenges LIST] [--passive] [--seed N] [--no-identity]");

// The "liveness" section of the configuration file, when one is given.
Result<LivenessConfig, QString> livenessConfig(const GlobalOptions& global) {
    if (global.configFile.isEmpty())
        return LivenessConfig{};
    const auto config = ConfigLoader::loadFile(global.configFile);
    if (!config)
        return fail(config.error().summary());
    QFile f(global.configFile);
    if (!f.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read ") + global.configFile);
    const QJsonObject section =
        QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("liveness")).toObject();
    auto lc = LivenessConfig::fromJson(section);
    if (!lc)
        return fail(lc.error().summary());
    return *lc;
}

}  // namespace

int liveness(const QStringList& argsIn, const GlobalOptions& global, Output& out) {
    QStringList args = argsIn;
    bool bad = false;
    QString challengeList, seedText;
    const bool hasChallenges = takeOption(args, QStringLiteral("--challenges"), challengeList, bad);
    const bool hasSeed = takeOption(args, QStringLiteral("--seed"), seedText, bad);
    const bool passive = args.removeAll(QStringLiteral("--passive")) > 0;
    const bool noIdentity = args.removeAll(QStringLiteral("--no-identity")) > 0;
    if (bad || args.size() != 1 || args.front().startsWith(QStringLiteral("--")) ||
        (passive && hasChallenges))
        return out.error(QStringLiteral("usage"), kUsageText, kUsage);
    const QString input = args.front();

    auto config = livenessConfig(global);
    if (!config)
        return out.error(QStringLiteral("config"), config.error());

    LivenessOptions options;
    const bool still = camera::isImageFile(input);
    if (still && !passive)
        return out.error(QStringLiteral("usage"),
                         QStringLiteral("a still image can only be checked with --passive"),
                         kUsage);
    options.passiveOnly = passive;
    options.stillImage = still;
    quint64 seed = 0;
    if (hasChallenges) {
        auto list = parseChallenges(challengeList);
        if (!list)
            return out.error(QStringLiteral("usage"), list.error().message, kUsage);
        options.challenges = *list;
    } else if (!passive) {
        seed = hasSeed ? seedText.toULongLong() : freshChallengeSeed();
        options.challenges = randomChallenges(seed, config->challengeCount);
    }

    auto aligner = FaceAligner::load();
    if (!aligner)
        return out.error(errcName(aligner.error().code), aligner.error().detail);
    auto pad = PadModel::load();
    if (!pad)
        return out.error(pad.error().codeName(), pad.error().message);
    std::optional<FaceEmbedder> embedder;
    if (!noIdentity && !still) {
        auto e = FaceEmbedder::load();
        if (!e)
            return out.error(errcName(e.error().code), e.error().detail);
        embedder.emplace(std::move(*e));
    }
    LivenessModels models{&*aligner, &*pad, embedder ? &*embedder : nullptr};
    auto session = LivenessSession::create(models, *config, options);
    if (!session)
        return out.error(session.error().codeName(), session.error().message);

    auto source = camera::makeFrameSource(input);
    if (auto opened = source->open(); !opened)
        return out.error(opened.error().codeName(), opened.error().message);

    const bool live =
        input.startsWith(QStringLiteral("/dev/")) || input.startsWith(QStringLiteral("v4l2:"));
    QElapsedTimer timer;
    timer.start();
    int frames = 0;
    std::optional<Challenge> lastPrompt;
    for (;;) {
        auto frame = source->next();
        if (!frame) {
            if (frame.error().code == camera::CameraError::Code::EndOfStream)
                break;
            return out.error(frame.error().codeName(), frame.error().message);
        }
        auto report = session->process(frame->image, frame->timestampMs);
        if (!report)
            return out.error(report.error().codeName(), report.error().message);
        ++frames;
        // Prompts as they change, for whoever stands at the webcam.
        if (!out.json() && report->prompt != lastPrompt && report->prompt)
            out.text() << "[" << frame->timestampMs << " ms] please "
                       << challengeName(*report->prompt) << "\n";
        lastPrompt = report->prompt;
        if (session->challengesFinished())
            break;
        if (frame->timestampMs > config->sequenceTimeoutMs)
            break;
        if (live && passive && frame->timestampMs > 3000)
            break;
        if (still)
            break;
    }
    const double seconds = timer.elapsed() / 1000.0;
    const LivenessResult result = session->finish();

    if (out.json()) {
        QJsonObject o = result.toJson();
        o.insert(QStringLiteral("input"), QFileInfo(input).fileName());
        o.insert(QStringLiteral("mode"), still     ? QStringLiteral("still")
                                         : passive ? QStringLiteral("passive")
                                                   : QStringLiteral("active"));
        if (!hasChallenges && !passive)
            o.insert(QStringLiteral("seed"), QString::number(seed));
        o.insert(QStringLiteral("processing_fps"), seconds > 0 ? frames / seconds : 0.0);
        out.emitJson(o);
    } else {
        QTextStream& t = out.text();
        t << "decision: " << decisionName(result.decision);
        if (!result.reasons.isEmpty())
            t << " (" << result.reasons.join(QStringLiteral(", ")) << ")";
        t << "\n";
        for (const CueScore& c : result.cues)
            t << "  " << c.name << ": "
              << (c.available ? QString::number(c.score, 'f', 3) : QStringLiteral("n/a"))
              << " (threshold " << c.threshold << (c.attack ? ", says attack" : "") << "; "
              << c.detail << ")\n";
        if (!result.steps.empty()) {
            t << "challenges:";
            for (const ChallengeStep& s : result.steps)
                t << " " << challengeName(s.challenge) << "=" << stepStatusName(s.status);
            t << "\n";
        }
        for (const QString& line : result.log)
            t << "  " << line << "\n";
        if (result.matchFrameMs >= 0)
            t << "match frame: " << result.matchFrameMs << " ms\n";
        t << QStringLiteral("%1 frames (%2 with a face) in %3 s, %4 frames/s\n")
                 .arg(result.frames)
                 .arg(result.framesWithFace)
                 .arg(seconds, 0, 'f', 2)
                 .arg(seconds > 0 ? frames / seconds : 0.0, 0, 'f', 1);
    }
    return result.decision == LivenessDecision::Live ? kOk : kFailed;
}

}  // namespace kiosk::cli
