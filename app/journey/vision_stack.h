// The face, PAD and OCR models of the journey, loaded once on the vision
// worker thread and used only there: the camera steps and proofing's face
// match take turns on that thread (the models are not thread-safe).
#pragma once

#include "face_aligner.h"
#include "face_embedder.h"
#include "field_reader.h"
#include "journey_worker.h"
#include "liveness_config.h"
#include "pad_model.h"

#include <QString>
#include <memory>
#include <optional>

namespace kiosk::journey {

class VisionStack {
public:
    struct Models {
        vision::FaceAligner aligner;
        vision::FaceEmbedder embedder;
        vision::PadModel pad;
        vision::LivenessConfig liveness;
        std::unique_ptr<ocr::FieldReader> ocr;  // nullptr: no OCR (templates or Tesseract missing)
        QString ocrProblem;
    };

    // Starts loading on the worker; `livenessJson`: the config's "liveness" object.
    VisionStack(QJsonObject livenessJson, QString cardTemplatesDir);
    ~VisionStack();

    JourneyWorker& worker() { return m_worker; }
    // On the worker thread only: the models, or nullptr with problem() set.
    Models* models() { return m_models.get(); }
    QString problem() const { return m_problem; }

private:
    std::unique_ptr<Models> m_models;  // made and used on the worker
    QString m_problem;
    JourneyWorker m_worker{QStringLiteral("vision")};  // last: joined first
};

}  // namespace kiosk::journey
