// Builders of backend requests and parsers of backend answers. Pure
// functions over bytes: the answers come from the network, so they are
// fuzzed (tests/fuzz/fuzz_backend_response.cpp) and never trusted: every
// field is checked for presence, type and range.
#pragma once

#include "backend_error.h"
#include "backend_types.h"
#include "result.h"

#include <QByteArray>
#include <QList>

namespace kiosk::backend {

// DOPA CheckCardByLaser (SOAP 1.2, namespace http://tempuri.org/).
QByteArray dopaRequestXml(const CardCheckRequest& request);
Result<CardCheckResult, BackendError> parseDopaResponse(const QByteArray& body);
// The request as portal-sim reads it (the same XML), for the simulator.
Result<CardCheckRequest, QString> parseDopaRequest(const QByteArray& body);

Result<FaceVerifyResult, BackendError> parseFvsResponse(const QByteArray& body);
Result<IdpAccount, BackendError> parseIdpAccount(const QByteArray& body);
Result<IalUpgradeResult, BackendError> parseIalUpgrade(const QByteArray& body);
Result<BindingChallenge, BackendError> parseBindingChallenge(const QByteArray& body);
Result<BindingResult, BackendError> parseBindingResult(const QByteArray& body);
Result<QList<PortalService>, BackendError> parseCatalogue(const QByteArray& body);
Result<QJsonObject, BackendError> parseFormSchema(const QByteArray& body);
Result<Submission, BackendError> parseSubmission(const QByteArray& body);
Result<QList<Slot>, BackendError> parseSlots(const QByteArray& body);
Result<Booking, BackendError> parseBooking(const QByteArray& body);
Result<Entitlement, BackendError> parseEntitlement(const QByteArray& body);
Result<Complaint, BackendError> parseComplaint(const QByteArray& body);
// Also checks the QR payload (CRC, PromptPay, THB) and that its amount is the intent's.
Result<PaymentIntent, BackendError> parsePaymentIntent(const QByteArray& body);

}  // namespace kiosk::backend
