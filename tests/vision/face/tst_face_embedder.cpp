// Proves the weight mapping on real faces: dlib's pre-aligned "johns" chips
// (5 people x 11 chips). A wrong transposition or layer order gives
// near-random distances and fails this loudly.
#include "face_embedder.h"
#include "face_image.h"
#include "face_match.h"
#include "face_test_data.h"

#include <QCryptographicHash>
#include <QSet>
#include <QTest>
#include <optional>

using namespace kiosk::vision;
namespace data = kiosk::test::face;

class TestFaceEmbedder : public QObject {
    Q_OBJECT

    std::optional<FaceEmbedder> m_embedder;

    FaceDescriptor embedFile(const QString& path) {
        auto image = loadFaceImage(path);
        if (!image) {
            QTest::qFail(qPrintable(image.error().detail), __FILE__, __LINE__);
            return {};
        }
        auto d = m_embedder->embed(*image);
        if (!d) {
            QTest::qFail(qPrintable(d.error().detail), __FILE__, __LINE__);
            return {};
        }
        return *d;
    }

private slots:
    void initTestCase() {
        auto e = FaceEmbedder::load();
        QVERIFY2(e.has_value(), qPrintable(e ? QString() : e.error().detail));
        m_embedder.emplace(std::move(*e));
    }

    void embed_wrongChipSize_failsBadInput() {
        QImage small(100, 100, QImage::Format_RGB888);
        small.fill(Qt::gray);
        auto d = m_embedder->embed(small);
        QVERIFY(!d.has_value());
        QCOMPARE(d.error().code, FaceErrc::BadInput);
    }

    void embed_sameChipTwice_identicalDescriptor() {
        const QString path =
            data::facesFile(QStringLiteral("faces/dlib-johns/John_Salley/000179_02159509.jpg"));
        QVERIFY2(QFileInfo::exists(path), qPrintable(QStringLiteral("missing ") + path));
        const FaceDescriptor a = embedFile(path);
        const FaceDescriptor b = embedFile(path);
        QCOMPARE(descriptorDistance(a, b), 0.f);
        // dlib's metric loss leaves descriptors with a norm of the order of 1, never 0.
        FaceDescriptor zero{};
        QVERIFY(descriptorDistance(a, zero) > 0.1f);
    }

    void embed_johnsChips_genuineBelowAndImpostorAboveThreshold() {
        std::vector<float> genuine, impostor;
        johnsDistances(*m_embedder, genuine, impostor, true);
        if (QTest::currentTestFailed())
            return;
        const auto g = data::summarize(genuine, true);
        const auto m = data::summarize(impostor, false);
        qInfo("%s", qPrintable(data::describe("genuine", g)));
        qInfo("%s", qPrintable(data::describe("impostor", m)));
        QVERIFY(g.count >= 20 && m.count >= 20);
        QVERIFY2(g.wrongSide * 10 <= g.count, qPrintable(data::describe("genuine", g)));
        QVERIFY2(m.wrongSide * 10 <= m.count, qPrintable(data::describe("impostor", m)));
        QVERIFY2(g.mean < m.mean - 0.2, "genuine and impostor distances are not separated");
    }

    // The check above must catch a wrong mapping: feed the filters without the
    // HWIO -> [out][in][h][w] transposition and the separation must collapse.
    void embed_filtersNotTransposed_separationCollapses() {
        auto tensors = readTfjsWeights(FaceEmbedder::defaultManifestPath());
        QVERIFY2(tensors.has_value(), qPrintable(tensors ? QString() : tensors.error().detail));
        for (WeightTensor& t : *tensors) {
            if (!t.name.endsWith(QStringLiteral("/conv/filters")))
                continue;
            // Pre-permute so that the loader's transposition yields the raw file order.
            const int kh = t.shape[0], kw = t.shape[1], in = t.shape[2], out = t.shape[3];
            std::vector<float> p(t.values.size());
            for (int o = 0; o < out; ++o)
                for (int i = 0; i < in; ++i)
                    for (int y = 0; y < kh; ++y)
                        for (int x = 0; x < kw; ++x)
                            p[((y * kw + x) * in + i) * out + o] =
                                t.values[((o * in + i) * kh + y) * kw + x];
            t.values = std::move(p);
        }
        auto broken = FaceEmbedder::fromTensors(*tensors);
        QVERIFY2(broken.has_value(), "shapes are unchanged, so loading must succeed");
        std::vector<float> genuine, impostor;
        johnsDistances(*broken, genuine, impostor, false);
        if (QTest::currentTestFailed())
            return;
        const auto g = data::summarize(genuine, true);
        const auto m = data::summarize(impostor, false);
        qInfo("untransposed %s", qPrintable(data::describe("genuine", g)));
        qInfo("untransposed %s", qPrintable(data::describe("impostor", m)));
        const bool separated =
            g.wrongSide * 10 <= g.count && m.wrongSide * 10 <= m.count && g.mean < m.mean - 0.2;
        QVERIFY2(
            !separated,
            "a wrong mapping still separates genuine from impostor pairs: the check is too weak");
    }

private:
    // All pairs of dlib's pre-aligned "johns" chips (5 people x 11), each photo once.
    void johnsDistances(FaceEmbedder& embedder, std::vector<float>& genuine,
                        std::vector<float>& impostor, bool print) {
        const auto people = data::identities(QStringLiteral("faces/dlib-johns/"));
        QVERIFY2(people.size() >= 5,
                 qPrintable(QStringLiteral("need 5 identities from ") +
                            data::facesFile(QStringLiteral("faces/identities.csv"))));
        struct Chip {
            QString identity, file;
            FaceDescriptor d;
        };
        std::vector<Chip> chips;
        QSet<QByteArray> seen;
        for (auto it = people.begin(); it != people.end(); ++it)
            for (const QString& path : it.value()) {
                QFile file(path);
                QVERIFY2(file.open(QIODevice::ReadOnly),
                         qPrintable(QStringLiteral("missing ") + path));
                const QByteArray hash =
                    QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
                if (seen.contains(hash))
                    continue;  // the set holds a few byte-identical copies; a copy is no genuine
                               // pair
                seen.insert(hash);
                auto image = loadFaceImage(path);
                QVERIFY2(image.has_value(), qPrintable(image ? QString() : image.error().detail));
                auto d = embedder.embed(*image);
                QVERIFY2(d.has_value(), qPrintable(d ? QString() : d.error().detail));
                chips.push_back({it.key(), QFileInfo(path).fileName(), *d});
            }
        for (size_t i = 0; i < chips.size(); ++i)
            for (size_t j = i + 1; j < chips.size(); ++j) {
                const float d = descriptorDistance(chips[i].d, chips[j].d);
                const bool same = chips[i].identity == chips[j].identity;
                (same ? genuine : impostor).push_back(d);
                if (print && (same ? d >= kDefaultMatchThreshold : d < kDefaultMatchThreshold))
                    qInfo("wrong side: %s %s vs %s %s: %.3f", qPrintable(chips[i].identity),
                          qPrintable(chips[i].file), qPrintable(chips[j].identity),
                          qPrintable(chips[j].file), d);
            }
        if (!print)
            return;
        QString row;
        for (size_t i = 0; i < genuine.size(); ++i)
            row += QString::number(genuine[i], 'f', 3) +
                   ((i + 1) % 20 ? QStringLiteral(" ") : QStringLiteral("\n  "));
        qInfo("%d chips; genuine distances:\n  %s", int(chips.size()), qPrintable(row));
    }
};

QTEST_GUILESS_MAIN(TestFaceEmbedder)
#include "tst_face_embedder.moc"
