#include "citizen_portal_client.h"

#include "backend_parsers.h"

#include <QDate>
#include <QJsonDocument>
#include <QUrl>

namespace kiosk::backend {

namespace {

QString seg(const QString& id) {
    return QString::fromLatin1(QUrl::toPercentEncoding(id));
}

}  // namespace

Result<HttpAnswer, BackendError> CitizenPortalClient::post(const QString& path,
                                                           const QJsonObject& body,
                                                           const QString& idempotencyKey) {
    HttpCall call;
    call.method = "POST";
    call.path = path;
    call.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    if (!idempotencyKey.isEmpty()) {
        call.headers.append({"Idempotency-Key", idempotencyKey.toLatin1()});
    }
    call.retrySafe = !idempotencyKey.isEmpty();
    return m_http->call(call);
}

Result<QList<PortalService>, BackendError> CitizenPortalClient::catalogue() {
    auto a = m_http->call({"GET", QStringLiteral("/portal/v1/services"), {}, {}, {}, true});
    if (!a) {
        return fail(a.error());
    }
    return parseCatalogue(a->body);
}

Result<QJsonObject, BackendError> CitizenPortalClient::formSchema(const QString& serviceId) {
    auto a = m_http->call({"GET",
                           QStringLiteral("/portal/v1/services/%1/form").arg(seg(serviceId)),
                           {},
                           {},
                           {},
                           true});
    if (!a) {
        return fail(a.error());
    }
    return parseFormSchema(a->body);
}

Result<Submission, BackendError> CitizenPortalClient::submit(const QString& serviceId,
                                                             const QJsonObject& form,
                                                             const QString& key) {
    auto a = post(QStringLiteral("/portal/v1/submissions"),
                  {{QStringLiteral("service_id"), serviceId}, {QStringLiteral("form"), form}}, key);
    if (!a) {
        return fail(a.error());
    }
    return parseSubmission(a->body);
}

Result<Submission, BackendError> CitizenPortalClient::submissionStatus(const QString& id) {
    auto a = m_http->call(
        {"GET", QStringLiteral("/portal/v1/submissions/%1").arg(seg(id)), {}, {}, {}, true});
    if (!a) {
        return fail(a.error());
    }
    return parseSubmission(a->body);
}

Result<QList<Slot>, BackendError> CitizenPortalClient::bookingSlots(const QString& serviceId,
                                                                    const QDate& day) {
    auto a = m_http->call({"GET",
                           QStringLiteral("/portal/v1/services/%1/slots?date=%2")
                               .arg(seg(serviceId), day.toString(Qt::ISODate)),
                           {},
                           {},
                           {},
                           true});
    if (!a) {
        return fail(a.error());
    }
    return parseSlots(a->body);
}

Result<Booking, BackendError> CitizenPortalClient::book(const QString& slotId, const QString& cid,
                                                        const QString& key) {
    auto a = post(QStringLiteral("/portal/v1/bookings"),
                  {{QStringLiteral("slot_id"), slotId}, {QStringLiteral("cid"), cid}}, key);
    if (!a) {
        return fail(a.error());
    }
    return parseBooking(a->body);
}

Result<Entitlement, BackendError> CitizenPortalClient::checkEntitlement(const QString& cid,
                                                                        const QString& serviceId) {
    HttpCall call;
    call.method = "POST";
    call.path = QStringLiteral("/portal/v1/entitlements/check");
    call.body = QJsonDocument(QJsonObject{{QStringLiteral("cid"), cid},
                                          {QStringLiteral("service_id"), serviceId}})
                    .toJson(QJsonDocument::Compact);
    call.retrySafe = true;  // a query
    auto a = m_http->call(call);
    if (!a) {
        return fail(a.error());
    }
    return parseEntitlement(a->body);
}

Result<Complaint, BackendError> CitizenPortalClient::fileComplaint(const QString& cid,
                                                                   const QString& topic,
                                                                   const QString& text,
                                                                   const QString& key) {
    auto a = post(QStringLiteral("/portal/v1/complaints"),
                  {{QStringLiteral("cid"), cid},
                   {QStringLiteral("topic"), topic},
                   {QStringLiteral("text"), text}},
                  key);
    if (!a) {
        return fail(a.error());
    }
    return parseComplaint(a->body);
}

Result<PaymentIntent, BackendError> CitizenPortalClient::createPayment(const QString& submissionId,
                                                                       qint64 amountSatang,
                                                                       const QString& key) {
    auto a = post(QStringLiteral("/portal/v1/payments"),
                  {{QStringLiteral("submission_id"), submissionId},
                   {QStringLiteral("amount_satang"), amountSatang}},
                  key);
    if (!a) {
        return fail(a.error());
    }
    return parsePaymentIntent(a->body);
}

}  // namespace kiosk::backend
