// Plain request and answer values of the government backends: structs in,
// Result<..., BackendError> out, so the UI, kioskctl and tests use the same
// calls. Personal fields are the caller's to wipe after the session.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace kiosk::backend {

// DOPA CheckCardByLaser inputs, exactly as the service takes them.
struct CardCheckRequest {
    QString cid;          // PID: 13 digits
    QString firstNameTh;  // FirstName
    QString lastNameTh;   // LastName
    QString birthDateBe;  // BirthDay: Buddhist-era YYYYMMDD
    QString laserCode;    // Laser: 2 letters + 10 digits, no dashes
};

struct CardCheckResult {
    bool isError = true;  // DOPA's IsError
    int code = -1;        // DOPA's Code: 0 = card valid and the data match
    QString description;  // DOPA's Desc (Thai)
    QString errorMessage;
};

struct FaceVerifyRequest {
    QString cid;
    QByteArray faceJpeg;  // ICAO-style crop of the live face
    QString consentTextVersion;
    QDateTime consentAt;
};

struct FaceVerifyResult {
    double similarityPercent = 0;  // 0-100
    QString transactionId;
};

struct IdpAccount {
    QString accountId;
    QString ial;           // current level, e.g. "1.1"
    QString mobileMasked;  // "08x-xxx-1234": the only hint the kiosk shows
};

struct IalUpgradeResult {
    QString accountId;
    QString ial;     // the level the account has now
    QString status;  // "upgraded", "unchanged"
};

struct BindingChallenge {
    QString challengeId;
    QString mobileMasked;
    int expiresInS = 0;
};

struct BindingResult {
    QString accountId;
    bool bound = false;
};

struct PortalService {
    QString id;
    QString nameTh;
    QString nameEn;
    QString requiredIal;
    qint64 feeSatang = 0;
};

struct Submission {
    QString submissionId;
    QString status;  // "received", "processing", "done", "rejected"
    QString updatedAt;
};

struct Slot {
    QString slotId;
    QString office;
    QString start;  // ISO 8601
    int available = 0;
};

struct Booking {
    QString bookingId;
    QString slotId;
    QString status;
};

struct Entitlement {
    bool entitled = false;
    QString reason;
};

struct Complaint {
    QString complaintId;
    QString status;
};

struct PaymentIntent {
    QString paymentId;
    qint64 amountSatang = 0;
    QByteArray qrPayload;  // EMVCo PromptPay, CRC checked before it is returned
    QString status;        // "pending", "paid", "expired"
    QString expiresAt;
};

}  // namespace kiosk::backend
