// The only translation unit that instantiates the dlib DNN: it compiles slowly,
// so keep everything else out of it.
#include "face_embedder.h"

#include "paths.h"

#include <dlib/dnn.h>

#include <QStringList>
#include <algorithm>
#include <exception>

namespace kiosk::vision {
namespace {

// dlib's face-recognition ResNet-29, layer for layer (so the exported weights
// fit): the batch norms were folded into `affine` layers before export.
namespace arch {
using namespace dlib;

// conv(stride) -> affine -> relu -> conv -> affine
template <long K, int Stride, typename In>
using ConvPair = affine<con<K, 3, 3, 1, 1, relu<affine<con<K, 3, 3, Stride, Stride, In>>>>>;
// Identity shortcut.
template <long K, typename In>
using Residual = relu<add_prev1<ConvPair<K, 1, tag1<In>>>>;
// Halves the resolution; the shortcut is a 2x2 average pool, and add_prev
// zero-pads it when the channel count grows.
template <long K, typename In>
using ResidualDown = relu<add_prev2<avg_pool<2, 2, 2, 2, skip1<tag2<ConvPair<K, 2, tag1<In>>>>>>>;

template <typename In>
using Stage32 = Residual<32, Residual<32, Residual<32, In>>>;
template <typename In>
using Stage64 = Residual<64, Residual<64, Residual<64, ResidualDown<64, In>>>>;
template <typename In>
using Stage128 = Residual<128, Residual<128, ResidualDown<128, In>>>;
template <typename In>
using Stage256 = Residual<256, Residual<256, ResidualDown<256, In>>>;

using Stem =
    max_pool<3, 3, 2, 2, relu<affine<con<32, 7, 7, 2, 2, input_rgb_image_sized<kFaceChipSize>>>>>;
using Network = loss_metric<fc_no_bias<
    128, avg_pool_everything<ResidualDown<256, Stage256<Stage128<Stage64<Stage32<Stem>>>>>>>>;
}  // namespace arch

FaceError mismatch(const QString& detail) {
    return {FaceErrc::ModelMismatch, detail};
}

QString shapeString(const std::vector<int>& shape) {
    QStringList dims;
    for (int d : shape)
        dims << QString::number(d);
    return QLatin1Char('[') + dims.join(QLatin1Char(',')) + QLatin1Char(']');
}

// A layer with parameters, in input-to-output order.
struct Slot {
    enum Kind { Conv, Affine, Fc } kind;
    dlib::tensor* params;   // con and fc
    dlib::affine_* affine;  // affine hides its parameters from get_layer_params()
    long out = 0;           // filters / channels / fc outputs
    long in = 0;            // input channels / fc inputs
    long kh = 0, kw = 0;
};

// Freshly built `affine` layers default to FC_MODE (one gamma per activation);
// the exported weights are per channel.
struct UseConvModeAffine {
    void operator()(dlib::affine_& l) const { l = dlib::affine_(dlib::CONV_MODE); }
    template <typename T>
    void operator()(T&) const {}
};

struct CollectSlots {
    std::vector<Slot>* layers;

    template <long N, long R, long C, int SY, int SX, int PY, int PX>
    void operator()(dlib::con_<N, R, C, SY, SX, PY, PX>& l) const {
        dlib::tensor& p = l.get_layer_params();
        const long bias = l.bias_is_disabled() ? 0 : N;
        layers->push_back(
            {Slot::Conv, &p, nullptr, N, (static_cast<long>(p.size()) - bias) / (N * R * C), R, C});
    }
    void operator()(dlib::affine_& l) const {
        const long channels =
            l.get_mode() == dlib::CONV_MODE ? static_cast<long>(l.get_gamma().size()) : -1;
        layers->push_back({Slot::Affine, nullptr, &l, channels, 0, 0, 0});
    }
    template <unsigned long N, dlib::fc_bias_mode M>
    void operator()(dlib::fc_<N, M>& l) const {
        dlib::tensor& p = l.get_layer_params();
        layers->push_back({Slot::Fc, &p, nullptr, static_cast<long>(N),
                           static_cast<long>(p.size()) / static_cast<long>(N)});
    }
    template <typename T>
    void operator()(T&) const {}
};

// Hands out manifest tensors in order, checking name and shape.
class TensorCursor {
public:
    explicit TensorCursor(const std::vector<WeightTensor>& tensors) : m_tensors(tensors) {}

