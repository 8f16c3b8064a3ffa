// Reads a TensorFlow.js weights manifest (model-weights_manifest.json plus its
// binary shards), as shipped by the npm package @vladmandic/face-api, into
// float tensors. Knows nothing about dlib: face_embedder maps the tensors.
#pragma once

#include "face_error.h"
#include "result.h"

#include <QString>
#include <vector>

namespace kiosk::vision {

struct WeightTensor {
    QString name;               // e.g. "conv32_1/conv1/conv/filters"
    std::vector<int> shape;     // TensorFlow order, e.g. HWIO for filters
    std::vector<float> values;  // dequantized, row-major in `shape`
};

// Reads every tensor in manifest order. The shards listed in "paths" are read
// from the manifest's folder and must hold exactly the bytes the manifest
// describes: a short or over-long file is ModelCorrupt. Supports float32 and
// the uint8/uint16 affine quantization (value = q * scale + min).
Result<std::vector<WeightTensor>, FaceError> readTfjsWeights(const QString& manifestPath);

}  // namespace kiosk::vision
