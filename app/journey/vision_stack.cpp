#include "vision_stack.h"

#include "card_locator.h"
#include "ocr_engine.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcJourneyVision, "kiosk.journey.vision")

namespace kiosk::journey {

VisionStack::VisionStack(QJsonObject livenessJson, QString cardTemplatesDir) {
    m_worker.post([this, livenessJson, cardTemplatesDir] {
        QElapsedTimer clock;
        clock.start();
        auto aligner = vision::FaceAligner::load();
        auto embedder = vision::FaceEmbedder::load();
        auto pad = vision::PadModel::load();
        auto liveness = vision::LivenessConfig::fromJson(livenessJson);
        if (!aligner) {
            m_problem = QStringLiteral("face aligner: ") + aligner.error().detail;
        } else if (!embedder) {
            m_problem = QStringLiteral("face embedder: ") + embedder.error().detail;
        } else if (!pad) {
            m_problem = QStringLiteral("PAD model: ") + pad.error().summary();
        } else if (!liveness) {
            m_problem = QStringLiteral("liveness config: ") + liveness.error().summary();
        }
        if (!m_problem.isEmpty()) {
            qCWarning(lcJourneyVision).noquote() << "vision unavailable:" << m_problem;
            return;
        }
        m_models = std::unique_ptr<Models>(new Models{
            std::move(*aligner), std::move(*embedder), std::move(*pad), *liveness, nullptr, {}});
        auto locator = ocr::CardLocator::create(cardTemplatesDir);
        auto engine = ocr::TesseractEngine::create();
        if (locator && engine) {
            m_models->ocr =
                std::make_unique<ocr::FieldReader>(std::move(*locator), std::move(*engine));
        } else {
            m_models->ocrProblem = !locator ? locator.error().detail : engine.error().detail;
            qCWarning(lcJourneyVision).noquote() << "OCR unavailable:" << m_models->ocrProblem;
        }
        qCInfo(lcJourneyVision) << "models loaded in" << clock.elapsed() << "ms";
    });
}

VisionStack::~VisionStack() = default;

}  // namespace kiosk::journey
