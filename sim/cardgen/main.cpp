// kiosk-cardgen: synthetic Thai national ID card images with ground truth, for
// the OCR evaluation, tests and the demo. Every identity is fictional.
#include "card_identity.h"
#include "card_renderer.h"
#include "card_scene.h"
#include "card_truth.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QSaveFile>
#include <cstdio>
#include <opencv2/imgcodecs.hpp>

using namespace kiosk::cardgen;

namespace {

int failWith(const QString& message) {
    std::fprintf(stderr, "kiosk-cardgen: %s\n", qPrintable(message));
    return 1;
}

bool writeSample(const QDir& out, const QString& stem, const Scene& scene, const QJsonObject& truth,
                 QString* error) {
    // Clean cards stay lossless (they are what the demo shows the camera).
    const bool clean = truth.value(QStringLiteral("level")).toString() == QLatin1String("clean");
    const QString image =
        out.filePath(stem + (clean ? QStringLiteral(".png") : QStringLiteral(".jpg")));
    if (!cv::imwrite(image.toStdString(), scene.bgr, {cv::IMWRITE_JPEG_QUALITY, 97})) {
        *error = QStringLiteral("cannot write ") + image;
        return false;
    }
    QSaveFile json(out.filePath(stem + QStringLiteral(".json")));
    QJsonObject t = truth;
    t.insert(QStringLiteral("image"), QFileInfo(image).fileName());
    if (!json.open(QIODevice::WriteOnly) ||
        json.write(QJsonDocument(t).toJson(QJsonDocument::Indented)) < 0 || !json.commit()) {
        *error = QStringLiteral("cannot write ") + json.fileName();
        return false;
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");  // fonts need a GUI app, not a display
    }
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kiosk-cardgen"));
    QCommandLineParser cli;
    cli.setApplicationDescription(QStringLiteral(
        "Render fictional Thai national ID cards (front/back) with camera degradations and "
        "ground-truth JSON.\n"
        "  kiosk-cardgen --out DIR --count 100 --level moderate --seed 7\n"
        "  kiosk-cardgen --citizen sim/cards/somchai.json --out DIR"));
    cli.addHelpOption();
    cli.addOption({QStringLiteral("out"),
                   QStringLiteral("Output folder (outside the source tree)."),
                   QStringLiteral("DIR")});
    cli.addOption({QStringLiteral("count"), QStringLiteral("Random identities to render."),
                   QStringLiteral("N"), QStringLiteral("10")});
    cli.addOption({QStringLiteral("level"),
                   QStringLiteral("clean, mild, moderate or severe (default: clean for "
                                  "--citizen, moderate otherwise)."),
                   QStringLiteral("LEVEL")});
    cli.addOption({QStringLiteral("seed"), QStringLiteral("Generator seed."), QStringLiteral("S"),
                   QStringLiteral("1")});
    cli.addOption({QStringLiteral("side"), QStringLiteral("front, back or both."),
                   QStringLiteral("SIDE"), QStringLiteral("both")});
    cli.addOption({QStringLiteral("citizen"),
                   QStringLiteral("Render this sim/cards/*.json citizen instead of random ones."),
                   QStringLiteral("FILE")});
    cli.addOption({QStringLiteral("data"), QStringLiteral("Shared data folder."),
                   QStringLiteral("DIR"), QStringLiteral(KIOSK_SHARED_DATA_DIR)});
    cli.process(app);

    if (!cli.isSet(QStringLiteral("out"))) {
        return failWith(QStringLiteral("--out DIR is required"));
    }
    const QString outPath = QFileInfo(cli.value(QStringLiteral("out"))).absoluteFilePath();
    const QString sourceDir = QFileInfo(QStringLiteral(KIOSK_SOURCE_DIR)).absoluteFilePath();
    const QString buildDir = QFileInfo(QStringLiteral(KIOSK_BINARY_DIR)).absoluteFilePath();
    if ((outPath + QLatin1Char('/')).startsWith(sourceDir + QLatin1Char('/')) &&
        !(outPath + QLatin1Char('/')).startsWith(buildDir + QLatin1Char('/'))) {
        return failWith(QStringLiteral("refusing to write images into the source tree: ") +
                        outPath);
    }
    const bool citizenMode = cli.isSet(QStringLiteral("citizen"));
    const QString levelName =
        cli.value(QStringLiteral("level")).isEmpty()
            ? (citizenMode ? QStringLiteral("clean") : QStringLiteral("moderate"))
            : cli.value(QStringLiteral("level"));
    const auto level = degradationFromName(levelName);
    if (!level) {
        return failWith(QStringLiteral("unknown level: ") + levelName);
    }
    const QString sideName = cli.value(QStringLiteral("side"));
    QList<CardSide> sides;
    if (sideName == QLatin1String("front") || sideName == QLatin1String("both")) {
        sides << CardSide::Front;
    }
    if (sideName == QLatin1String("back") || sideName == QLatin1String("both")) {
        sides << CardSide::Back;
    }
    if (sides.isEmpty()) {
        return failWith(QStringLiteral("--side must be front, back or both"));
    }
    bool okSeed = false;
    const quint64 seed = cli.value(QStringLiteral("seed")).toULongLong(&okSeed);
    bool okCount = false;
    const int count = cli.value(QStringLiteral("count")).toInt(&okCount);
    if (!okSeed || !okCount || count < 0) {
        return failWith(QStringLiteral("--seed and --count take non-negative numbers"));
    }
    const QString data = cli.value(QStringLiteral("data"));
    const auto templates = loadTemplates(data);
    if (!templates) {
        return failWith(templates.error());
    }
    QDir out(outPath);
    if (!out.mkpath(QStringLiteral("."))) {
        return failWith(QStringLiteral("cannot create ") + outPath);
    }
    QString error;
    if (citizenMode) {
        const QString file = cli.value(QStringLiteral("citizen"));
        const auto id = identityFromCitizenFile(file, data);
        if (!id) {
            return failWith(id.error());
        }
        const QString stem = QFileInfo(file).completeBaseName();
        for (CardSide side : sides) {
            std::seed_seq seq{quint32(seed), quint32(side == CardSide::Front)};
            std::mt19937 rng(seq);
            const Scene scene = makeScene(renderCard(*id, side, *templates), *level, rng);
            const QString name = stem + (side == CardSide::Front ? QStringLiteral("-front")
                                                                 : QStringLiteral("-back"));
            if (!writeSample(out, name, scene, groundTruth(*id, side, *level, scene), &error)) {
                return failWith(error);
            }
        }
        return 0;
    }
    const QStringList photos = facePhotos(data);
    for (int i = 0; i < count; ++i) {
        for (CardSide side : sides) {
            const Sample s = generateSample(seed, i, side, *level, *templates, photos);
            const QString name = QStringLiteral("card-%1-%2")
                                     .arg(i, 4, 10, QLatin1Char('0'))
                                     .arg(side == CardSide::Front ? QStringLiteral("front")
                                                                  : QStringLiteral("back"));
            if (!writeSample(out, name, s.scene, s.truth, &error)) {
                return failWith(error);
            }
        }
    }
    return 0;
}
