// kiosk-attackgen: writes the liveness evaluation corpus (bona fide segments
// and generated print / screen-replay attacks) as image sequences plus a
// manifest, for inspection or for `kioskctl liveness`. Output goes under the
// build tree by default, never into the repository.
#include "attack_corpus.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTextStream>
#include <opencv2/imgcodecs.hpp>

using namespace kiosk::sim;

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Render presentation attacks (print, screen replay) and bona fide segments."));
    parser.addHelpOption();
    const QCommandLineOption outOpt(QStringLiteral("out"), QStringLiteral("Output folder."),
                                    QStringLiteral("dir"),
                                    QStringLiteral(KIOSK_BUILD_DIR "/attacks"));
    const QCommandLineOption dataOpt(QStringLiteral("data"), QStringLiteral("Shared data folder."),
                                     QStringLiteral("dir"), QStringLiteral(KIOSK_SHARED_DATA_DIR));
    const QCommandLineOption seedOpt(QStringLiteral("seed"), QStringLiteral("Seed."),
                                     QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption countOpt(QStringLiteral("count"),
                                      QStringLiteral("Attacks of each type."), QStringLiteral("n"),
                                      QStringLiteral("6"));
    const QCommandLineOption framesOpt(QStringLiteral("frames"),
                                       QStringLiteral("Frames per presentation (25 fps)."),
                                       QStringLiteral("n"), QStringLiteral("50"));
    const QCommandLineOption bonaOpt(QStringLiteral("bona-fide"),
                                     QStringLiteral("Also write the bona fide segments."));
    parser.addOptions({outOpt, dataOpt, seedOpt, countOpt, framesOpt, bonaOpt});
    parser.process(app);

    CorpusOptions o;
    o.dataDir = parser.value(dataOpt);
    o.seed = parser.value(seedOpt).toULongLong();
    o.printCount = o.replayCount = parser.value(countOpt).toInt();
    o.frames = parser.value(framesOpt).toInt();
    o.bonaFideStrideMs = 4000;
    QString error;
    const auto plan = planCorpus(o, &error);
    if (plan.empty()) {
        QTextStream(stderr) << "kiosk-attackgen: " << error << "\n";
        return 1;
    }
    QDir out(parser.value(outOpt));
    if (!out.mkpath(QStringLiteral("."))) {
        QTextStream(stderr) << "kiosk-attackgen: cannot create " << out.path() << "\n";
        return 1;
    }
    QFile manifest(out.filePath(QStringLiteral("manifest.csv")));
    if (!manifest.open(QIODevice::WriteOnly | QIODevice::Text)) {
        QTextStream(stderr) << "kiosk-attackgen: cannot write " << manifest.fileName() << "\n";
        return 1;
    }
    QTextStream m(&manifest);
    m << "id,label,attack_type,source,start_ms,seed,frames\n";
    int written = 0;
    for (const PresentationSpec& spec : plan) {
        if (!spec.attack && !parser.isSet(bonaOpt))
            continue;
        auto p = render(spec, o.dataDir, &error);
        if (!p) {
            QTextStream(stderr) << "kiosk-attackgen: " << error << "\n";
            return 1;
        }
        out.mkpath(spec.id);
        for (size_t i = 0; i < p->frames.size(); ++i)
            cv::imwrite(out.filePath(QStringLiteral("%1/frame_%2.jpg")
                                         .arg(spec.id)
                                         .arg(i, 4, 10, QLatin1Char('0')))
                            .toStdString(),
                        p->frames[i], {cv::IMWRITE_JPEG_QUALITY, 95});
        m << spec.id << ',' << (spec.attack ? "attack" : "bona_fide") << ','
          << (spec.attack ? attackTypeName(spec.type) : QString()) << ',' << spec.source << ','
          << spec.startMs << ',' << spec.seed << ',' << spec.frames << '\n';
        ++written;
    }
    QTextStream(stdout) << "wrote " << written << " presentations (25 fps image sequences) to "
                        << out.path() << "\n";
    return 0;
}
