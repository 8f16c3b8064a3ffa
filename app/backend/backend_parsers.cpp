#include "backend_parsers.h"

#include "promptpay.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace kiosk::backend {

namespace {

constexpr qsizetype kMaxBody = 1024 * 1024;
const QString kTempuri = QStringLiteral("http://tempuri.org/");
const QString kSoap12 = QStringLiteral("http://www.w3.org/2003/05/soap-envelope");

BackendError bad(const QString& service, const QString& what) {
    return BackendError{BackendError::Code::BadResponse, what, 200, service};
}

// The body as a JSON object, or why not.
Result<QJsonObject, BackendError> object(const QByteArray& body, const QString& service) {
    if (body.size() > kMaxBody) {
        return fail(bad(service, QStringLiteral("answer too large")));
    }
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        return fail(bad(service, QStringLiteral("answer is not a JSON object")));
    }
    return doc.object();
}

// A required non-empty string member of bounded length.
bool text(const QJsonObject& o, const char* key, QString& out, qsizetype maxLen = 256) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isString() || v.toString().isEmpty() || v.toString().size() > maxLen) {
        return false;
    }
    out = v.toString();
    return true;
}

QString optionalText(const QJsonObject& o, const char* key, qsizetype maxLen = 256) {
    return o.value(QLatin1String(key)).toString().left(maxLen);
}

BackendError missing(const QString& service, const char* key) {
    return bad(service, QStringLiteral("answer lacks a valid \"%1\"").arg(QLatin1String(key)));
}

bool validIal(const QString& ial) {
    static const QStringList levels = {
        QStringLiteral("1.1"), QStringLiteral("1.2"), QStringLiteral("1.3"), QStringLiteral("2.1"),
        QStringLiteral("2.2"), QStringLiteral("2.3"), QStringLiteral("3")};
    return levels.contains(ial);
}

}  // namespace

QByteArray dopaRequestXml(const CardCheckRequest& r) {
    QByteArray out;
    QXmlStreamWriter w(&out);
    w.writeStartDocument();
    w.writeNamespace(kSoap12, QStringLiteral("soap12"));
    w.writeStartElement(kSoap12, QStringLiteral("Envelope"));
    w.writeStartElement(kSoap12, QStringLiteral("Body"));
    w.writeDefaultNamespace(kTempuri);
    w.writeStartElement(kTempuri, QStringLiteral("CheckCardByLaser"));
    w.writeTextElement(kTempuri, QStringLiteral("PID"), r.cid);
    w.writeTextElement(kTempuri, QStringLiteral("FirstName"), r.firstNameTh);
    w.writeTextElement(kTempuri, QStringLiteral("LastName"), r.lastNameTh);
    w.writeTextElement(kTempuri, QStringLiteral("BirthDay"), r.birthDateBe);
    w.writeTextElement(kTempuri, QStringLiteral("Laser"), r.laserCode);
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndDocument();
    return out;
}

namespace {

// Reads the text of the direct children of the first element named `parent`
// (any namespace). Also reports a SOAP Fault's reason.
bool readChildren(const QByteArray& body, const QString& parent, QMap<QString, QString>& fields,
                  QString& fault, QString& xmlError) {
    QXmlStreamReader x(body);
    int depth = 0;
    int parentDepth = -1;
    QString current;
    bool found = false;
    while (!x.atEnd()) {
        switch (x.readNext()) {
            case QXmlStreamReader::StartElement:
                ++depth;
                if (depth > 32) {
                    xmlError = QStringLiteral("nested too deep");
                    return false;
                }
                if (parentDepth < 0 && x.name() == parent) {
                    parentDepth = depth;
                    found = true;
                } else if (parentDepth >= 0 && depth == parentDepth + 1) {
                    current = x.name().toString();
                    fields.insert(current, QString());
                } else if (x.name() == QLatin1String("Text") ||
                           x.name() == QLatin1String("faultstring")) {
                    current = QStringLiteral("#fault");
                }
                break;
            case QXmlStreamReader::Characters:
                if (current == QLatin1String("#fault")) {
                    fault += x.text().toString().trimmed().left(200);
                } else if (!current.isEmpty() && parentDepth >= 0 && depth == parentDepth + 1) {
                    fields[current] += x.text().toString();
                }
                break;
            case QXmlStreamReader::EndElement:
                if (depth == parentDepth) {
                    parentDepth = -2;  // done; ignore later elements of the same name
                }
                --depth;
                current.clear();
                break;
            default:
                break;
        }
    }
    if (x.hasError()) {
        xmlError = x.errorString();
        return false;
    }
    return found;
}

}  // namespace

