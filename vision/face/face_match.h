// 1:1 comparison of two face descriptors.
#pragma once

#include "face_embedder.h"

namespace kiosk::vision {

// dlib's operating point for its ResNet: same person below 0.6 (99.38 % on LFW).
inline constexpr float kDefaultMatchThreshold = 0.6f;

struct FaceMatch {
    float distance = 0.f;  // Euclidean, 0 = identical
    float score = 0.f;     // 0..1, 0.5 exactly at the threshold, higher = more alike
    bool same = false;     // distance < threshold
};

float descriptorDistance(const FaceDescriptor& a, const FaceDescriptor& b);

// The score is a logistic of (threshold - distance), steep enough that the
// genuine and impostor modes land near 1 and 0; for display and fusion, not a
// calibrated probability.
FaceMatch matchFaces(const FaceDescriptor& a, const FaceDescriptor& b,
                     float threshold = kDefaultMatchThreshold);

}  // namespace kiosk::vision
