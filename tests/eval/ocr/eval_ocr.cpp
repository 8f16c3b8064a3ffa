// eval_ocr: accuracy of the card OCR on generated cards at three degradation
// levels and on the specimen cards in ../shared/data/cards.
//
//   build/bin/eval_ocr --count 100 --json build/artifacts/eval_ocr.json
//
// Prints, per level and field, the exact-match rate and the character error
// rate; writes the same as JSON. --quick (ctest) runs a few cards per level and
// fails only when a specimen check fails (bad CIDs must be flagged, the driving
// licence must be refused) or a card is not found at the mild level.
#include "card_identity.h"
#include "card_renderer.h"
#include "card_scene.h"
#include "card_truth.h"
#include "cid.h"
#include "field_reader.h"
#include "ocr_image.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QTextStream>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <map>
#include <opencv2/imgcodecs.hpp>
#include <thread>
#include <vector>

using namespace kiosk;
using namespace kiosk::ocr;

namespace {

struct FieldStats {
    int total = 0;
    int exact = 0;
    double cerSum = 0;
    void add(const QString& truth, const QString& got) {
        ++total;
        exact += truth == got ? 1 : 0;
        cerSum += std::min(1.0, characterErrorRate(truth, got));
    }
    double exactRate() const { return total ? double(exact) / total : 0; }
    double cer() const { return total ? cerSum / total : 0; }
};

struct LevelStats {
    std::map<QString, FieldStats> fields;
    int frames = 0;
    int found = 0;
    int sideOk = 0;
    double msFront = 0;
    double msBack = 0;
    int nFront = 0;
    int nBack = 0;
    std::map<QString, int> guidance;
};

QString thaiName(const PersonName& n) {
    return normalizeThai(n.prefix + n.first + n.middle + n.last);
}
QString englishName(const PersonName& n) {
    return n.display();
}

QString nameFromJson(const QJsonObject& o) {
    card::PersonName n;
    n.prefix = o.value(QStringLiteral("prefix")).toString();
    n.first = o.value(QStringLiteral("first")).toString();
    n.middle = o.value(QStringLiteral("middle")).toString();
    n.last = o.value(QStringLiteral("last")).toString();
    return n.display();
}

void score(LevelStats& st, const QJsonObject& truth, const CardReading& r) {
    ++st.frames;
    const bool front = truth.value(QStringLiteral("side")).toString() == QLatin1String("front");
    if (r.document == DocumentKind::ThaiId) {
        ++st.found;
    }
    if (r.document == DocumentKind::ThaiId && (r.side == Side::Front) == front) {
        ++st.sideOk;
    }
    ++st.guidance[guidanceName(r.guidance)];
    const QJsonObject tf = truth.value(QStringLiteral("fields")).toObject();
    if (front) {
        st.msFront += r.ms;
        ++st.nFront;
        const FrontFields f = r.front.value_or(FrontFields{});
        st.fields[QStringLiteral("cid")].add(tf.value(QStringLiteral("cid")).toString(), f.cid);
        const QString thTruth = nameFromJson(tf.value(QStringLiteral("name_th")).toObject());
        st.fields[QStringLiteral("name_th")].add(normalizeThai(thTruth), thaiName(f.nameTh));
        st.fields[QStringLiteral("name_en")].add(
            nameFromJson(tf.value(QStringLiteral("name_en")).toObject()), englishName(f.nameEn));
        st.fields[QStringLiteral("birth_date")].add(
            tf.value(QStringLiteral("birth_date")).toString(),
            f.birthDate ? f.birthDate->toIso() : QString());
        st.fields[QStringLiteral("expiry_date")].add(
            tf.value(QStringLiteral("expiry_date")).toString(),
            f.lifelong ? QStringLiteral("lifelong")
                       : (f.expiryDate ? f.expiryDate->toIso() : QString()));
    } else {
        st.msBack += r.ms;
        ++st.nBack;
        st.fields[QStringLiteral("laser_code")].add(
            tf.value(QStringLiteral("laser_code")).toString(),
            r.back ? r.back->laserCode : QString());
    }
}

struct Specimen {
    QString path;
    QString side;
    QMap<QString, QString> fields;
};

QList<Specimen> readSpecimens(const QString& data) {
    QList<Specimen> out;
    QFile f(QDir(data).filePath(QStringLiteral("cards/specimens.csv")));
    if (!f.open(QIODevice::ReadOnly)) {
        return out;
    }
    QTextStream in(&f);
    in.readLine();  // header
    while (!in.atEnd()) {
        const QString line = in.readLine();
        // path,side,"k=v; k=v",note  (the note may hold commas too)
        const qsizetype c1 = line.indexOf(QLatin1Char(','));
        const qsizetype c2 = line.indexOf(QLatin1Char(','), c1 + 1);
        if (c1 < 0 || c2 < 0) {
            continue;
        }
        Specimen s;
        s.path = line.left(c1);
        s.side = line.mid(c1 + 1, c2 - c1 - 1);
        if (!s.path.startsWith(QLatin1String("cards/specimens/"))) {
            continue;
        }
        if (line.mid(c2 + 1).startsWith(QLatin1Char('"'))) {
            const qsizetype end = line.indexOf(QLatin1Char('"'), c2 + 2);
            for (const QString& kv : line.mid(c2 + 2, end - c2 - 2).split(QStringLiteral("; "))) {
                const qsizetype eq = kv.indexOf(QLatin1Char('='));
                if (eq > 0) {
                    s.fields.insert(kv.left(eq).trimmed(), kv.mid(eq + 1).trimmed());
                }
            }
        }
        out << s;
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QGuiApplication app(argc, argv);
    QCommandLineParser cli;
    cli.setApplicationDescription(
        QStringLiteral("Card OCR accuracy on generated and specimen cards."));
    cli.addHelpOption();
    cli.addOption({QStringLiteral("count"), QStringLiteral("Cards (front + back) per level."),
                   QStringLiteral("N"), QStringLiteral("100")});
    cli.addOption({QStringLiteral("levels"), QStringLiteral("Comma-separated degradation levels."),
                   QStringLiteral("L"), QStringLiteral("mild,moderate,severe")});
    cli.addOption({QStringLiteral("seed"), QStringLiteral("Generator seed."), QStringLiteral("S"),
                   QStringLiteral("20261123")});
    cli.addOption({QStringLiteral("threads"), QStringLiteral("Worker threads."),
                   QStringLiteral("N"), QStringLiteral("1")});
    cli.addOption({QStringLiteral("json"), QStringLiteral("Write the results here."),
                   QStringLiteral("FILE")});
    cli.addOption({QStringLiteral("data"), QStringLiteral("Shared data folder."),
                   QStringLiteral("DIR"), QStringLiteral(KIOSK_SHARED_DATA_DIR)});
    cli.addOption({QStringLiteral("quick"), QStringLiteral("A few cards per level (ctest).")});
    cli.addOption({QStringLiteral("verbose"), QStringLiteral("Print every miss.")});
    cli.addOption({QStringLiteral("first"),
                   QStringLiteral("Start at this card index (to re-run one card: --first I "
                                  "--count 1)."),
                   QStringLiteral("I"), QStringLiteral("0")});
    cli.addOption({QStringLiteral("dump"),
                   QStringLiteral("Write the frame and the warped card of each miss here."),
                   QStringLiteral("DIR")});
    cli.process(app);

    const QString data = cli.value(QStringLiteral("data"));
    const bool quick = cli.isSet(QStringLiteral("quick"));
    const bool verbose = cli.isSet(QStringLiteral("verbose"));
    const QString dumpDir = cli.value(QStringLiteral("dump"));
    if (!dumpDir.isEmpty()) {
        QDir().mkpath(dumpDir);
    }
    const int count = quick ? 3 : cli.value(QStringLiteral("count")).toInt();
    const quint64 seed = cli.value(QStringLiteral("seed")).toULongLong();
    const int first = std::max(0, cli.value(QStringLiteral("first")).toInt());
    const int threads = std::max(1, cli.value(QStringLiteral("threads")).toInt());
    const auto templates = cardgen::loadTemplates(data);
    if (!templates) {
        std::fprintf(stderr, "eval_ocr: %s\n", qPrintable(templates.error()));
        return 1;
    }
    const QString templatesDir = QDir(data).filePath(QStringLiteral("cards/templates"));
    auto makeReader = [&]() -> std::unique_ptr<FieldReader> {
        auto locator = CardLocator::create(templatesDir);
        auto engine = TesseractEngine::create();
        if (!locator || !engine) {
            std::fprintf(stderr, "eval_ocr: %s\n",
                         qPrintable(!locator ? locator.error().detail : engine.error().detail));
            return nullptr;
        }
        return std::make_unique<FieldReader>(std::move(*locator), std::move(*engine));
    };
    const QStringList photos = cardgen::facePhotos(data);

    QJsonObject report;
    QJsonObject levelsJson;
    bool ok = true;
    for (const QString& levelName : cli.value(QStringLiteral("levels")).split(QLatin1Char(','))) {
        const auto level = cardgen::degradationFromName(levelName);
        if (!level) {
            std::fprintf(stderr, "eval_ocr: unknown level %s\n", qPrintable(levelName));
            return 2;
        }
        LevelStats st;
        QMutex mutex;
        std::atomic<int> next{first};
        std::atomic<bool> readerFailed{false};
        auto worker = [&]() {
            auto reader = makeReader();
            if (!reader) {
                readerFailed = true;
                return;
            }
            for (int i = next++; i < first + count; i = next++) {
                for (auto side : {cardgen::CardSide::Front, cardgen::CardSide::Back}) {
                    const auto s =
                        cardgen::generateSample(seed, i, side, *level, *templates, photos);
                    const auto r = reader->read(s.scene.bgr);
                    QMutexLocker lock(&mutex);
                    if (!r) {
                        std::fprintf(stderr, "eval_ocr: %s\n", qPrintable(r.error().detail));
                        continue;
                    }
                    score(st, s.truth, *r);
                    if (verbose) {
                        const QJsonObject got =
                            r->toJson().value(QStringLiteral("fields")).toObject();
                        const QJsonObject want = s.truth.value(QStringLiteral("fields")).toObject();
                        for (auto it = want.begin(); it != want.end(); ++it) {
                            const QJsonValue g = got.value(it.key());
                            QString gs = g.isObject() ? nameFromJson(g.toObject()) : g.toString();
                            QString ws = it.value().isObject() ? nameFromJson(it.value().toObject())
                                                               : it.value().toString();
                            if (gs != ws && !dumpDir.isEmpty()) {
                                const QString stem = QDir(dumpDir).filePath(
                                    QStringLiteral("%1-%2-%3")
                                        .arg(levelName)
                                        .arg(i)
                                        .arg(s.truth.value(QStringLiteral("side")).toString()));
                                cv::imwrite((stem + QStringLiteral("-frame.png")).toStdString(),
                                            s.scene.bgr);
                                if (r->document != DocumentKind::None) {
                                    const cv::Mat card =
                                        reader->locator().warp(s.scene.bgr, r->located);
                                    if (!card.empty()) {
                                        cv::imwrite(
                                            (stem + QStringLiteral("-card.png")).toStdString(),
                                            card);
                                    }
                                }
                            }
                            if (gs != ws) {
                                std::printf("  miss %s #%d %s: want '%s' got '%s' raw '%s'\n",
                                            qPrintable(levelName), i, qPrintable(it.key()),
                                            qPrintable(ws), qPrintable(gs),
                                            qPrintable(r->raw.value(it.key())));
                            }
                        }
                    }
                }
            }
        };
        std::vector<std::thread> pool;
        for (int t = 0; t < threads; ++t) {
            pool.emplace_back(worker);
        }
        for (auto& t : pool) {
            t.join();
        }
        if (readerFailed) {
            return 1;
        }
        std::printf(
            "\n== %s: %d frames, card found %.1f %%, side right %.1f %%, read %.0f ms "
            "front / %.0f ms back\n",
            qPrintable(levelName), st.frames, 100.0 * st.found / std::max(1, st.frames),
            100.0 * st.sideOk / std::max(1, st.frames), st.msFront / std::max(1, st.nFront),
            st.msBack / std::max(1, st.nBack));
        std::printf("   %-12s %8s %8s\n", "field", "exact%", "CER%");
        QJsonObject lj;
        QJsonObject fj;
        for (const auto& [name, fs] : st.fields) {
            std::printf("   %-12s %8.1f %8.2f\n", qPrintable(name), 100 * fs.exactRate(),
                        100 * fs.cer());
            fj.insert(name, QJsonObject{{QStringLiteral("n"), fs.total},
                                        {QStringLiteral("exact"), fs.exactRate()},
                                        {QStringLiteral("cer"), fs.cer()}});
        }
        QJsonObject gj;
        std::printf("   guidance:");
        for (const auto& [g, n] : st.guidance) {
            std::printf(" %s=%d", qPrintable(g), n);
            gj.insert(g, n);
        }
        std::printf("\n");
        lj.insert(QStringLiteral("frames"), st.frames);
        lj.insert(QStringLiteral("found"), double(st.found) / std::max(1, st.frames));
        lj.insert(QStringLiteral("side_right"), double(st.sideOk) / std::max(1, st.frames));
        lj.insert(QStringLiteral("ms_front"), st.msFront / std::max(1, st.nFront));
        lj.insert(QStringLiteral("ms_back"), st.msBack / std::max(1, st.nBack));
        lj.insert(QStringLiteral("fields"), fj);
        lj.insert(QStringLiteral("guidance"), gj);
        levelsJson.insert(levelName, lj);
        if (quick && *level == cardgen::Degradation::Mild && st.found < st.frames) {
            std::fprintf(stderr, "eval_ocr: a mild card was not found\n");
            ok = false;
        }
    }
    report.insert(QStringLiteral("levels"), levelsJson);

    // Specimens: real-looking cards with transcribed ground truth.
    auto reader = makeReader();
    if (!reader) {
        return 1;
    }
    QJsonArray specJson;
    std::printf("\n== specimens\n");
    for (const Specimen& s : readSpecimens(data)) {
        const auto image = loadImageFile(QDir(data).filePath(s.path));
        if (!image) {
            std::printf("   %s: %s\n", qPrintable(s.path), qPrintable(image.error().detail));
            ok = false;
            continue;
        }
        const auto r = reader->read(*image);
        if (!r) {
            std::printf("   %s: %s\n", qPrintable(s.path), qPrintable(r.error().detail));
            ok = false;
            continue;
        }
        QJsonObject sj = r->toJson();
        sj.insert(QStringLiteral("path"), s.path);
        QString verdict;
        const bool isLicence = s.path.endsWith(QLatin1String("card4.jpg"));
        if (isLicence) {
            const bool refused = r->document != DocumentKind::ThaiId;
            verdict = refused ? QStringLiteral("refused as not a Thai ID: ok")
                              : QStringLiteral("ACCEPTED AS A THAI ID");
            ok = ok && refused;
        } else if (s.fields.contains(QStringLiteral("cid"))) {
            const FrontFields f = r->front.value_or(FrontFields{});
            const QString cidTruth = s.fields.value(QStringLiteral("cid"));
            const double nameCer = characterErrorRate(
                normalizeThai(s.fields.value(QStringLiteral("name_th"))), thaiName(f.nameTh));
            const bool flagged = !f.cidValid;
            verdict =
                QStringLiteral("document %1, cid %2 (%3), flagged invalid: %4, name_th CER %5 %")
                    .arg(documentName(r->document),
                         f.cid == cidTruth ? QStringLiteral("exact") : QStringLiteral("differs"),
                         cid::mask(f.cid), flagged ? QStringLiteral("yes") : QStringLiteral("NO"))
                    .arg(100 * nameCer, 0, 'f', 1);
            sj.insert(QStringLiteral("cid_exact"), f.cid == cidTruth);
            sj.insert(QStringLiteral("name_th_cer"), nameCer);
            ok = ok && flagged;
        } else {
            verdict = QStringLiteral("document %1, guidance %2")
                          .arg(documentName(r->document), guidanceName(r->guidance));
        }
        std::printf("   %-52s %s (%.0f ms)\n", qPrintable(s.path), qPrintable(verdict), r->ms);
        specJson.append(sj);
    }
    report.insert(QStringLiteral("specimens"), specJson);
    report.insert(QStringLiteral("seed"), QString::number(seed));
    report.insert(QStringLiteral("count_per_level"), count);
    if (cli.isSet(QStringLiteral("json"))) {
        QFile out(cli.value(QStringLiteral("json")));
        if (!out.open(QIODevice::WriteOnly) ||
            out.write(QJsonDocument(report).toJson(QJsonDocument::Indented)) < 0) {
            std::fprintf(stderr, "eval_ocr: cannot write %s\n", qPrintable(out.fileName()));
            return 1;
        }
    }
    return ok ? 0 : 1;
}
