// PortalPort over the Citizen Portal client (app/backend) and the Digital ID
// IdP client (account binding), with the encrypted outbox (app/store) for
// work that cannot be delivered now. The kiosk's service menu maps each
// screen kind to a portal service or operation (kMenu in the .cpp).
// Blocking calls the port's interface makes synchronous run on the GUI
// thread (BackendHttp waits on a local event loop, bounded by the configured
// timeouts); submit() and entitlement() run on a worker with their own clients.
#pragma once

#include "config.h"
#include "journey_ports.h"
#include "journey_worker.h"

#include <QHash>
#include <QObject>
#include <atomic>
#include <memory>

namespace kiosk::store {
class Outbox;
}
namespace kiosk::backend {
class CitizenPortalClient;
class IdpClient;
struct BackendError;
}  // namespace kiosk::backend

namespace kiosk::journey {

class CitizenPortalPort : public QObject, public PortalPort {
    Q_OBJECT
public:
    CitizenPortalPort(KioskConfig config, store::Outbox* outbox, QObject* parent = nullptr);
    ~CitizenPortalPort() override;

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

    // The binding challenge in progress (the simulator's test hook tells its code).
    QString bindingChallenge() const { return m_challengeId; }

signals:
    // The IdP sent a one-time code to the account's registered mobile number.
    void bindingCodeSent(const QString& challengeId);

public:
    // The journey's error for a backend error.
    static StepError stepError(const backend::BackendError& error);
    // Portal submission status -> the status codes the screens know.
    static QString statusCode(const QString& portalStatus);
    // The portal service behind a kiosk menu entry (empty: an operation, not a service).
    static QString portalServiceId(const QString& kioskServiceId);
    // The form the kiosk shows: chip-prefilled fields, then the schema's properties.
    static FormSchema formFromSchema(const QString& serviceId, const QJsonObject& schema);

private:
    backend::CitizenPortalClient* portal();
    backend::IdpClient* idp();

    KioskConfig m_config;
    store::Outbox* m_outbox;
    std::unique_ptr<backend::CitizenPortalClient> m_portal;  // GUI thread
    std::unique_ptr<backend::IdpClient> m_idp;
    QHash<QString, QString> m_slotIds;  // slot start (ISO) -> portal slot id
    QString m_challengeId;
    QString m_queueCitizen, m_queueSession;  // hash of the requester, outbox session id
    struct Sent {
        QString cidHash, reference, titleTh, titleEn;
    };
    QList<Sent> m_sent;  // this session's submissions, for status tracking
    std::shared_ptr<std::unique_ptr<backend::CitizenPortalClient>> m_workerPortal;
    JourneyWorker m_worker{QStringLiteral("portal")};  // last: joined first
};

}  // namespace kiosk::journey
