#include "pad_model.h"

#include "paths.h"

#include <QFileInfo>
#include <algorithm>
#include <cmath>
#include <exception>
#include <opencv2/dnn.hpp>
#include <opencv2/imgproc.hpp>

namespace kiosk::vision {
namespace {

constexpr int kInput = 128;

}  // namespace

struct PadModel::Net {
    cv::dnn::Net net;
};

QString PadModel::defaultModelPath() {
    return paths::modelFile(QLatin1String(kPadPackage), QLatin1String(kPadVersion),
                            QLatin1String(kPadModelFile));
}

Result<PadModel, LivenessError> PadModel::load(const QString& path, Options options) {
    if (!QFileInfo(path).isFile())
        return fail(LivenessError{LivenessError::Code::ModelMissing,
                                  QStringLiteral("PAD model not found: %1 (run "
                                                 "kiosk-os/setup/fetch-models.sh)")
                                      .arg(path)});
    try {
        auto net = std::make_unique<Net>();
        net->net = cv::dnn::readNetFromONNX(path.toStdString());
        net->net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
        net->net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
        PadModel model(std::move(net), options);
        // One dry run proves the graph and its output shape.
        cv::Mat probe(kInput * 2, kInput * 2, CV_8UC3, cv::Scalar(128, 128, 128));
        auto p = model.probabilities(probe, QRect(kInput / 2, kInput / 2, kInput, kInput));
        if (!p)
            return fail(p.error());
        return model;
    } catch (const std::exception& e) {
        return fail(LivenessError{
            LivenessError::Code::ModelCorrupt,
            QStringLiteral("cannot load %1: %2").arg(path, QString::fromLocal8Bit(e.what()))});
    }
}

cv::Mat PadModel::crop(const cv::Mat& bgr, const QRect& faceBox) const {
    // Enlarge the box around its centre; near an edge the window slides back
    // inside the image instead of shrinking, as the model was trained.
    const double cx = faceBox.x() + faceBox.width() / 2.0;
    const double cy = faceBox.y() + faceBox.height() / 2.0;
    const double bw = faceBox.width() * m_options.boxGrow,
                 bh = faceBox.height() * m_options.boxGrow;
    const double scale = std::min({m_options.cropScale, (bgr.rows - 1) / bh, (bgr.cols - 1) / bw});
    const double w = bw * scale, h = bh * scale;
    double x0 = cx - w / 2, y0 = cy - h / 2, x1 = cx + w / 2, y1 = cy + h / 2;
    if (x0 < 0) {
        x1 -= x0;
        x0 = 0;
    }
    if (y0 < 0) {
        y1 -= y0;
        y0 = 0;
    }
    if (x1 > bgr.cols - 1) {
        x0 -= x1 - (bgr.cols - 1);
        x1 = bgr.cols - 1;
    }
    if (y1 > bgr.rows - 1) {
        y0 -= y1 - (bgr.rows - 1);
        y1 = bgr.rows - 1;
    }
    cv::Rect r(int(std::max(0.0, x0)), int(std::max(0.0, y0)), int(x1 - x0), int(y1 - y0));
    r &= cv::Rect(0, 0, bgr.cols, bgr.rows);
    cv::Mat out;
    if (r.width < 2 || r.height < 2)
        return out;
    cv::resize(bgr(r), out, cv::Size(kInput, kInput), 0, 0, cv::INTER_LINEAR);
    return out;
}

Result<cv::Mat, LivenessError> PadModel::probabilities(const cv::Mat& bgr, const QRect& box) {
    if (bgr.empty() || bgr.type() != CV_8UC3 || box.isEmpty())
        return fail(LivenessError{LivenessError::Code::BadInput,
                                  QStringLiteral("PAD needs a BGR frame and a face box")});
    try {
        const cv::Mat face = crop(bgr, box);
        if (face.empty())
            return fail(
                LivenessError{LivenessError::Code::BadInput, QStringLiteral("face box too small")});
        const cv::Mat blob = cv::dnn::blobFromImage(face, 1.0, cv::Size(), cv::Scalar(),
                                                    /*swapRB=*/m_options.rgb, false, CV_32F);
        m_net->net.setInput(blob);
        cv::Mat logits = m_net->net.forward().reshape(1, 1).clone();
        if (logits.cols != 3)
            return fail(LivenessError{
                LivenessError::Code::ModelCorrupt,
                QStringLiteral("PAD model gave %1 outputs, expected 3").arg(logits.cols)});
        double maxv = 0;
        cv::minMaxLoc(logits, nullptr, &maxv);
        cv::Mat e;
        cv::exp(logits - maxv, e);
        return cv::Mat(e / cv::sum(e)[0]);
    } catch (const std::exception& ex) {
        return fail(
            LivenessError{LivenessError::Code::Internal,
                          QStringLiteral("opencv dnn: ") + QString::fromLocal8Bit(ex.what())});
    }
}

Result<double, LivenessError> PadModel::score(const cv::Mat& bgr, const QRect& box) {
    auto p = probabilities(bgr, box);
    if (!p)
        return fail(p.error());
    return double(p->at<float>(0, m_options.liveClass));
}

PadModel::PadModel(std::unique_ptr<Net> net, Options options)
    : m_net(std::move(net)), m_options(options) {}
PadModel::PadModel(PadModel&&) noexcept = default;
PadModel& PadModel::operator=(PadModel&&) noexcept = default;
PadModel::~PadModel() = default;

}  // namespace kiosk::vision