Result<CardCheckResult, BackendError> parseDopaResponse(const QByteArray& body) {
    const QString dopa = QStringLiteral("dopa");
    if (body.size() > kMaxBody) {
        return fail(bad(dopa, QStringLiteral("answer too large")));
    }
    QMap<QString, QString> f;
    QString fault;
    QString xmlError;
    if (!readChildren(body, QStringLiteral("CheckCardByLaserResult"), f, fault, xmlError)) {
        if (!fault.isEmpty()) {
            return fail(BackendError{BackendError::Code::Rejected,
                                     QStringLiteral("SOAP fault: ") + fault, 200, dopa});
        }
        return fail(bad(dopa, xmlError.isEmpty()
                                  ? QStringLiteral("no CheckCardByLaserResult in the answer")
                                  : QStringLiteral("not XML: ") + xmlError));
    }
    CardCheckResult r;
    const QString isError = f.value(QStringLiteral("IsError")).trimmed();
    if (isError != QLatin1String("true") && isError != QLatin1String("false")) {
        return fail(missing(dopa, "IsError"));
    }
    r.isError = isError == QLatin1String("true");
    bool ok = false;
    r.code = f.value(QStringLiteral("Code")).trimmed().toInt(&ok);
    if (!ok || r.code < 0 || r.code > 999) {
        return fail(missing(dopa, "Code"));
    }
    r.description = f.value(QStringLiteral("Desc")).trimmed().left(300);
    r.errorMessage = f.value(QStringLiteral("ErrorMessage")).trimmed().left(300);
    return r;
}

Result<CardCheckRequest, QString> parseDopaRequest(const QByteArray& body) {
    QMap<QString, QString> f;
    QString fault;
    QString xmlError;
    if (!readChildren(body, QStringLiteral("CheckCardByLaser"), f, fault, xmlError)) {
        return fail(xmlError.isEmpty() ? QStringLiteral("no CheckCardByLaser element") : xmlError);
    }
    return CardCheckRequest{
        f.value(QStringLiteral("PID")).trimmed(), f.value(QStringLiteral("FirstName")).trimmed(),
        f.value(QStringLiteral("LastName")).trimmed(),
        f.value(QStringLiteral("BirthDay")).trimmed(), f.value(QStringLiteral("Laser")).trimmed()};
}

Result<FaceVerifyResult, BackendError> parseFvsResponse(const QByteArray& body) {
    const QString s = QStringLiteral("fvs");
    auto o = object(body, s);
    if (!o) {
        return fail(o.error());
    }
    const QJsonValue v = o->value(QLatin1String("similarity"));
    if (!v.isDouble() || v.toDouble() < 0 || v.toDouble() > 100) {
        return fail(missing(s, "similarity"));
    }
    FaceVerifyResult r;
    r.similarityPercent = v.toDouble();
    r.transactionId = optionalText(*o, "transaction_id");
    return r;
}

Result<IdpAccount, BackendError> parseIdpAccount(const QByteArray& body) {
    const QString s = QStringLiteral("idp");
    auto o = object(body, s);
    if (!o) {
        return fail(o.error());
    }
    IdpAccount a;
    if (!text(*o, "account_id", a.accountId, 64)) {
        return fail(missing(s, "account_id"));
    }
    if (!text(*o, "ial", a.ial, 8) || !validIal(a.ial)) {
        return fail(missing(s, "ial"));
    }
    a.mobileMasked = optionalText(*o, "mobile_masked", 32);
    return a;
}

Result<IalUpgradeResult, BackendError> parseIalUpgrade(const QByteArray& body) {
    const QString s = QStringLiteral("idp");
    auto o = object(body, s);
    if (!o) {
        return fail(o.error());
    }
    IalUpgradeResult r;
    if (!text(*o, "account_id", r.accountId, 64)) {
        return fail(missing(s, "account_id"));
    }
    if (!text(*o, "ial", r.ial, 8) || !validIal(r.ial)) {
        return fail(missing(s, "ial"));
    }
    if (!text(*o, "status", r.status, 32)) {
        return fail(missing(s, "status"));
    }
    return r;
}

Result<BindingChallenge, BackendError> parseBindingChallenge(const QByteArray& body) {
    const QString s = QStringLiteral("idp");
    auto o = object(body, s);
    if (!o) {
        return fail(o.error());
    }
    BindingChallenge c;
    if (!text(*o, "challenge_id", c.challengeId, 64)) {
        return fail(missing(s, "challenge_id"));
    }
    c.mobileMasked = optionalText(*o, "mobile_masked", 32);
    c.expiresInS = o->value(QLatin1String("expires_in_s")).toInt();
    if (c.expiresInS <= 0 || c.expiresInS > 3600) {
        return fail(missing(s, "expires_in_s"));
    }
    return c;
}

Result<BindingResult, BackendError> parseBindingResult(const QByteArray& body) {
    const QString s = QStringLiteral("idp");
    auto o = object(body, s);
    if (!o) {
        return fail(o.error());
    }
    BindingResult r;
    if (!text(*o, "account_id", r.accountId, 64) || !o->value(QLatin1String("bound")).isBool()) {
        return fail(missing(s, "bound"));
    }
    r.bound = o->value(QLatin1String("bound")).toBool();
    return r;
}

