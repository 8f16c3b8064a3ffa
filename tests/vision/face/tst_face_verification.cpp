// End to end on ordinary photos: detect, align, embed, match. Portraits
// (face_recognition's examples) and openface's examples, several photos per
// person, different resolutions and lighting.
#include "face_aligner.h"
#include "face_embedder.h"
#include "face_match.h"
#include "face_test_data.h"

#include <QCryptographicHash>
#include <QSet>
#include <QTest>
#include <optional>

using namespace kiosk::vision;
namespace data = kiosk::test::face;

class TestFaceVerification : public QObject {
    Q_OBJECT

    std::optional<FaceAligner> m_aligner;
    std::optional<FaceEmbedder> m_embedder;

private slots:
    void initTestCase() {
        auto a = FaceAligner::load();
        QVERIFY2(a.has_value(), qPrintable(a ? QString() : a.error().detail));
        m_aligner.emplace(std::move(*a));
        auto e = FaceEmbedder::load();
        QVERIFY2(e.has_value(), qPrintable(e ? QString() : e.error().detail));
        m_embedder.emplace(std::move(*e));
    }

    void matchFaces_portraitPhotos_genuineBelowAndImpostorAboveThreshold() {
        auto people =
            data::identities(QStringLiteral("faces/portraits/"), QStringLiteral("partial"));
        const auto openface = data::identities(QStringLiteral("faces/openface/"));
        for (auto it = openface.begin(); it != openface.end(); ++it)
            people.insert(it.key(), it.value());
        // An "unknown" identity is not known to differ from the others (32bit.png is in
        // fact an Obama photo), so it cannot serve as an impostor.
        people.removeIf(
            [](const auto& it) { return it.key().contains(QStringLiteral("unknown")); });
        QVERIFY2(people.size() >= 8,
                 qPrintable(QStringLiteral("too few identities in ") +
                            data::facesFile(QStringLiteral("faces/identities.csv"))));

        struct Probe {
            QString identity, file;
            FaceDescriptor d;
        };
        std::vector<Probe> probes;
        int images = 0;
        QStringList notAligned;
        QSet<QByteArray> seen;  // some photos appear twice in the set; a copy is no genuine pair
        for (auto it = people.begin(); it != people.end(); ++it)
            for (const QString& path : it.value()) {
                QVERIFY2(QFileInfo::exists(path), qPrintable(QStringLiteral("missing ") + path));
                QFile file(path);
                QVERIFY(file.open(QIODevice::ReadOnly));
                const QByteArray hash =
                    QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
                if (seen.contains(hash))
                    continue;
                seen.insert(hash);
                ++images;
                auto face = m_aligner->alignSingleFile(path);
                if (!face) {
                    notAligned << QFileInfo(path).fileName() + QLatin1Char(':') +
                                      errcName(face.error().code);
                    continue;
                }
                auto d = m_embedder->embed(face->chip);
                QVERIFY2(d.has_value(), qPrintable(d ? QString() : d.error().detail));
                probes.push_back({it.key(), QFileInfo(path).fileName(), *d});
            }
        qInfo("%d of %d photos aligned; not aligned: %s", int(probes.size()), images,
              qPrintable(notAligned.join(QLatin1Char(' '))));
        QVERIFY2(probes.size() * 10 >= size_t(images) * 9,
                 "fewer than 90 % of single-face photos aligned");

        std::vector<float> genuine, impostor;
        for (size_t i = 0; i < probes.size(); ++i)
            for (size_t j = i + 1; j < probes.size(); ++j) {
                const FaceMatch m = matchFaces(probes[i].d, probes[j].d);
                const bool same = probes[i].identity == probes[j].identity;
                (same ? genuine : impostor).push_back(m.distance);
                if (same)
                    qInfo("genuine %s: %s vs %s: %.3f (score %.2f)", qPrintable(probes[i].identity),
                          qPrintable(probes[i].file), qPrintable(probes[j].file), m.distance,
                          m.score);
                else if (m.same)
                    qInfo("impostor below threshold: %s vs %s: %.3f", qPrintable(probes[i].file),
                          qPrintable(probes[j].file), m.distance);
            }
        const auto g = data::summarize(genuine, true);
        const auto m = data::summarize(impostor, false);
        qInfo("%s", qPrintable(data::describe("genuine", g)));
        qInfo("%s", qPrintable(data::describe("impostor", m)));
        QVERIFY2(g.count >= 20 && m.count >= 20, "need 20+ genuine and 20+ impostor pairs");
        QVERIFY2(g.wrongSide * 10 <= g.count, qPrintable(data::describe("genuine", g)));
        QVERIFY2(m.wrongSide * 10 <= m.count, qPrintable(data::describe("impostor", m)));
    }
};

QTEST_GUILESS_MAIN(TestFaceVerification)
#include "tst_face_verification.moc"
