#include "face_match.h"

#include <cmath>

namespace kiosk::vision {

float descriptorDistance(const FaceDescriptor& a, const FaceDescriptor& b) {
    double sum = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        const double d = double(a[i]) - double(b[i]);
        sum += d * d;
    }
    return static_cast<float>(std::sqrt(sum));
}

FaceMatch matchFaces(const FaceDescriptor& a, const FaceDescriptor& b, float threshold) {
    // Genuine pairs sit around 0.3-0.5 and impostors around 0.7-0.9: a slope of
    // 20 maps +-0.15 from the threshold to about 0.05 / 0.95.
    constexpr double kSlope = 20.0;
    FaceMatch m;
    m.distance = descriptorDistance(a, b);
    m.score =
        static_cast<float>(1.0 / (1.0 + std::exp(-kSlope * (double(threshold) - m.distance))));
    m.same = m.distance < threshold;
    return m;
}

}  // namespace kiosk::vision