Result<QList<PortalService>, BackendError> parseCatalogue(const QByteArray& body) {
    const QString s = QStringLiteral("portal");
    auto o = object(body, s);
    if (!o) {
        return fail(o.error());
    }
    const QJsonValue list = o->value(QLatin1String("services"));
    if (!list.isArray() || list.toArray().size() > 1000) {
        return fail(missing(s, "services"));
    }
    QList<PortalService> out;
    for (const QJsonValue& v : list.toArray()) {
        const QJsonObject e = v.toObject();
        PortalService p;
        if (!text(e, "id", p.id, 64) || !text(e, "name_th", p.nameTh) ||
            !text(e, "name_en", p.nameEn)) {
            return fail(bad(s, QStringLiteral("a service lacks id or names")));
        }
        p.requiredIal = optionalText(e, "requires_ial", 8);
        p.feeSatang = e.value(QLatin1String("fee_satang")).toInteger();
        if (p.feeSatang < 0) {
            return fail(missing(s, "fee_satang"));
        }
        out.append(p);
    }
    return out;
}

Result<QJsonObject, BackendError> parseFormSchema(const QByteArray& body) {
    auto o = object(body, QStringLiteral("portal"));
    if (!o) {
        return fail(o.error());
    }
    if (o->value(QLatin1String("type")).toString() != QLatin1String("object") ||
        !o->value(QLatin1String("properties")).isObject()) {
        return fail(
            bad(QStringLiteral("portal"), QStringLiteral("form schema is not an object schema")));
    }
    return *o;
}

Result<Submission, BackendError> parseSubmission(const QByteArray& body) {
    const QString s = QStringLiteral("portal");
    auto o = object(body, s);
    if (!o) {
        return fail(o.error());
    }
    Submission r;
    if (!text(*o, "submission_id", r.submissionId, 64) || !text(*o, "status", r.status, 32)) {
        return fail(missing(s, "submission_id"));
    }
    r.updatedAt = optionalText(*o, "updated_at", 40);
    return r;
}

Result<QList<Slot>, BackendError> parseSlots(const QByteArray& body) {
    const QString s = QStringLiteral("portal");
    auto o = object(body, s);
    if (!o) {
        return fail(o.error());
    }
    const QJsonValue list = o->value(QLatin1String("slots"));
    if (!list.isArray() || list.toArray().size() > 1000) {
        return fail(missing(s, "slots"));
    }
    QList<Slot> out;
    for (const QJsonValue& v : list.toArray()) {
        const QJsonObject e = v.toObject();
        Slot slot;
        if (!text(e, "slot_id", slot.slotId, 64) || !text(e, "start", slot.start, 40)) {
            return fail(bad(s, QStringLiteral("a slot lacks slot_id or start")));
        }
        slot.office = optionalText(e, "office");
        slot.available = e.value(QLatin1String("available")).toInt();
        out.append(slot);
    }
    return out;
}

Result<Booking, BackendError> parseBooking(const QByteArray& body) {
    const QString s = QStringLiteral("portal");
    auto o = object(body, s);
    if (!o) {
        return fail(o.error());
    }
    Booking b;
    if (!text(*o, "booking_id", b.bookingId, 64) || !text(*o, "slot_id", b.slotId, 64) ||
        !text(*o, "status", b.status, 32)) {
        return fail(missing(s, "booking_id"));
    }
    return b;
}

Result<Entitlement, BackendError> parseEntitlement(const QByteArray& body) {
    const QString s = QStringLiteral("portal");
    auto o = object(body, s);
    if (!o) {
        return fail(o.error());
    }
    if (!o->value(QLatin1String("entitled")).isBool()) {
        return fail(missing(s, "entitled"));
    }
    return Entitlement{o->value(QLatin1String("entitled")).toBool(), optionalText(*o, "reason")};
}

Result<Complaint, BackendError> parseComplaint(const QByteArray& body) {
    const QString s = QStringLiteral("portal");
    auto o = object(body, s);
    if (!o) {
        return fail(o.error());
    }
    Complaint c;
    if (!text(*o, "complaint_id", c.complaintId, 64) || !text(*o, "status", c.status, 32)) {
        return fail(missing(s, "complaint_id"));
    }
    return c;
}

Result<PaymentIntent, BackendError> parsePaymentIntent(const QByteArray& body) {
    const QString s = QStringLiteral("portal");
    auto o = object(body, s);
    if (!o) {
        return fail(o.error());
    }
    PaymentIntent p;
    QString qr;
    if (!text(*o, "payment_id", p.paymentId, 64) || !text(*o, "qr_payload", qr, 512) ||
        !text(*o, "status", p.status, 32)) {
        return fail(missing(s, "payment_id"));
    }
    p.amountSatang = o->value(QLatin1String("amount_satang")).toInteger(-1);
    if (p.amountSatang <= 0) {
        return fail(missing(s, "amount_satang"));
    }
    p.qrPayload = qr.toLatin1();
    const auto parsed = promptpay::parsePayload(p.qrPayload);
    if (!parsed) {
        return fail(bad(s, QStringLiteral("QR payload: ") + parsed.error()));
    }
    if (parsed->amountSatang != p.amountSatang) {
        return fail(bad(s, QStringLiteral("QR payload amount differs from the payment's")));
    }
    p.expiresAt = optionalText(*o, "expires_at", 40);
    return p;
}

}  // namespace kiosk::backend
