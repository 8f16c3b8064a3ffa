#include "face_weights.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstring>

namespace kiosk::vision {
namespace {

FaceError corrupt(const QString& detail) {
    return {FaceErrc::ModelCorrupt, detail};
}

// One manifest entry before its bytes are read.
struct Entry {
    WeightTensor tensor;
    qsizetype count = 0;
    int bytesPerValue = 4;  // float32, or 1/2 when quantized
    double scale = 1.0;
    double min = 0.0;
};

Result<Entry, FaceError> parseEntry(const QJsonObject& w) {
    Entry e;
    e.tensor.name = w.value(QStringLiteral("name")).toString();
    if (e.tensor.name.isEmpty())
        return fail(corrupt(QStringLiteral("manifest entry without a name")));
    if (w.value(QStringLiteral("dtype")).toString() != QStringLiteral("float32"))
        return fail(corrupt(e.tensor.name + QStringLiteral(": dtype is not float32")));
    const QJsonArray shape = w.value(QStringLiteral("shape")).toArray();
    qint64 count = 1;
    for (const auto& dim : shape) {
        const int d = dim.toInt(-1);
        if (d <= 0 || count * d > (qint64(1) << 28))
            return fail(corrupt(e.tensor.name + QStringLiteral(": bad shape")));
        e.tensor.shape.push_back(d);
        count *= d;
    }
    if (e.tensor.shape.empty())
        return fail(corrupt(e.tensor.name + QStringLiteral(": no shape")));
    e.count = count;
    const QJsonValue q = w.value(QStringLiteral("quantization"));
    if (q.isObject()) {
        const QJsonObject qo = q.toObject();
        const QString dtype = qo.value(QStringLiteral("dtype")).toString();
        if (dtype == QStringLiteral("uint8"))
            e.bytesPerValue = 1;
        else if (dtype == QStringLiteral("uint16"))
            e.bytesPerValue = 2;
        else
            return fail(
                corrupt(e.tensor.name + QStringLiteral(": unsupported quantization ") + dtype));
        if (!qo.value(QStringLiteral("scale")).isDouble() ||
            !qo.value(QStringLiteral("min")).isDouble())
            return fail(
                corrupt(e.tensor.name + QStringLiteral(": quantization without scale/min")));
        e.scale = qo.value(QStringLiteral("scale")).toDouble();
        e.min = qo.value(QStringLiteral("min")).toDouble();
    }
    return e;
}

// Little-endian, as TensorFlow.js writes it on every platform we run on.
void decode(Entry& e, const char* bytes) {
    auto& out = e.tensor.values;
    out.resize(static_cast<size_t>(e.count));
    const auto* u = reinterpret_cast<const unsigned char*>(bytes);
    for (qsizetype i = 0; i < e.count; ++i) {
        switch (e.bytesPerValue) {
            case 1:
                out[i] = static_cast<float>(u[i] * e.scale + e.min);
                break;
            case 2: {
                const unsigned v = u[2 * i] | (unsigned(u[2 * i + 1]) << 8);
                out[i] = static_cast<float>(v * e.scale + e.min);
                break;
            }
            default:
                std::memcpy(&out[i], bytes + 4 * i, 4);
                break;
        }
    }
}

}  // namespace

Result<std::vector<WeightTensor>, FaceError> readTfjsWeights(const QString& manifestPath) {
    QFile manifestFile(manifestPath);
    if (!manifestFile.exists())
        return fail(FaceError{FaceErrc::ModelMissing,
                              QStringLiteral("weights manifest not found: ") + manifestPath});
    if (!manifestFile.open(QIODevice::ReadOnly))
        return fail(corrupt(QStringLiteral("cannot open ") + manifestPath));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(manifestFile.readAll(), &parseError);
    if (!doc.isArray())
        return fail(
            corrupt(QStringLiteral("manifest is not a JSON array: ") + parseError.errorString()));

    // TensorFlow.js concatenates the shards of all groups into one byte stream.
    std::vector<Entry> entries;
    QByteArray data;
    const QDir dir = QFileInfo(manifestPath).dir();
    for (const auto& groupValue : doc.array()) {
        const QJsonObject group = groupValue.toObject();
        for (const auto& path : group.value(QStringLiteral("paths")).toArray()) {
            const QString shardPath = dir.filePath(path.toString());
            QFile shard(shardPath);
            if (!shard.exists())
                return fail(FaceError{FaceErrc::ModelMissing,
                                      QStringLiteral("weights shard not found: ") + shardPath});
            if (!shard.open(QIODevice::ReadOnly))
                return fail(corrupt(QStringLiteral("cannot open ") + shardPath));
            data += shard.readAll();
        }
        for (const auto& w : group.value(QStringLiteral("weights")).toArray()) {
            auto entry = parseEntry(w.toObject());
            if (!entry)
                return fail(entry.error());
            entries.push_back(std::move(*entry));
        }
    }
    if (entries.empty())
        return fail(corrupt(QStringLiteral("manifest lists no tensors")));

    qsizetype expected = 0;
    for (const auto& e : entries)
        expected += e.count * e.bytesPerValue;
    if (data.size() != expected)
        return fail(corrupt(
            QStringLiteral(
                "weights are %1 bytes, the manifest describes %2 (truncated or wrong file?)")
                .arg(data.size())
                .arg(expected)));

    std::vector<WeightTensor> tensors;
    tensors.reserve(entries.size());
    qsizetype offset = 0;
    for (auto& e : entries) {
        decode(e, data.constData() + offset);
        offset += e.count * e.bytesPerValue;
        tensors.push_back(std::move(e.tensor));
    }
    return tensors;
}

}  // namespace kiosk::vision
