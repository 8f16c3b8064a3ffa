// The learned presentation-attack cue: fr_liveness.onnx from the npm package
// faceplugin-face-recognition-js (MIT), run with OpenCV DNN. It is a
// MiniFASNet-style classifier: a 128x128 crop around the face box enlarged by
// cropScale, raw 0..255 values, three logits. Input layout and the live class
// were established by experiment (docs/liveness.md).
#pragma once

#include "liveness_error.h"
#include "result.h"

#include <QRect>
#include <QString>
#include <memory>
#include <opencv2/core/mat.hpp>

namespace kiosk::vision {

inline constexpr const char* kPadPackage = "faceplugin-face-recognition-js";
inline constexpr const char* kPadVersion = "0.0.1";
inline constexpr const char* kPadModelFile = "fr_liveness.onnx";

struct PadModelOptions {
    double cropScale = 2.0;  // face box enlarged around its centre, clamped to the image
    bool rgb = false;        // channel order the network expects
    int liveClass = 0;       // index of the bona fide logit
    double boxGrow = 1.0;    // dlib HOG boxes are tighter than the detector it was paired with
};

class PadModel {
public:
    using Options = PadModelOptions;

    static QString defaultModelPath();
    static Result<PadModel, LivenessError> load(const QString& path = defaultModelPath(),
                                                Options options = Options{});

    // Live probability in 0..1 for the face in `box` of a BGR frame.
    Result<double, LivenessError> score(const cv::Mat& bgr, const QRect& box);
    // All three softmax outputs, for experiments.
    Result<cv::Mat, LivenessError> probabilities(const cv::Mat& bgr, const QRect& box);
    // The crop fed to the network (BGR, 128x128), for inspection.
    cv::Mat crop(const cv::Mat& bgr, const QRect& box) const;

    const Options& options() const { return m_options; }

    PadModel(PadModel&&) noexcept;
    PadModel& operator=(PadModel&&) noexcept;
    ~PadModel();

private:
    struct Net;
    PadModel(std::unique_ptr<Net> net, Options options);
    std::unique_ptr<Net> m_net;
    Options m_options;
};

}  // namespace kiosk::vision
