// 128-D face descriptors from dlib's ResNet (the network of dlib's
// dnn_face_recognition example), with weights read from the npm package
// @vladmandic/face-api, since Debian does not ship dlib's trained model.
#pragma once

#include "face_error.h"
#include "face_weights.h"
#include "result.h"

#include <QImage>
#include <QString>
#include <array>
#include <memory>
#include <vector>

namespace kiosk::vision {

inline constexpr int kFaceChipSize = 150;  // the network's input: an aligned 150x150 RGB chip
using FaceDescriptor = std::array<float, 128>;

// The weights the kiosk pins (kiosk-os/setup/models.lock).
inline constexpr const char* kFaceApiPackage = "@vladmandic/face-api";
inline constexpr const char* kFaceApiVersion = "1.7.15";
inline constexpr const char* kFaceRecognitionManifest =
    "face_recognition_model-weights_manifest.json";

// Not thread-safe (dlib keeps activations inside the network): one instance
// per worker thread. Movable, not copyable.
class FaceEmbedder {
public:
    // The manifest in the models folder (kiosk::paths::modelFile).
    static QString defaultManifestPath();

    // Reads the manifest and its .bin, then maps the tensors (see fromTensors).
    static Result<FaceEmbedder, FaceError> load(
        const QString& manifestPath = defaultManifestPath());

    // Maps tensors, in manifest order, onto the network's computational layers
    // from input to output. Every tensor must be consumed exactly once, with the
    // expected name suffix and shape; anything else is ModelMismatch, naming the
    // tensor and layer.
    static Result<FaceEmbedder, FaceError> fromTensors(const std::vector<WeightTensor>& tensors);

    // `chip` must be kFaceChipSize square, as FaceAligner produces it.
    Result<FaceDescriptor, FaceError> embed(const QImage& chip);

    FaceEmbedder(FaceEmbedder&&) noexcept;
    FaceEmbedder& operator=(FaceEmbedder&&) noexcept;
    ~FaceEmbedder();

private:
    struct Net;
    explicit FaceEmbedder(std::unique_ptr<Net> net);
    std::unique_ptr<Net> m_net;
};

}  // namespace kiosk::vision
