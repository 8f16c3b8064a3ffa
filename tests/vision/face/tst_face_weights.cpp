// The weights file and its mapping onto dlib's network: every tensor used once,
// shapes checked, damaged files refused with a clear error.
#include "face_embedder.h"
#include "face_test_data.h"
#include "face_weights.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace kiosk::vision;

namespace {

QString manifestPath() {
    return FaceEmbedder::defaultManifestPath();
}
QString binPath() {
    return QFileInfo(manifestPath()).dir().filePath(QStringLiteral("face_recognition_model.bin"));
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

int indexOf(const std::vector<WeightTensor>& t, const QString& name) {
    for (size_t i = 0; i < t.size(); ++i)
        if (t[i].name == name)
            return int(i);
    return -1;
}

}  // namespace

class TestFaceWeights : public QObject {
    Q_OBJECT

    std::vector<WeightTensor> m_tensors;

private slots:
    void initTestCase() {
        QVERIFY2(QFileInfo::exists(manifestPath()),
                 qPrintable(QStringLiteral("missing %1: run kiosk-os/setup/fetch-models.sh")
                                .arg(manifestPath())));
        QVERIFY2(QFileInfo::exists(binPath()), qPrintable(QStringLiteral("missing ") + binPath()));
        auto tensors = readTfjsWeights(manifestPath());
        QVERIFY2(tensors.has_value(), qPrintable(tensors ? QString() : tensors.error().detail));
        m_tensors = *tensors;
    }

    void readTfjsWeights_realManifest_reads117TensorsInFileOrder() {
        QCOMPARE(m_tensors.size(), size_t(117));
        QCOMPARE(m_tensors.front().name, QStringLiteral("conv32_down/conv/filters"));
        QCOMPARE(m_tensors.front().shape, (std::vector<int>{7, 7, 3, 32}));
        QCOMPARE(m_tensors.back().name, QStringLiteral("fc"));
        QCOMPARE(m_tensors.back().shape, (std::vector<int>{256, 128}));
        for (const auto& t : m_tensors)
            for (float v : t.values)
                QVERIFY2(std::isfinite(v) && std::abs(v) < 100.f, qPrintable(t.name));
    }

