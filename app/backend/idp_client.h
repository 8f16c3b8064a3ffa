// Digital ID IdP: account lookup by CID, IAL upgrade with a signed
// ProofingRecord (the IdP verifies the device signature), and account
// binding with a one-time code sent to the account's registered mobile.
#pragma once

#include "backend_http.h"
#include "backend_types.h"

namespace kiosk::backend {

class IdpClient {
public:
    explicit IdpClient(std::unique_ptr<BackendHttp> http) : m_http(std::move(http)) {}
    static constexpr char kUpgradePath[] = "/idp/v1/ial-upgrades";

    Result<IdpAccount, BackendError> lookupAccount(const QString& cid);
    // `idempotencyKey`: the same key for every attempt of this record (and
    // for its outbox item), so the upgrade happens once.
    Result<IalUpgradeResult, BackendError> upgradeIal(const QByteArray& signedRecord,
                                                      const QString& idempotencyKey);
    Result<BindingChallenge, BackendError> startBinding(const QString& accountId);
    Result<BindingResult, BackendError> confirmBinding(const QString& challengeId,
                                                       const QString& oneTimeCode);
    BackendHttp& http() { return *m_http; }

private:
    std::unique_ptr<BackendHttp> m_http;
};

}  // namespace kiosk::backend
