// What the citizen journey needs from the rest of the kiosk, as small
// interfaces with plain data. The card reader, OCR, face, liveness, proofing,
// Citizen Portal client and receipt printer each get an adapter to one of
// these; fake_journey_parts.h implements all of them in-process for tests and
// the autopilot. Callbacks run on the GUI thread; an implementation that works
// on another thread posts back first.
#pragma once

#include <QDate>
#include <QDateTime>
#include <QImage>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

namespace kiosk::journey {

// --- identity --------------------------------------------------------------

// One step of the chip read ("applet", "identity", "address", "photo").
struct ReadProgress {
    int step = 0;  // 1-based, of `steps`
    int steps = 0;
    QString stepId;
};

// What the screens may show of the chip data; lives for one session only.
struct CitizenData {
    QString cid;  // full CID: never logged, shown masked
    QString prefixTh, firstNameTh, lastNameTh;
    QString prefixEn, firstNameEn, lastNameEn;
    QDate dateOfBirth;
    QString address;
    QImage photo;
    QString laserCode;  // filled by the card-image step
};

// Live guidance for a camera step. `code` is one of the codes the screens
// know ("searching", "too_far", "too_close", "move_left", "move_right",
// "hold_still", "glare", "blur", "look_at_camera", "too_dark", "good").
struct Guidance {
    QString code;
    double progress = 0;  // 0..1 towards a capture (of the side asked for)
    QString side;         // card image: "front" or "back", the side asked for; face: empty
};

enum class Challenge { Blink, TurnLeft, TurnRight, Smile };

struct LivenessPrompt {
    Challenge challenge = Challenge::Blink;
    int index = 0;  // 0-based
    int count = 0;
};

enum class ProofingLevel { Achieved, Pending, NotAchieved };

struct ProofingResult {
    ProofingLevel level = ProofingLevel::NotAchieved;
    // Stable reason code for NotAchieved / Pending ("face_mismatch",
    // "liveness_failed", "card_revoked", "backend_unreachable", ...).
    QString reason;
    QString reference;  // the proofing record's reference, for the citizen
};

struct StepError {
    QString code;  // stable short name, e.g. "card_unreadable", "camera_unavailable"
    bool retry = true;
};

class CardPort {
public:
    virtual ~CardPort() = default;
    virtual void read(std::function<void(const ReadProgress&)> progress,
                      std::function<void(const CitizenData&)> done,
                      std::function<void(const StepError&)> failed) = 0;
    virtual void cancel() = 0;
};

class CameraPort {
public:
    virtual ~CameraPort() = default;
    // The front of the card (the printed fields proofing compares with the
    // chip), then the back (the laser code); guidance names the side asked for.
    virtual void startCardImage(std::function<void(const Guidance&, const QImage& frame)> guidance,
                                std::function<void(const QString& laserCode)> done,
                                std::function<void(const StepError&)> failed) = 0;
    virtual void startFace(std::function<void(const Guidance&, const QImage& frame)> guidance,
                           std::function<void()> done,
                           std::function<void(const StepError&)> failed) = 0;
    // Challenges one after another; `passed` false with a reason code when not answered.
    virtual void startLiveness(
        std::function<void(const LivenessPrompt&, const QImage& frame)> prompt,
        std::function<void(bool passed, const QString& reason)> done) = 0;
    virtual void stop() = 0;
    // The recorded demo clip cannot answer random prompts: the screens say "demo".
    virtual bool demoMode() const = 0;
};

class ProofingPort {
public:
    virtual ~ProofingPort() = default;
    virtual void verify(const CitizenData& citizen,
                        std::function<void(const ProofingResult&)> done) = 0;
    // Offline: keep the evidence (encrypted, with a time-to-live); returns its reference.
    virtual QString keepPending(const CitizenData& citizen) = 0;
};

// --- Citizen Portal services ------------------------------------------------

struct ServiceInfo {
    QString id;  // portal service id
    QString
        kind;  // "entitlement", "queue_booking", "request_form", "complaint", "payment", "status"
    QString category;  // "welfare", "registration", "health"
    QString titleTh, titleEn;
};

// One field of a portal form schema.
struct FormField {
    QString id;
    QString type;  // "text", "date", "number", "select", "phone"
    QString labelTh, labelEn;
    bool required = false;
    QString prefill;  // chip field it is prefilled from ("name_th", "cid", "address", ...)
    QStringList options;
    QString value;  // after prefilling
};

struct FormSchema {
    QString serviceId;
    QString titleTh, titleEn;
    QList<FormField> fields;
};

// The fields every request form starts with: who asks, filled from the chip so
// nobody types their identity.
inline QList<FormField> chipIdentityFields() {
    return {
        {QStringLiteral("full_name"),
         QStringLiteral("text"),
         QStringLiteral("ชื่อ-นามสกุล"),
         QStringLiteral("Full name"),
         true,
         QStringLiteral("name_th"),
         {},
         {}},
        {QStringLiteral("cid"),
         QStringLiteral("text"),
         QStringLiteral("เลขประจำตัวประชาชน"),
         QStringLiteral("Identification number"),
         true,
         QStringLiteral("cid"),
         {},
         {}},
    };
}

struct Slot {
    QDateTime start;
    QString office;
    bool available = true;
};

struct EntitlementResult {
    QString scheme;  // "ucs" (universal coverage), "sss", "csmbs", "none"
    QString hospital;
    QDate validUntil;
    bool covered = false;
};

struct PaymentRequest {
    QString reference;
    qint64 amountSatang = 0;
    QString promptPayPayload;  // EMVCo QR payload to render
    QString descriptionTh, descriptionEn;
};

struct RequestStatus {
    QString reference;
    QString titleTh, titleEn;
    QString
        status;  // "received", "in_review", "approved", "rejected", "completed", "queued_offline"
    QDateTime updated;
};

struct Submission {
    QString serviceId;
    QString kind;
    QList<std::pair<QString, QString>> values;  // field id -> value
    QString cid;  // the requester (bookings and complaints name them); never logged
};

struct SubmissionReceipt {
    QString reference;  // portal reference, or the outbox tracking reference when queued
    bool queued = false;
    QDateTime at;
};

class PortalPort {
public:
    virtual ~PortalPort() = default;
    virtual QList<ServiceInfo> catalogue() = 0;
    virtual FormSchema formSchema(const QString& serviceId) = 0;
    virtual QList<Slot> availableSlots(const QString& serviceId, QDate from, int days) = 0;
    virtual void entitlement(const CitizenData& citizen,
                             std::function<void(const EntitlementResult&)> done,
                             std::function<void(const StepError&)> failed) = 0;
    virtual PaymentRequest payment(const CitizenData& citizen) = 0;
    virtual QList<RequestStatus> statuses(const CitizenData& citizen) = 0;
    // Online delivery; the journey falls back to queue() when this fails.
    virtual void submit(const Submission& submission,
                        std::function<void(const SubmissionReceipt&)> done,
                        std::function<void(const StepError&)> failed) = 0;
    // Into the encrypted outbox; returns the tracking reference.
    virtual SubmissionReceipt queue(const Submission& submission) = 0;
    // Account binding: send a one-time code to the citizen's registered phone.
    virtual QString sendBindingCode(const CitizenData& citizen) = 0;  // masked destination
    virtual bool checkBindingCode(const QString& code) = 0;
};

// --- receipt ----------------------------------------------------------------

struct Receipt {
    QString title;
    QList<std::pair<QString, QString>> lines;  // label -> value, already translated
    QString reference;
    QDateTime at;
};

class ReceiptPort {
public:
    virtual ~ReceiptPort() = default;
    // Returns an empty string on success, else an error code ("paper_out", "not_found", ...).
    virtual QString print(const Receipt& receipt) = 0;
};

class Speaker {
public:
    virtual ~Speaker() = default;
    virtual void say(const QString& text, const QString& language) = 0;
    virtual void stop() = 0;
};

}  // namespace kiosk::journey