    void readTfjsWeights_quantizedAndFloat_decodedExactly() {
        QTemporaryDir dir;
        const QByteArray manifest = R"([{"paths":["w.bin"],"weights":[
            {"name":"q","shape":[3],"dtype":"float32","quantization":{"dtype":"uint8","scale":0.5,"min":-1}},
            {"name":"f","shape":[2],"dtype":"float32"}]}])";
        QByteArray bin("\x00\x02\xff", 3);
        const float floats[2] = {1.25f, -3.5f};
        bin.append(reinterpret_cast<const char*>(floats), sizeof floats);
        QVERIFY(writeFile(dir.filePath(QStringLiteral("m.json")), manifest));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("w.bin")), bin));
        auto t = readTfjsWeights(dir.filePath(QStringLiteral("m.json")));
        QVERIFY2(t.has_value(), qPrintable(t ? QString() : t.error().detail));
        QCOMPARE(t->at(0).values, (std::vector<float>{-1.f, 0.f, 126.5f}));
        QCOMPARE(t->at(1).values, (std::vector<float>{1.25f, -3.5f}));
    }

    void readTfjsWeights_truncatedBin_failsModelCorrupt() {
        QTemporaryDir dir;
        QVERIFY(QFile::copy(manifestPath(), dir.filePath(QFileInfo(manifestPath()).fileName())));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("face_recognition_model.bin")),
                          readAll(binPath()).chopped(1000)));
        auto t = readTfjsWeights(dir.filePath(QFileInfo(manifestPath()).fileName()));
        QVERIFY(!t.has_value());
        QCOMPARE(t.error().code, FaceErrc::ModelCorrupt);
        QVERIFY2(t.error().detail.contains(QStringLiteral("truncated")),
                 qPrintable(t.error().detail));
    }

    void readTfjsWeights_extraBytes_failsModelCorrupt() {
        QTemporaryDir dir;
        QVERIFY(QFile::copy(manifestPath(), dir.filePath(QStringLiteral("m.json"))));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("face_recognition_model.bin")),
                          readAll(binPath()) + "x"));
        auto t = readTfjsWeights(dir.filePath(QStringLiteral("m.json")));
        QVERIFY(!t.has_value());
        QCOMPARE(t.error().code, FaceErrc::ModelCorrupt);
    }

    void readTfjsWeights_missingBin_failsModelMissingNamingIt() {
        QTemporaryDir dir;
        QVERIFY(QFile::copy(manifestPath(), dir.filePath(QStringLiteral("m.json"))));
        auto t = readTfjsWeights(dir.filePath(QStringLiteral("m.json")));
        QVERIFY(!t.has_value());
        QCOMPARE(t.error().code, FaceErrc::ModelMissing);
        QVERIFY(t.error().detail.contains(QStringLiteral("face_recognition_model.bin")));
    }

    void readTfjsWeights_notJson_failsModelCorrupt() {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("m.json")), "{ not json"));
        auto t = readTfjsWeights(dir.filePath(QStringLiteral("m.json")));
        QVERIFY(!t.has_value());
        QCOMPARE(t.error().code, FaceErrc::ModelCorrupt);
    }

    void fromTensors_realWeights_consumesEveryTensor() {
        auto e = FaceEmbedder::fromTensors(m_tensors);
        QVERIFY2(e.has_value(), qPrintable(e ? QString() : e.error().detail));
    }

    void fromTensors_lastTensorMissing_failsModelMismatch() {
        auto t = m_tensors;
        t.pop_back();
        auto e = FaceEmbedder::fromTensors(t);
        QVERIFY(!e.has_value());
        QCOMPARE(e.error().code, FaceErrc::ModelMismatch);
        QVERIFY2(e.error().detail.contains(QStringLiteral("ran out")),
                 qPrintable(e.error().detail));
    }

    void fromTensors_extraTensor_failsModelMismatch() {
        auto t = m_tensors;
        t.push_back(t.back());
        auto e = FaceEmbedder::fromTensors(t);
        QVERIFY(!e.has_value());
        QCOMPARE(e.error().code, FaceErrc::ModelMismatch);
        QVERIFY2(e.error().detail.contains(QStringLiteral("left over")),
                 qPrintable(e.error().detail));
    }

    void fromTensors_filtersAndBiasSwapped_failsModelMismatch() {
        auto t = m_tensors;
        const int i = indexOf(t, QStringLiteral("conv64_1/conv1/conv/filters"));
        QVERIFY(i >= 0);
        std::swap(t[i], t[i + 1]);
        auto e = FaceEmbedder::fromTensors(t);
        QVERIFY(!e.has_value());
        QCOMPARE(e.error().code, FaceErrc::ModelMismatch);
        QVERIFY2(e.error().detail.contains(QStringLiteral("conv64_1/conv1")),
                 qPrintable(e.error().detail));
    }

    void fromTensors_fcTransposed_failsModelMismatch() {
        auto t = m_tensors;
        t.back().shape = {128, 256};  // same element count, wrong layout
        auto e = FaceEmbedder::fromTensors(t);
        QVERIFY(!e.has_value());
        QCOMPARE(e.error().code, FaceErrc::ModelMismatch);
        QVERIFY2(e.error().detail.contains(QStringLiteral("[128,256]")),
                 qPrintable(e.error().detail));
    }

    void fromTensors_blocksOutOfOrder_failsModelMismatch() {
        // Swap two whole residual blocks of the same shape: sizes still fit, names do not.
        auto t = m_tensors;
        const int a = indexOf(t, QStringLiteral("conv32_1/conv1/conv/filters"));
        const int b = indexOf(t, QStringLiteral("conv32_2/conv1/conv/filters"));
        QVERIFY(a >= 0 && b >= 0);
        std::swap(t[a + 2], t[b + 2]);  // conv32_1's scale/weights <-> conv32_2's
        auto e = FaceEmbedder::fromTensors(t);
        QVERIFY(!e.has_value());
        QCOMPARE(e.error().code, FaceErrc::ModelMismatch);
        QVERIFY2(e.error().detail.contains(QStringLiteral("does not belong")),
                 qPrintable(e.error().detail));
    }
};

QTEST_GUILESS_MAIN(TestFaceWeights)
#include "tst_face_weights.moc"
