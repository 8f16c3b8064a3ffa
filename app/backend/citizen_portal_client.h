// Citizen Portal: service catalogue, form schemas, submissions with an
// idempotency key, queue-booking slots, entitlement check, complaints,
// payment intents with a PromptPay QR, status tracking. Plain structs in,
// Result<..., BackendError> out.
#pragma once

#include "backend_http.h"
#include "backend_types.h"

#include <QJsonObject>

namespace kiosk::backend {

class CitizenPortalClient {
public:
    explicit CitizenPortalClient(std::unique_ptr<BackendHttp> http) : m_http(std::move(http)) {}

    Result<QList<PortalService>, BackendError> catalogue();
    Result<QJsonObject, BackendError> formSchema(const QString& serviceId);
    Result<Submission, BackendError> submit(const QString& serviceId, const QJsonObject& form,
                                            const QString& idempotencyKey);
    Result<Submission, BackendError> submissionStatus(const QString& submissionId);
    Result<QList<Slot>, BackendError> bookingSlots(const QString& serviceId, const QDate& day);
    Result<Booking, BackendError> book(const QString& slotId, const QString& cid,
                                       const QString& idempotencyKey);
    Result<Entitlement, BackendError> checkEntitlement(const QString& cid,
                                                       const QString& serviceId);
    Result<Complaint, BackendError> fileComplaint(const QString& cid, const QString& topic,
                                                  const QString& text,
                                                  const QString& idempotencyKey);
    Result<PaymentIntent, BackendError> createPayment(const QString& submissionId,
                                                      qint64 amountSatang,
                                                      const QString& idempotencyKey);
    BackendHttp& http() { return *m_http; }

private:
    Result<HttpAnswer, BackendError> post(const QString& path, const QJsonObject& body,
                                          const QString& idempotencyKey);
    std::unique_ptr<BackendHttp> m_http;
};

}  // namespace kiosk::backend
