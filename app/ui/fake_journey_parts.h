// In-process stand-ins for every journey port: a fictional citizen's card,
// a camera that "sees" a rendered card and a face, proofing and a Citizen
// Portal that answer from memory, and a receipt sink that keeps what it was
// given. Used by the UI tests, the autopilot and the benchmark; timings are
// scaled by `stepMs` so tests run fast and the demo looks real.
#pragma once

#include "journey_ports.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace kiosk::journey {

class FakeJourneyParts : public QObject,
                         public CardPort,
                         public CameraPort,
                         public ProofingPort,
                         public PortalPort,
                         public ReceiptPort,
                         public Speaker {
    Q_OBJECT
public:
    struct Behaviour {
        int stepMs = 300;    // one guidance update / read step / challenge
        int verifyMs = 300;  // proofing's answer
        bool cardFails = false;
        bool livenessFails = false;
        ProofingLevel proofing = ProofingLevel::Achieved;
        bool portalDown = false;  // submit() fails (the journey then queues)
        bool demo = false;        // challenges come from a recording
        bool hold = false;        // freeze running sequences where they are (screenshots)
    };

    explicit FakeJourneyParts(QObject* parent = nullptr);
    Behaviour& behaviour() { return m_behaviour; }

    // The fictional demo citizen (sim/cards/somchai.json); no real person.
    static CitizenData demoCitizen();
    static QImage renderCardFrame(double progress, bool front);
    static QImage renderFaceFrame(double progress, Challenge challenge, bool challengeActive);

    // CardPort
    void read(std::function<void(const ReadProgress&)> progress,
              std::function<void(const CitizenData&)> done,
              std::function<void(const StepError&)> failed) override;
    void cancel() override;

    // CameraPort
    void startCardImage(std::function<void(const Guidance&, const QImage&)> guidance,
                        std::function<void(const QString&)> done,
                        std::function<void(const StepError&)> failed) override;
    void startFace(std::function<void(const Guidance&, const QImage&)> guidance,
                   std::function<void()> done,
                   std::function<void(const StepError&)> failed) override;
    void startLiveness(std::function<void(const LivenessPrompt&, const QImage&)> prompt,
                       std::function<void(bool, const QString&)> done) override;
    // Overrides CameraPort::stop and Speaker::stop alike: both end what runs.
    void stop() override;
    bool demoMode() const override { return m_behaviour.demo; }

    // ProofingPort
    void verify(const CitizenData& citizen,
                std::function<void(const ProofingResult&)> done) override;
    QString keepPending(const CitizenData& citizen) override;

    // PortalPort
    QList<ServiceInfo> catalogue() override;
    FormSchema formSchema(const QString& serviceId) override;
    QList<Slot> availableSlots(const QString& serviceId, QDate from, int days) override;
    void entitlement(const CitizenData& citizen, std::function<void(const EntitlementResult&)> done,
                     std::function<void(const StepError&)> failed) override;
    PaymentRequest payment(const CitizenData& citizen) override;
    QList<RequestStatus> statuses(const CitizenData& citizen) override;
    void submit(const Submission& submission, std::function<void(const SubmissionReceipt&)> done,
                std::function<void(const StepError&)> failed) override;
    SubmissionReceipt queue(const Submission& submission) override;
    QString sendBindingCode(const CitizenData& citizen) override;
    bool checkBindingCode(const QString& code) override;

    // ReceiptPort
    QString print(const Receipt& receipt) override;
    QList<Receipt> printed() const { return m_printed; }

    // Speaker
    void say(const QString& text, const QString& language) override;
    QStringList spoken() const { return m_spoken; }
    QList<Submission> submitted() const { return m_submitted; }
    QList<Submission> queued() const { return m_queued; }

    static QString bindingCode() { return QStringLiteral("246810"); }
    // The EMVCo QR checksum (tag 63) for a payload ending in "6304".
    static QString emvCrc16(const QString& payload);

private:
    // Runs `steps` ticks of `stepMs`, calling tick(i) and then finish().
    void runSequence(int steps, std::function<void(int)> tick, std::function<void()> finish);

    Behaviour m_behaviour;
    QPointer<QTimer> m_timer;  // the one sequence running (camera or card)
    QList<Receipt> m_printed;
    QStringList m_spoken;
    QList<Submission> m_submitted;
    QList<Submission> m_queued;
    int m_nextRef = 1;
};

}  // namespace kiosk::journey