    Result<const WeightTensor*, FaceError> take(const QString& suffix,
                                                const std::vector<int>& shape,
                                                const QString& layer) {
        if (m_next >= m_tensors.size())
            return fail(
                mismatch(QStringLiteral("manifest ran out of tensors at %1 (expected *%2 %3)")
                             .arg(layer, suffix, shapeString(shape))));
        const WeightTensor& t = m_tensors[m_next];
        if (!t.name.endsWith(suffix))
            return fail(mismatch(QStringLiteral("tensor #%1 '%2' found where %3 expects *%4")
                                     .arg(m_next)
                                     .arg(t.name, layer, suffix)));
        if (t.shape != shape || t.values.size() != elementCount(shape))
            return fail(
                mismatch(QStringLiteral("tensor #%1 '%2' has shape %3, %4 expects %5")
                             .arg(m_next)
                             .arg(t.name, shapeString(t.shape), layer, shapeString(shape))));
        ++m_next;
        return &t;
    }
    size_t consumed() const { return m_next; }

private:
    static size_t elementCount(const std::vector<int>& shape) {
        size_t n = 1;
        for (int d : shape)
            n *= static_cast<size_t>(d);
        return n;
    }
    const std::vector<WeightTensor>& m_tensors;
    size_t m_next = 0;
};

// The part of a tensor name before "/conv/..." or "/scale/...", e.g. "conv32_1/conv1".
QString blockOf(const QString& name) {
    return name.section(QLatin1Char('/'), 0, -3);
}

Result<void, FaceError> mapWeights(std::vector<Slot>& layers,
                                   const std::vector<WeightTensor>& tensors) {
    TensorCursor cursor(tensors);
    QString lastConvBlock;
    long lastConvOut = 0;
    for (size_t i = 0; i < layers.size(); ++i) {
        Slot& s = layers[i];
        float* dst = s.params ? s.params->host() : nullptr;
        const QString layer = QStringLiteral("layer #%1").arg(i);
        switch (s.kind) {
            case Slot::Conv: {
                auto filters = cursor.take(QStringLiteral("/conv/filters"),
                                           {int(s.kh), int(s.kw), int(s.in), int(s.out)},
                                           layer + QStringLiteral(" (con)"));
                if (!filters)
                    return fail(filters.error());
                auto bias = cursor.take(QStringLiteral("/conv/bias"), {int(s.out)},
                                        layer + QStringLiteral(" (con)"));
                if (!bias)
                    return fail(bias.error());
                lastConvBlock = blockOf((*filters)->name);
                if (blockOf((*bias)->name) != lastConvBlock)
                    return fail(mismatch(QStringLiteral("bias '%1' does not belong to '%2'")
                                             .arg((*bias)->name, (*filters)->name)));
                if (static_cast<long>(s.params->size()) != s.out * s.in * s.kh * s.kw + s.out)
                    return fail(mismatch(layer + QStringLiteral(": convolution without bias")));
                // TensorFlow stores HWIO; dlib wants [out][in][row][col], then the biases.
                const float* src = (*filters)->values.data();
                for (long o = 0; o < s.out; ++o)
                    for (long c = 0; c < s.in; ++c)
                        for (long y = 0; y < s.kh; ++y)
                            for (long x = 0; x < s.kw; ++x)
                                *dst++ = src[((y * s.kw + x) * s.in + c) * s.out + o];
                std::copy((*bias)->values.begin(), (*bias)->values.end(), dst);
                lastConvOut = s.out;
                break;
            }
            case Slot::Affine: {
                // Must follow its convolution, in the same block, per channel.
                if (lastConvOut == 0 || s.out != lastConvOut)
                    return fail(mismatch(
                        layer + QStringLiteral(": affine layer is not per channel (%1) or does not "
                                               "follow a convolution with %2 filters")
                                    .arg(s.out)
                                    .arg(lastConvOut)));
                auto gamma = cursor.take(QStringLiteral("/scale/weights"), {int(s.out)},
                                         layer + QStringLiteral(" (affine)"));
                if (!gamma)
                    return fail(gamma.error());
                auto beta = cursor.take(QStringLiteral("/scale/biases"), {int(s.out)},
                                        layer + QStringLiteral(" (affine)"));
                if (!beta)
                    return fail(beta.error());
                if (blockOf((*gamma)->name) != lastConvBlock ||
                    blockOf((*beta)->name) != lastConvBlock)
                    return fail(mismatch(
                        QStringLiteral("scale '%1' does not belong to convolution block '%2'")
                            .arg((*gamma)->name, lastConvBlock)));
                auto g = s.affine->get_gamma();
                auto b = s.affine->get_beta();
                std::copy((*gamma)->values.begin(), (*gamma)->values.end(), g.host());
                std::copy((*beta)->values.begin(), (*beta)->values.end(), b.host());
                lastConvOut = 0;
                break;
            }
            case Slot::Fc: {
                // dlib computes x * W with W stored [inputs][outputs]: TensorFlow's layout, no
                // transpose.
                auto w = cursor.take(QStringLiteral("fc"), {int(s.in), int(s.out)},
                                     layer + QStringLiteral(" (fc_no_bias)"));
                if (!w)
                    return fail(w.error());
                std::copy((*w)->values.begin(), (*w)->values.end(), dst);
                break;
            }
        }
    }
    if (cursor.consumed() != tensors.size())
        return fail(
            mismatch(QStringLiteral("%1 of %2 tensors left over after the last layer, first '%3'")
                         .arg(tensors.size() - cursor.consumed())
                         .arg(tensors.size())
                         .arg(tensors[cursor.consumed()].name)));
    return {};
}

}  // namespace

struct FaceEmbedder::Net {
    arch::Network network;
};

QString FaceEmbedder::defaultManifestPath() {
    return kiosk::paths::modelFile(QString::fromLatin1(kFaceApiPackage),
                                   QString::fromLatin1(kFaceApiVersion),
                                   QString::fromLatin1(kFaceRecognitionManifest));
}

Result<FaceEmbedder, FaceError> FaceEmbedder::load(const QString& manifestPath) {
    auto tensors = readTfjsWeights(manifestPath);
    if (!tensors)
        return fail(tensors.error());
    return fromTensors(*tensors);
}

Result<FaceEmbedder, FaceError> FaceEmbedder::fromTensors(
    const std::vector<WeightTensor>& tensors) {
    try {
        auto net = std::make_unique<Net>();
        dlib::visit_computational_layers(net->network, UseConvModeAffine{});
        // dlib sizes parameters on the first forward pass; run one on a blank chip.
        dlib::matrix<dlib::rgb_pixel> blank(kFaceChipSize, kFaceChipSize);
        blank = dlib::rgb_pixel(0, 0, 0);
        (void)net->network(blank);

        std::vector<Slot> layers;
        dlib::visit_computational_layers(net->network, CollectSlots{&layers});
        std::reverse(
            layers.begin(),
            layers.end());  // dlib visits from the output; the manifest starts at the input
        auto mapped = mapWeights(layers, tensors);
        if (!mapped)
            return fail(mapped.error());
        return FaceEmbedder(std::move(net));
    } catch (const std::exception& e) {
        return fail(FaceError{FaceErrc::Internal,
                              QStringLiteral("dlib: ") + QString::fromLocal8Bit(e.what())});
    }
}

Result<FaceDescriptor, FaceError> FaceEmbedder::embed(const QImage& chip) {
    if (chip.width() != kFaceChipSize || chip.height() != kFaceChipSize)
        return fail(
            FaceError{FaceErrc::BadInput, QStringLiteral("face chip is %1x%2, expected %3x%3")
                                              .arg(chip.width())
                                              .arg(chip.height())
                                              .arg(kFaceChipSize)});
    const QImage rgb = chip.convertToFormat(QImage::Format_RGB888);
    try {
        dlib::matrix<dlib::rgb_pixel> input(kFaceChipSize, kFaceChipSize);
        for (int y = 0; y < kFaceChipSize; ++y) {
            const uchar* row = rgb.constScanLine(y);
            for (int x = 0; x < kFaceChipSize; ++x)
                input(y, x) = dlib::rgb_pixel(row[3 * x], row[3 * x + 1], row[3 * x + 2]);
        }
        const dlib::matrix<float, 0, 1> out = m_net->network(input);
        FaceDescriptor descriptor{};
        if (out.size() != static_cast<long>(descriptor.size()))
            return fail(FaceError{FaceErrc::Internal,
                                  QStringLiteral("network returned %1 values").arg(out.size())});
        std::copy(out.begin(), out.end(), descriptor.begin());
        return descriptor;
    } catch (const std::exception& e) {
        return fail(FaceError{FaceErrc::Internal,
                              QStringLiteral("dlib: ") + QString::fromLocal8Bit(e.what())});
    }
}

FaceEmbedder::FaceEmbedder(std::unique_ptr<Net> net) : m_net(std::move(net)) {}
FaceEmbedder::FaceEmbedder(FaceEmbedder&&) noexcept = default;
FaceEmbedder& FaceEmbedder::operator=(FaceEmbedder&&) noexcept = default;
FaceEmbedder::~FaceEmbedder() = default;

}  // namespace kiosk::vision
