#include "vision_camera_port.h"

#include "card_sides_capture.h"
#include "frame_source.h"
#include "liveness_session.h"
#include "secure_wipe.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QThread>
#include <algorithm>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

Q_LOGGING_CATEGORY(lcJourneyCamera, "kiosk.journey.camera")

namespace kiosk::journey {

namespace {

constexpr int kPreviewWidth = 640;
// The rendered card is "held up" to the camera from afar, then at reading distance.
constexpr double kCardApproach[] = {0.25, 0.32, 0.45, 0.6, 0.7, 0.72, 0.72, 0.72, 0.72, 0.72};
constexpr int kDemoCardFrameMs = 200;

QImage preview(const cv::Mat& bgr) {
    const QImage image = camera::toQImage(bgr);
    return image.width() > kPreviewWidth
               ? image.scaledToWidth(kPreviewWidth, Qt::SmoothTransformation)
               : image;
}

// A desk-grey 16:9 frame with the card centred at `widthFraction` of its width.
cv::Mat cardScene(const cv::Mat& card, double widthFraction) {
    cv::Mat frame(720, 1280, CV_8UC3, cv::Scalar(96, 100, 104));
    const int w = int(frame.cols * widthFraction);
    const int h = int(double(w) * card.rows / card.cols);
    cv::Mat scaled;
    cv::resize(card, scaled, cv::Size(w, h), 0, 0, cv::INTER_AREA);
    const int x = (frame.cols - w) / 2;
    const int y = std::max(0, (frame.rows - h) / 2);
    scaled(cv::Rect(0, 0, w, std::min(h, frame.rows)))
        .copyTo(frame(cv::Rect(x, y, w, std::min(h, frame.rows))));
    return frame;
}

// Lossless, so proofing's OCR reads the very pixels this step read; empty
// when OpenCV cannot encode the frame.
QByteArray encodePng(const cv::Mat& frame) {
    std::vector<uchar> buffer;
    try {
        if (!cv::imencode(".png", frame, buffer)) {
            return {};
        }
    } catch (const cv::Exception& e) {
        qCWarning(lcJourneyCamera) << "card frame not encoded:" << e.what();
        return {};
    }
    QByteArray bytes(reinterpret_cast<const char*>(buffer.data()), qsizetype(buffer.size()));
    secureWipe(buffer.data(), buffer.size());
    return bytes;
}

// Keeps a recorded clip at its own pace (never faster than real time).
void pace(const QElapsedTimer& wall, qint64 clipMs) {
    const qint64 ahead = clipMs - wall.elapsed();
    if (ahead > 0) {
        QThread::msleep(static_cast<unsigned long>(ahead));
    }
}

}  // namespace

VisionCameraPort::VisionCameraPort(Options options, VisionStack* vision, JourneyEvidence* evidence,
                                   QObject* parent)
    : QObject(parent), m_options(std::move(options)), m_vision(vision), m_evidence(evidence) {}

VisionCameraPort::~VisionCameraPort() {
    ++m_generation;  // a running step ends at its next frame
    m_vision->worker().runAndWait([] {});
}

QString VisionCameraPort::sourceDescription() const {
    return m_options.demo ? QStringLiteral("clip:") + QFileInfo(m_options.clip).fileName()
                          : QStringLiteral("v4l2:") + m_options.device;
}

QString VisionCameraPort::guidanceCode(ocr::Guidance g) {
    switch (g) {
        case ocr::Guidance::Ok:
            return QStringLiteral("good");
        case ocr::Guidance::NoCard:
            return QStringLiteral("searching");
        case ocr::Guidance::TooFar:
            return QStringLiteral("too_far");
        case ocr::Guidance::TooClose:
            return QStringLiteral("too_close");
        case ocr::Guidance::WrongDocument:
            return QStringLiteral("wrong_document");
        case ocr::Guidance::WrongSide:
            return QStringLiteral("wrong_side");
        case ocr::Guidance::Tilted:
            return QStringLiteral("hold_flat");
        case ocr::Guidance::Glare:
            return QStringLiteral("glare");
        case ocr::Guidance::Blur:
            return QStringLiteral("blur");
    }
    return QStringLiteral("searching");
}

QString VisionCameraPort::guidanceCode(const vision::FaceQuality& quality) {
    if (quality.ok || quality.issues.empty()) {
        return QStringLiteral("good");
    }
    using I = vision::QualityIssue;
    switch (quality.issues.front()) {  // most actionable first
        case I::NoFace:
            return QStringLiteral("searching");
        case I::MultipleFaces:
            return QStringLiteral("one_person");
        case I::TooSmall:
            return QStringLiteral("too_far");
        case I::TooLarge:
            return QStringLiteral("too_close");
        case I::OffFrame:
        case I::Turned:
        case I::Tilted:
        case I::Rolled:
        case I::EyesClosed:
            return QStringLiteral("look_at_camera");
        case I::Blurred:
            return QStringLiteral("blur");
        case I::TooDark:
            return QStringLiteral("too_dark");
        case I::TooBright:
            return QStringLiteral("glare");
    }
    return QStringLiteral("searching");
}

std::optional<Challenge> VisionCameraPort::journeyChallenge(vision::Challenge c) {
    switch (c) {
        case vision::Challenge::Blink:
            return Challenge::Blink;
        case vision::Challenge::TurnLeft:
            return Challenge::TurnLeft;
        case vision::Challenge::TurnRight:
            return Challenge::TurnRight;
        case vision::Challenge::Smile:
            return Challenge::Smile;
        case vision::Challenge::OpenMouth:
        case vision::Challenge::Nod:
            break;
    }
    return std::nullopt;
}

std::vector<vision::Challenge> VisionCameraPort::randomJourneyChallenges(int count) {
    std::vector<vision::Challenge> all{vision::Challenge::Blink, vision::Challenge::TurnLeft,
                                       vision::Challenge::TurnRight, vision::Challenge::Smile};
    // Unpredictable order: a replayed video cannot know it in advance.
    std::shuffle(all.begin(), all.end(), *QRandomGenerator::system());
    all.resize(std::size_t(std::clamp(count, 1, int(all.size()))));
    return all;
}

void VisionCameraPort::startCardImage(std::function<void(const Guidance&, const QImage&)> guidance,
                                      std::function<void(const QString&)> done,
                                      std::function<void(const StepError&)> failed) {
    const quint64 gen = ++m_generation;
    const Options o = m_options;
    m_vision->worker().post([this, gen, o, guidance, done, failed] {
        auto fail = [this, gen, failed](const QString& code, bool retry) {
            postIfCurrent(gen, [failed, code, retry] { failed({code, retry}); });
        };
        VisionStack::Models* models = m_vision->models();
        if (!models || !models->ocr) {
            qCWarning(lcJourneyCamera).noquote()
                << "card image: no OCR:" << (models ? models->ocrProblem : m_vision->problem());
            fail(QStringLiteral("camera_unavailable"), false);
            return;
        }
        std::unique_ptr<camera::FrameSource> source;
        cv::Mat cardFront, cardBack;  // demo: the rendered card's two sides
        if (o.demo) {
            cardFront = cv::imread(o.cardFront.toStdString(), cv::IMREAD_COLOR);
            cardBack = cv::imread(o.cardBack.toStdString(), cv::IMREAD_COLOR);
            if (cardFront.empty() || cardBack.empty()) {
                qCWarning(lcJourneyCamera).noquote()
                    << "demo card image missing:" << (cardFront.empty() ? o.cardFront : o.cardBack);
                fail(QStringLiteral("camera_unavailable"), false);
                return;
            }
        } else {
            source = std::make_unique<camera::V4l2Source>(o.device);
            if (auto opened = source->open(); !opened) {
                qCWarning(lcJourneyCamera).noquote() << "camera:" << opened.error().summary();
                fail(QStringLiteral("camera_unavailable"), false);
                return;
            }
        }
        QElapsedTimer wall;  // per side: the citizen gets the full time for each
        wall.start();
        CardSidesCapture capture(o.goodFramesForCapture);
        QByteArray frontPng;
        // However the step ends, no copy of the front stays behind.
        const auto wipeFront = qScopeGuard([&frontPng] { secureWipe(frontPng); });
        for (int i = 0; current(gen); ++i) {
            const ocr::Side side = capture.side();
            if (wall.elapsed() > o.stepTimeoutMs) {
                fail(CardSidesCapture::timeoutCode(side), true);
                return;
            }
            cv::Mat frame;
            if (o.demo) {
                frame = cardScene(side == ocr::Side::Front ? cardFront : cardBack,
                                  kCardApproach[std::min<std::size_t>(
                                      std::size_t(i), std::size(kCardApproach) - 1)]);
                QThread::msleep(kDemoCardFrameMs);
            } else {
                auto f = source->next();
                if (!f) {
                    fail(QStringLiteral("camera_unavailable"), true);
                    return;
                }
                frame = f->image;
            }
            const ocr::LocatedCard located = models->ocr->locator().locate(frame);
            const CardSidesCapture::Frame seen =
                capture.onGuidance(models->ocr->locator().guide(located, side));
            const Guidance out{guidanceCode(seen.guidance), seen.progress,
                               CardSidesCapture::sideCode(side)};
            const QImage shown = preview(frame);
            postIfCurrent(gen, [guidance, out, shown] { guidance(out, shown); });
            if (!seen.read) {
                continue;
            }
            QElapsedTimer reading;
            reading.start();
            if (!capture.onReading(models->ocr->read(frame, side))) {
                qCInfo(lcJourneyCamera).noquote()
                    << "card" << CardSidesCapture::sideCode(side) << "read without"
                    << (side == ocr::Side::Front ? "a valid CID;" : "a laser code;")
                    << "trying the next frames";
                continue;
            }
            qCInfo(lcJourneyCamera).noquote() << "card" << CardSidesCapture::sideCode(side)
                                              << "read in" << reading.elapsed() << "ms";
            // The frame that was read, for proofing's printed-card check.
            QByteArray png = encodePng(frame);
            if (side == ocr::Side::Front) {
                frontPng = std::move(png);
                i = -1;  // demo: the back is held up from afar again
                wall.restart();
                continue;
            }
            const QString laser = capture.laserCode();
            if (m_evidence && current(gen)) {  // a wiped session gets nothing back
                m_evidence->setCardImages(
                    std::make_shared<const CardImages>(std::move(frontPng), std::move(png)), laser);
            }
            secureWipe(png);  // kept by nobody
            postIfCurrent(gen, [done, laser] { done(laser); });
            return;
        }
    });
}

void VisionCameraPort::startFace(std::function<void(const Guidance&, const QImage&)> guidance,
                                 std::function<void()> done,
                                 std::function<void(const StepError&)> failed) {
    const quint64 gen = ++m_generation;
    const Options o = m_options;
    m_vision->worker().post([this, gen, o, guidance, done, failed] {
        auto fail = [this, gen, failed](const QString& code, bool retry) {
            postIfCurrent(gen, [failed, code, retry] { failed({code, retry}); });
        };
        VisionStack::Models* models = m_vision->models();
        std::unique_ptr<camera::FrameSource> source =
            o.demo ? std::unique_ptr<camera::FrameSource>(new camera::VideoFileSource(o.clip))
                   : std::unique_ptr<camera::FrameSource>(new camera::V4l2Source(o.device));
        if (!models) {
            qCWarning(lcJourneyCamera).noquote() << "face: no models:" << m_vision->problem();
            fail(QStringLiteral("camera_unavailable"), false);
            return;
        }
        if (auto opened = source->open(); !opened) {
            qCWarning(lcJourneyCamera).noquote() << "camera:" << opened.error().summary();
            fail(QStringLiteral("camera_unavailable"), false);
            return;
        }
        QElapsedTimer wall;
        wall.start();
        int good = 0;
        const vision::QualityLimits limits = vision::QualityLimits::liveProbe();
        while (current(gen)) {
            if (wall.elapsed() > o.stepTimeoutMs) {
                fail(QStringLiteral("face_not_found"), true);
                return;
            }
            auto frame = source->next();
            if (!frame) {
                // The clip ended before a good face: start it again (a camera that failed: give
                // up).
                source->close();
                if (!o.demo || !source->open()) {
                    fail(QStringLiteral("camera_unavailable"), true);
                    return;
                }
                continue;
            }
            if (o.demo) {
                pace(wall, frame->timestampMs);
            }
            const QImage image = camera::toQImage(frame->image);
            auto quality = vision::assessImage(models->aligner, image, limits);
            const QString code = quality ? guidanceCode(*quality) : QStringLiteral("searching");
            good = code == QLatin1String("good") ? good + 1 : 0;
            const Guidance out{code, std::min(1.0, double(good) / o.goodFramesForCapture), {}};
            const QImage shown = preview(frame->image);
            postIfCurrent(gen, [guidance, out, shown] { guidance(out, shown); });
            if (good >= o.goodFramesForCapture) {
                postIfCurrent(gen, [done] { done(); });
                return;
            }
        }
    });
}

void VisionCameraPort::startLiveness(
    std::function<void(const LivenessPrompt&, const QImage&)> prompt,
    std::function<void(bool, const QString&)> done) {
    const quint64 gen = ++m_generation;
    const Options o = m_options;
    m_vision->worker().post([this, gen, o, prompt, done] {
        auto finish = [this, gen, done](bool passed, const QString& reason) {
            postIfCurrent(gen, [done, passed, reason] { done(passed, reason); });
        };
        VisionStack::Models* models = m_vision->models();
        if (!models) {
            finish(false, QStringLiteral("liveness_failed"));
            return;
        }
        vision::LivenessOptions options;
        options.challenges = o.demo && !o.demoChallenges.empty()
                                 ? o.demoChallenges
                                 : randomJourneyChallenges(o.challengeCount);
        auto session = vision::LivenessSession::create(
            {&models->aligner, &models->pad, &models->embedder}, models->liveness, options);
        std::unique_ptr<camera::FrameSource> source =
            o.demo ? std::unique_ptr<camera::FrameSource>(new camera::VideoFileSource(o.clip))
                   : std::unique_ptr<camera::FrameSource>(new camera::V4l2Source(o.device));
        if (!session || !source->open()) {
            qCWarning(lcJourneyCamera) << "liveness could not start";
            finish(false, QStringLiteral("liveness_failed"));
            return;
        }
        QElapsedTimer wall;
        wall.start();
        const int count = int(options.challenges.size());
        int index = -1;
        std::optional<vision::Challenge> shownChallenge;
        while (current(gen)) {
            auto frame = source->next();
            if (!frame) {
                break;  // end of the clip or the camera failed: judge what was seen
            }
            if (o.demo) {
                pace(wall, frame->timestampMs);
            }
            auto report = session->process(frame->image, frame->timestampMs);
            if (!report) {
                qCWarning(lcJourneyCamera).noquote() << "liveness:" << report.error().summary();
                break;
            }
            if (report->prompt && report->prompt != shownChallenge) {
                shownChallenge = report->prompt;
                ++index;
            }
            if (shownChallenge) {
                if (const auto c = journeyChallenge(*shownChallenge)) {
                    const LivenessPrompt p{*c, std::min(index, count - 1), count};
                    const QImage shown = preview(frame->image);
                    postIfCurrent(gen, [prompt, p, shown] { prompt(p, shown); });
                }
            }
            if (session->challengesFinished() ||
                frame->timestampMs > models->liveness.sequenceTimeoutMs) {
                break;
            }
        }
        source->close();
        if (!current(gen)) {
            return;
        }
        vision::LivenessResult result = session->finish();
        qCInfo(lcJourneyCamera).noquote() << "liveness" << vision::decisionName(result.decision)
                                          << result.reasons.join(QLatin1Char(',')) << "frames"
                                          << result.frames << "in" << wall.elapsed() << "ms";
        const bool live = result.decision == vision::LivenessDecision::Live;
        if (m_evidence) {
            m_evidence->setLiveness(result);
        }
        finish(live, live ? QString() : QStringLiteral("liveness_failed"));
    });
}

void VisionCameraPort::stop() {
    ++m_generation;
}

}  // namespace kiosk::journey
