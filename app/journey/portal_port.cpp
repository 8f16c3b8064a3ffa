#include "portal_port.h"

#include "citizen_portal_client.h"
#include "idp_client.h"
#include "outbox.h"
#include "service_settings.h"
#include "tls_settings.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QUuid>

Q_LOGGING_CATEGORY(lcJourneyPortal, "kiosk.journey.portal")

namespace kiosk::journey {

namespace {

// The kiosk's menu: screen kind, category and the portal service or
// operation behind it. Titles come from the portal's catalogue where it has
// the service; the rest are the kiosk's own.
struct MenuEntry {
    const char* id;
    const char* kind;
    const char* category;
    const char* portalId;  // "" for an operation (entitlement check, complaint, status)
    const char* titleTh;
    const char* titleEn;
};

const MenuEntry kMenu[] = {
    {"health.coverage", "entitlement", "health", "", "ตรวจสอบสิทธิรักษาพยาบาล",
     "Check health coverage"},
    {"registration.queue", "queue_booking", "registration", "queue-district-office",
     "จองคิวสำนักงานเขต", "District office queue"},
    {"welfare.card", "request_form", "welfare", "elderly-allowance", "เบี้ยยังชีพผู้สูงอายุ",
     "Elderly allowance"},
    {"general.complaint", "complaint", "welfare", "", "ร้องเรียน", "Make a complaint"},
    {"registration.fee", "payment", "registration", "house-registration-copy", "สำเนาทะเบียนบ้าน",
     "House registration copy"},
    {"general.status", "status", "welfare", "", "ติดตามสถานะคำขอ", "Track your requests"},
};
// The portal's entitlement check for health coverage.
const QString kHealthService = QStringLiteral("health-coverage");

const MenuEntry* menuEntry(const QString& id) {
    for (const MenuEntry& e : kMenu) {
        if (id == QLatin1String(e.id)) {
            return &e;
        }
    }
    return nullptr;
}

// Labels of the portal's form properties the kiosk knows; others show their id.
std::pair<QString, QString> labelOf(const QString& property) {
    if (property == QLatin1String("bank_account")) {
        return {QStringLiteral("เลขที่บัญชีธนาคาร"), QStringLiteral("Bank account number")};
    }
    if (property == QLatin1String("copies")) {
        return {QStringLiteral("จำนวนฉบับ"), QStringLiteral("Number of copies")};
    }
    if (property == QLatin1String("purpose")) {
        return {QStringLiteral("วัตถุประสงค์"), QStringLiteral("Purpose")};
    }
    QString text = property;
    text.replace(QLatin1Char('_'), QLatin1Char(' '));
    return {text, text};
}

QString hashOf(const QString& cid) {
    return QString::fromLatin1(
        QCryptographicHash::hash(cid.toUtf8(), QCryptographicHash::Sha256).toHex());
}

std::unique_ptr<backend::BackendHttp> makeHttp(const KioskConfig& config, const char* service) {
    auto http = backend::BackendHttp::create(
        backend::BackendSettings::fromConfig(config.backend),
        backend::ServiceSettings::fromConfig(QString::fromLatin1(service), config),
        config.kiosk.id);
    if (!http) {
        qCWarning(lcJourneyPortal).noquote() << service << "client:" << http.error().message;
        return nullptr;
    }
    return std::move(*http);
}

QJsonObject formJson(const Submission& s) {
    QJsonObject form;
    for (const auto& [key, value] : s.values) {
        form.insert(key, value);
    }
    return form;
}

}  // namespace

CitizenPortalPort::CitizenPortalPort(KioskConfig config, store::Outbox* outbox, QObject* parent)
    : QObject(parent),
      m_config(std::move(config)),
      m_outbox(outbox),
      m_workerPortal(std::make_shared<std::unique_ptr<backend::CitizenPortalClient>>()) {}

CitizenPortalPort::~CitizenPortalPort() {
    // The worker's client belongs to the worker thread: let it drop it.
    auto client = m_workerPortal;
    m_worker.runAndWait([client] { client->reset(); });
}

backend::CitizenPortalClient* CitizenPortalPort::portal() {
    if (!m_portal) {
        if (auto http = makeHttp(m_config, "portal")) {
            m_portal = std::make_unique<backend::CitizenPortalClient>(std::move(http));
        }
    }
    return m_portal.get();
}

backend::IdpClient* CitizenPortalPort::idp() {
    if (!m_idp) {
        if (auto http = makeHttp(m_config, "idp")) {
            m_idp = std::make_unique<backend::IdpClient>(std::move(http));
        }
    }
    return m_idp.get();
}

StepError CitizenPortalPort::stepError(const backend::BackendError& error) {
    if (error.retryable()) {
        return {QStringLiteral("backend_unreachable"), true};
    }
    if (error.code == backend::BackendError::Code::NotFound) {
        return {QStringLiteral("not_found"), false};
    }
    return {QStringLiteral("portal_rejected"), false};
}

QString CitizenPortalPort::statusCode(const QString& portalStatus) {
    if (portalStatus == QLatin1String("processing")) {
        return QStringLiteral("in_review");
    }
    if (portalStatus == QLatin1String("done") || portalStatus == QLatin1String("booked")) {
        return QStringLiteral("completed");
    }
    if (portalStatus == QLatin1String("rejected")) {
        return QStringLiteral("rejected");
    }
    return QStringLiteral("received");
}

QString CitizenPortalPort::portalServiceId(const QString& kioskServiceId) {
    const MenuEntry* e = menuEntry(kioskServiceId);
    return e ? QString::fromLatin1(e->portalId) : QString();
}

FormSchema CitizenPortalPort::formFromSchema(const QString& serviceId, const QJsonObject& schema) {
    FormSchema s;
    s.serviceId = serviceId;
    if (const MenuEntry* e = menuEntry(serviceId)) {
        s.titleTh = QString::fromUtf8(e->titleTh);
        s.titleEn = QString::fromUtf8(e->titleEn);
    }
    s.fields = chipIdentityFields();
    s.fields += {
        {QStringLiteral("address"),
         QStringLiteral("text"),
         QStringLiteral("ที่อยู่"),
         QStringLiteral("Address"),
         true,
         QStringLiteral("address"),
         {},
         {}},
    };
    const QJsonArray required = schema.value(QLatin1String("required")).toArray();
    const QJsonObject props = schema.value(QLatin1String("properties")).toObject();
    for (auto it = props.begin(); it != props.end(); ++it) {
        const QJsonObject p = it.value().toObject();
        FormField f;
        f.id = it.key();
        const QString type = p.value(QLatin1String("type")).toString();
        f.type = p.contains(QLatin1String("enum")) ? QStringLiteral("select")
                 : type == QLatin1String("integer") || type == QLatin1String("number")
                     ? QStringLiteral("number")
                     : QStringLiteral("text");
        for (const QJsonValue& v : p.value(QLatin1String("enum")).toArray()) {
            f.options << v.toVariant().toString();
        }
        std::tie(f.labelTh, f.labelEn) = labelOf(f.id);
        f.required = required.contains(QJsonValue(f.id));
        s.fields.append(f);
    }
    return s;
}

QList<ServiceInfo> CitizenPortalPort::catalogue() {
    QHash<QString, backend::PortalService> portalServices;
    if (auto* p = portal()) {
        if (auto list = p->catalogue()) {
            for (const auto& s : *list) {
                portalServices.insert(s.id, s);
            }
        } else {
            qCInfo(lcJourneyPortal).noquote() << "catalogue:" << list.error().message;
        }
    }
    QList<ServiceInfo> out;
    for (const MenuEntry& e : kMenu) {
        ServiceInfo info{QString::fromLatin1(e.id), QString::fromLatin1(e.kind),
                         QString::fromLatin1(e.category), QString::fromUtf8(e.titleTh),
                         QString::fromUtf8(e.titleEn)};
        const auto it = portalServices.constFind(QString::fromLatin1(e.portalId));
        if (it != portalServices.constEnd()) {
            info.titleTh = it->nameTh;
            info.titleEn = it->nameEn;
        }
        out.append(info);
    }
    return out;
}

FormSchema CitizenPortalPort::formSchema(const QString& serviceId) {
    QJsonObject schema;
    if (auto* p = portal(); p && !portalServiceId(serviceId).isEmpty()) {
        if (auto s = p->formSchema(portalServiceId(serviceId))) {
            schema = *s;
        } else {
            qCInfo(lcJourneyPortal).noquote() << "form schema:" << s.error().message;
        }
    }
    return formFromSchema(serviceId, schema);
}

QList<Slot> CitizenPortalPort::availableSlots(const QString& serviceId, QDate from, int days) {
    QList<Slot> out;
    auto* p = portal();
    const QString portalId = portalServiceId(serviceId);
    if (!p || portalId.isEmpty()) {
        return out;
    }
    m_slotIds.clear();
    for (int d = 0; d < days; ++d) {
        auto daySlots = p->bookingSlots(portalId, from.addDays(d));
        if (!daySlots) {
            qCInfo(lcJourneyPortal).noquote() << "slots:" << daySlots.error().message;
            break;
        }
        for (const auto& s : *daySlots) {
            const QDateTime start = QDateTime::fromString(s.start, Qt::ISODate).toLocalTime();
            m_slotIds.insert(start.toString(Qt::ISODate), s.slotId);
            out.append({start, s.office, s.available > 0});
        }
    }
    return out;
}

void CitizenPortalPort::entitlement(const CitizenData& citizen,
                                    std::function<void(const EntitlementResult&)> done,
                                    std::function<void(const StepError&)> failed) {
    const QString cid = citizen.cid;
    const KioskConfig config = m_config;
    auto client = m_workerPortal;
    m_worker.post([this, client, config, cid, done, failed] {
        if (!*client) {
            if (auto http = makeHttp(config, "portal")) {
                *client = std::make_unique<backend::CitizenPortalClient>(std::move(http));
            }
        }
        if (!*client) {
            JourneyWorker::postTo(this, [failed] {
                failed({QStringLiteral("backend_unreachable"), true});
            });
            return;
        }
        auto r = (*client)->checkEntitlement(cid, kHealthService);
        if (!r) {
            const StepError e = stepError(r.error());
            JourneyWorker::postTo(this, [failed, e] { failed(e); });
            return;
        }
        EntitlementResult out;
        out.covered = r->entitled;
        out.scheme = r->entitled ? QStringLiteral("ucs") : QStringLiteral("none");
        JourneyWorker::postTo(this, [done, out] { done(out); });
    });
}

PaymentRequest CitizenPortalPort::payment(const CitizenData& citizen) {
    PaymentRequest out;
    auto* p = portal();
    const MenuEntry* e = menuEntry(QStringLiteral("registration.fee"));
    if (!p || !e) {
        return out;
    }
    qint64 fee = 0;
    if (auto list = p->catalogue()) {
        for (const auto& s : *list) {
            if (s.id == QLatin1String(e->portalId)) {
                fee = s.feeSatang;
                out.descriptionTh = s.nameTh;
                out.descriptionEn = s.nameEn;
            }
        }
    }
    // The request the fee is for, then its payment intent (both idempotent).
    const QJsonObject form{{QStringLiteral("copies"), 1},
                           {QStringLiteral("purpose"), QStringLiteral("kiosk")}};
    auto sub = p->submit(QString::fromLatin1(e->portalId), form,
                         QUuid::createUuid().toString(QUuid::WithoutBraces));
    if (!sub) {
        qCInfo(lcJourneyPortal).noquote() << "payment request:" << sub.error().message;
        return out;
    }
    m_sent.append({hashOf(citizen.cid), sub->submissionId, out.descriptionTh, out.descriptionEn});
    auto intent = p->createPayment(sub->submissionId, fee,
                                   QUuid::createUuid().toString(QUuid::WithoutBraces));
    if (!intent) {
        qCInfo(lcJourneyPortal).noquote() << "payment intent:" << intent.error().message;
        return out;
    }
    out.reference = intent->paymentId;
    out.amountSatang = intent->amountSatang;
    out.promptPayPayload = QString::fromLatin1(intent->qrPayload);
    return out;
}

QList<RequestStatus> CitizenPortalPort::statuses(const CitizenData& citizen) {
    QList<RequestStatus> out;
    auto* p = portal();
    const QString who = hashOf(citizen.cid);
    for (const Sent& s : m_sent) {
        if (s.cidHash != who) {
            continue;
        }
        RequestStatus st{s.reference, s.titleTh, s.titleEn, QStringLiteral("received"), {}};
        if (p) {
            if (auto r = p->submissionStatus(s.reference)) {
                st.status = statusCode(r->status);
                st.updated = QDateTime::fromString(r->updatedAt, Qt::ISODate).toLocalTime();
            }
        }
        out.append(st);
    }
    return out;
}

void CitizenPortalPort::submit(const Submission& submission,
                               std::function<void(const SubmissionReceipt&)> done,
                               std::function<void(const StepError&)> failed) {
    const KioskConfig config = m_config;
    auto client = m_workerPortal;
    QString slotId;
    for (const auto& [key, value] : submission.values) {
        if (key == QLatin1String("slot")) {
            slotId = m_slotIds.value(value);
        }
    }
    const MenuEntry* entry = menuEntry(submission.serviceId);
    const QString titleTh = entry ? QString::fromUtf8(entry->titleTh) : QString();
    const QString titleEn = entry ? QString::fromUtf8(entry->titleEn) : QString();
    const QString key = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_worker.post([this, client, config, submission, slotId, key, titleTh, titleEn, done, failed] {
        if (!*client) {
            if (auto http = makeHttp(config, "portal")) {
                *client = std::make_unique<backend::CitizenPortalClient>(std::move(http));
            }
        }
        if (!*client) {
            JourneyWorker::postTo(this, [failed] {
                failed({QStringLiteral("backend_unreachable"), true});
            });
            return;
        }
        Result<QString, backend::BackendError> reference = fail(backend::BackendError{});
        if (submission.kind == QLatin1String("queue_booking")) {
            auto b = (*client)->book(slotId, submission.cid, key);
            reference = b ? Result<QString, backend::BackendError>(b->bookingId)
                          : Result<QString, backend::BackendError>(fail(b.error()));
        } else if (submission.kind == QLatin1String("complaint")) {
            const QJsonObject form = formJson(submission);
            auto c =
                (*client)->fileComplaint(submission.cid, submission.serviceId,
                                         form.value(QLatin1String("complaint")).toString(), key);
            reference = c ? Result<QString, backend::BackendError>(c->complaintId)
                          : Result<QString, backend::BackendError>(fail(c.error()));
        } else {
            auto s =
                (*client)->submit(portalServiceId(submission.serviceId), formJson(submission), key);
            reference = s ? Result<QString, backend::BackendError>(s->submissionId)
                          : Result<QString, backend::BackendError>(fail(s.error()));
        }
        if (!reference) {
            qCInfo(lcJourneyPortal).noquote() << "submit:" << reference.error().message;
            const StepError e = stepError(reference.error());
            JourneyWorker::postTo(this, [failed, e] { failed(e); });
            return;
        }
        const QString ref = *reference;
        const QString who = hashOf(submission.cid);
        const bool trackable = submission.kind == QLatin1String("request_form");
        JourneyWorker::postTo(this, [this, done, ref, who, trackable, titleTh, titleEn] {
            if (trackable) {
                m_sent.append({who, ref, titleTh, titleEn});
            }
            done({ref, false, QDateTime::currentDateTime()});
        });
    });
}

SubmissionReceipt CitizenPortalPort::queue(const Submission& submission) {
    SubmissionReceipt r{{}, true, QDateTime::currentDateTime()};
    if (!m_outbox) {
        qCWarning(lcJourneyPortal) << "no outbox: the submission cannot be kept";
        return r;
    }
    store::NewItem item;
    item.type = QStringLiteral("service_form");
    item.payload =
        QJsonDocument(
            QJsonObject{{QStringLiteral("service_id"), portalServiceId(submission.serviceId)},
                        {QStringLiteral("kiosk_service"), submission.serviceId},
                        {QStringLiteral("kind"), submission.kind},
                        {QStringLiteral("cid"), submission.cid},
                        {QStringLiteral("form"), formJson(submission)}})
            .toJson(QJsonDocument::Compact);
    item.priority = store::Priority::ServiceForm;
    // One citizen's queued work keeps its order: a session id per requester.
    const QString who = hashOf(submission.cid);
    if (who != m_queueCitizen) {
        m_queueCitizen = who;
        m_queueSession = QUuid::createUuid().toString(QUuid::WithoutBraces);
    }
    item.sessionId = m_queueSession;
    auto key = m_outbox->enqueue(item);
    if (!key) {
        qCWarning(lcJourneyPortal).noquote() << "outbox:" << key.error().message;
        return r;
    }
    // The tracking reference the citizen keeps: the start of the idempotency key.
    r.reference = QStringLiteral("TRK-") + key->left(8).toUpper();
    return r;
}

QString CitizenPortalPort::sendBindingCode(const CitizenData& citizen) {
    m_challengeId.clear();
    auto* i = idp();
    if (!i) {
        return {};
    }
    auto account = i->lookupAccount(citizen.cid);
    if (!account) {
        qCInfo(lcJourneyPortal).noquote() << "binding: account:" << account.error().message;
        return {};
    }
    auto challenge = i->startBinding(account->accountId);
    if (!challenge) {
        qCInfo(lcJourneyPortal).noquote() << "binding:" << challenge.error().message;
        return {};
    }
    m_challengeId = challenge->challengeId;
    emit bindingCodeSent(m_challengeId);
    return challenge->mobileMasked;
}

bool CitizenPortalPort::checkBindingCode(const QString& code) {
    auto* i = idp();
    if (!i || m_challengeId.isEmpty()) {
        return false;
    }
    auto r = i->confirmBinding(m_challengeId, code);
    return r && r->bound;
}

}  // namespace kiosk::journey
