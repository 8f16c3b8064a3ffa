// kioskctl face ...: face verification from the command line.
//   face quality IMAGE [--role probe|chip]   is this image fit for comparison?
//   face verify REFERENCE PROBE              same person? (reference = chip photo)
// No face, several faces, unreadable or oversized images are errors (non-zero
// exit); a probe with several faces is never resolved by guessing.
#include "command.h"
#include "commands.h"
#include "config.h"
#include "face_aligner.h"
#include "face_embedder.h"
#include "face_match.h"
#include "face_quality.h"
#include "paths.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>

namespace kiosk::cli {
namespace {

using namespace kiosk::vision;

int faceError(Output& out, const FaceError& e, const QString& file = {}) {
    const QString where =
        file.isEmpty() ? QString() : QFileInfo(file).fileName() + QStringLiteral(": ");
    return out.error(errcName(e.code), where + e.detail);
}

QJsonObject qualityJson(const FaceQuality& q) {
    const QualityMetrics& m = q.metrics;
    QJsonObject metrics{{QStringLiteral("inter_eye_px"), m.interEyePx},
                        {QStringLiteral("face_fraction"), m.faceFraction},
                        {QStringLiteral("sharpness"), m.sharpness},
                        {QStringLiteral("brightness"), m.brightness},
                        {QStringLiteral("clipped_fraction"), m.clippedFraction},
                        {QStringLiteral("eye_aspect_ratio"), m.eyeAspectRatio}};
    if (m.poseKnown) {
        metrics.insert(QStringLiteral("yaw_deg"), m.pose.yawDeg);
        metrics.insert(QStringLiteral("pitch_deg"), m.pose.pitchDeg);
        metrics.insert(QStringLiteral("roll_deg"), m.pose.rollDeg);
    }
    return {{QStringLiteral("ok"), q.ok},
            {QStringLiteral("issues"), QJsonArray::fromStringList(q.issueNames())},
            {QStringLiteral("metrics"), metrics}};
}

// Loads the image, requires exactly one face, and judges it.
struct Judged {
    QImage image;
    AlignedFace face;
    FaceQuality quality;
};

Result<Judged, FaceError> judge(FaceAligner& aligner, const QString& file,
                                const QualityLimits& limits) {
    auto image = loadFaceImage(file);
    if (!image)
        return fail(image.error());
    auto face = aligner.alignSingle(*image);
    if (!face)
        return fail(face.error());
    Judged j{*image, std::move(*face), {}};
    j.quality = assessFace(j.image, j.face, limits);
    return j;
}

QualityLimits probeLimits(const KioskConfig& config) {
    QualityLimits limits = QualityLimits::liveProbe();
    limits.minInterEyePx = config.face.probeMinInterEyePx;
    return limits;
}

// The configuration named by --config, else the kiosk's, else the defaults.
Result<KioskConfig, QString> configFor(const GlobalOptions& global) {
    const QString path = paths::configFile(global.configFile);
    if (global.configFile.isEmpty() && !QFileInfo::exists(path))
        return KioskConfig{};
    auto config = ConfigLoader::loadFile(path);
    if (!config)
        return fail(config.error().summary());
    return std::move(*config);
}

void printQuality(QTextStream& text, const QString& label, const FaceQuality& q) {
    const QualityMetrics& m = q.metrics;
    text << label
         << (q.ok ? QStringLiteral("ok")
                  : QStringLiteral("not ok: ") + q.issueNames().join(QStringLiteral(", ")))
         << "\n  eyes " << qRound(m.interEyePx) << " px apart, yaw " << qRound(m.pose.yawDeg)
         << ", pitch " << qRound(m.pose.pitchDeg) << ", roll " << qRound(m.pose.rollDeg)
         << " deg, sharpness " << qRound(m.sharpness) << ", brightness " << qRound(m.brightness)
         << ", eye ratio " << QString::number(m.eyeAspectRatio, 'f', 2) << '\n';
}

}  // namespace

int faceQuality(const QStringList& argsIn, const GlobalOptions& global, Output& out) {
    QStringList args = argsIn;
    bool bad = false;
    QString role = QStringLiteral("probe");
    takeOption(args, QStringLiteral("--role"), role, bad);
    if (bad || args.size() != 1 ||
        (role != QStringLiteral("probe") && role != QStringLiteral("chip")))
        return out.error(QStringLiteral("usage"),
                         QStringLiteral("usage: kioskctl face quality IMAGE [--role probe|chip]"),
                         kUsage);
    auto config = configFor(global);
    if (!config)
        return out.error(QStringLiteral("config-invalid"), config.error());
    QElapsedTimer timer;
    timer.start();
    auto aligner = FaceAligner::load();
    if (!aligner)
        return faceError(out, aligner.error());
    const QualityLimits limits =
        role == QStringLiteral("chip") ? QualityLimits::chipPhoto() : probeLimits(*config);
    auto judged = judge(*aligner, args.front(), limits);
    if (!judged)
        return faceError(out, judged.error(), args.front());
    if (out.json()) {
        QJsonObject o = qualityJson(judged->quality);
        o.insert(QStringLiteral("role"), role);
        o.insert(QStringLiteral("ms"), timer.elapsed());
        out.emitJson(o);
    } else {
        printQuality(out.text(), QStringLiteral("quality: "), judged->quality);
    }
    return judged->quality.ok ? kOk : kFailed;
}

int faceVerify(const QStringList& args, const GlobalOptions& global, Output& out) {
    if (args.size() != 2)
        return out.error(QStringLiteral("usage"),
                         QStringLiteral("usage: kioskctl face verify REFERENCE PROBE"), kUsage);
    auto config = configFor(global);
    if (!config)
        return out.error(QStringLiteral("config-invalid"), config.error());
    QElapsedTimer timer;
    timer.start();
    auto aligner = FaceAligner::load();
    if (!aligner)
        return faceError(out, aligner.error());
    auto embedder = FaceEmbedder::load();
    if (!embedder)
        return faceError(out, embedder.error());
    auto reference = judge(*aligner, args[0], QualityLimits::chipPhoto());
    if (!reference)
        return faceError(out, reference.error(), args[0]);
    auto probe = judge(*aligner, args[1], probeLimits(*config));
    if (!probe)
        return faceError(out, probe.error(), args[1]);
    auto a = embedder->embed(reference->face.chip);
    if (!a)
        return faceError(out, a.error(), args[0]);
    auto b = embedder->embed(probe->face.chip);
    if (!b)
        return faceError(out, b.error(), args[1]);
    const float threshold = float(config->face.matchThreshold);
    const FaceMatch match = matchFaces(*a, *b, threshold);
    if (out.json()) {
        out.emitJson({{QStringLiteral("score"), match.score},
                      {QStringLiteral("distance"), match.distance},
                      {QStringLiteral("match"), match.same},
                      {QStringLiteral("threshold"), config->face.matchThreshold},
                      {QStringLiteral("quality"),
                       QJsonObject{{QStringLiteral("reference"), qualityJson(reference->quality)},
                                   {QStringLiteral("probe"), qualityJson(probe->quality)}}},
                      {QStringLiteral("ms"), timer.elapsed()}});
    } else {
        out.text() << (match.same ? "match" : "no match") << ": distance "
                   << QString::number(match.distance, 'f', 3) << " (threshold "
                   << QString::number(threshold, 'f', 2) << "), score "
                   << QString::number(match.score, 'f', 3) << '\n';
        printQuality(out.text(), QStringLiteral("reference: "), reference->quality);
        printQuality(out.text(), QStringLiteral("probe: "), probe->quality);
    }
    return match.same ? kOk : kFailed;
}

}  // namespace kiosk::cli
