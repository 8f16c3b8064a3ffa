// CameraPort over drivers/camera, vision/ocr, vision/face and
// vision/liveness. Frames come from the V4L2 webcam or, in demo mode, from a
// recorded clip (the screens then say "demo" and the challenge order comes
// from the clip's annotations); the card-image step sees the camera, or in
// demo mode the demo citizen's rendered card, and reads its front, then its
// back (CardSidesCapture). Detection, quality gate, OCR, challenges, PAD and
// the match frame all run for real, on the vision worker; frames and
// guidance are posted back to the GUI thread.
#pragma once

#include "card_locator.h"
#include "challenges.h"
#include "face_quality.h"
#include "journey_evidence.h"
#include "journey_ports.h"
#include "journey_worker.h"
#include "vision_stack.h"

#include <QObject>
#include <atomic>
#include <functional>
#include <vector>

namespace kiosk::journey {

class VisionCameraPort : public QObject, public CameraPort {
    Q_OBJECT
public:
    struct Options {
        QString device = QStringLiteral("/dev/video0");
        bool demo = false;  // frames from `clip` instead of `device`
        QString clip;       // the recorded person (demo)
        QString cardFront;  // demo: the rendered card the camera "sees", front then back
        QString cardBack;
        std::vector<vision::Challenge> demoChallenges;  // demo: the clip's order
        int challengeCount = 2;                         // live: drawn at random
        int goodFramesForCapture = 5;
        int stepTimeoutMs = 30000;  // the card image: for each side
    };
    VisionCameraPort(Options options, VisionStack* vision, JourneyEvidence* evidence,
                     QObject* parent = nullptr);
    ~VisionCameraPort() override;

    void startCardImage(std::function<void(const Guidance&, const QImage&)> guidance,
                        std::function<void(const QString&)> done,
                        std::function<void(const StepError&)> failed) override;
    void startFace(std::function<void(const Guidance&, const QImage&)> guidance,
                   std::function<void()> done,
                   std::function<void(const StepError&)> failed) override;
    void startLiveness(std::function<void(const LivenessPrompt&, const QImage&)> prompt,
                       std::function<void(bool, const QString&)> done) override;
    void stop() override;
    bool demoMode() const override { return m_options.demo; }
    QString sourceDescription() const;

    // Mappings to the guidance codes of journey_ports.h (GuidanceText.qml).
    static QString guidanceCode(ocr::Guidance g);
    static QString guidanceCode(const vision::FaceQuality& quality);
    static std::optional<Challenge> journeyChallenge(vision::Challenge c);
    // `count` distinct challenges the screens can show, at random.
    static std::vector<vision::Challenge> randomJourneyChallenges(int count);

private:
    bool current(quint64 generation) const { return generation == m_generation; }
    // Runs fn on the UI thread unless the step it belongs to was stopped or
    // replaced meanwhile (a late frame must not reach the next screen).
    void postIfCurrent(quint64 generation, std::function<void()> fn) {
        JourneyWorker::postTo(this, [this, generation, fn = std::move(fn)] {
            if (current(generation)) {
                fn();
            }
        });
    }

    Options m_options;
    VisionStack* m_vision;
    JourneyEvidence* m_evidence;
    std::atomic<quint64> m_generation{0};
};

}  // namespace kiosk::journey
