// Technician authentication for the on-screen maintenance menu.
//
// Technicians sign in with their id and a 6-12 digit PIN. PINs are stored
// only as scrypt hashes (OpenSSL 3, N=2^15 r=8 p=1 by default: ~32 MiB and
// ~0.1 s per try) with a per-technician salt, in <dataDir>/maintenance/
// technicians.json (0600). After 5 failed sign-ins in a row (any id, known or
// not) the kiosk refuses every sign-in for the lockout period; the counter
// and the lock survive a restart. Roles: technician (status, self-tests,
// logs, outbox retry, configuration version and history, restart) and
// supervisor (also outbox purge and managing technicians). Every attempt and every action is
// audited.
#pragma once

#include "result.h"

#include <QDateTime>
#include <QHash>
#include <QString>
#include <functional>

namespace kiosk::maintenance {

enum class Role { Technician, Supervisor };
QString roleName(Role r);

enum class Action {
    ViewStatus,
    RunSelfTest,
    ViewLogs,
    RetryOutbox,
    PurgeOutbox,
    ViewConfig,
    Restart,
    ManageTechnicians,
};
QString actionName(Action a);
bool roleAllows(Role role, Action action);

struct AuthError {
    enum class Code {
        WrongCredentials,  // unknown id or wrong PIN (never says which)
        LockedOut,
        Forbidden,  // the role does not allow the action
        InvalidPin,
        Exists,
        Io,
    };
    Code code = Code::WrongCredentials;
    QString message;
    int attemptsLeft = 0;    // WrongCredentials: before the lockout
    qint64 retryAfterS = 0;  // LockedOut: seconds until sign-in is possible again
    QString codeName() const;
};

struct KdfParams {
    quint64 n = 1u << 15;
    quint32 r = 8;
    quint32 p = 1;
};

struct TechnicianSession {
    QString technicianId;
    Role role = Role::Technician;
    QDateTime startedAt;
};

class TechnicianAuth {
public:
    using AuditSink =
        std::function<void(const QString& event, const QString& subject, const QString& detail)>;
    struct Options {
        QString file;  // technicians.json
        int maxFailures = 5;
        qint64 lockoutS = 15 * 60;
        KdfParams kdf;
        AuditSink audit;
        std::function<QDateTime()> clock;  // UTC; tests move it
    };

    static QString defaultFile(const QString& dataDir);
    static Result<TechnicianAuth, AuthError> open(Options options);

    // Adds a technician (the first one needs no session and must be a
    // supervisor: set-up at provisioning; later ones need a supervisor).
    Result<void, AuthError> enroll(const QString& technicianId, const QString& pin, Role role,
                                   const TechnicianSession* by = nullptr);
    Result<TechnicianSession, AuthError> signIn(const QString& technicianId, const QString& pin);
    // Checks the session's role and audits the action (allowed or not).
    Result<void, AuthError> authorize(const TechnicianSession& session, Action action,
                                      const QString& detail = {});
    void signOut(const TechnicianSession& session);
    // Audits what an authorized action came to ("maintenance.<action>.result",
    // detail e.g. "card ok: reader ..."), so the audit shows results, not only attempts.
    void auditResult(const TechnicianSession& session, Action action, const QString& outcome);

    bool isLockedOut() const;
    qint64 lockedForS() const;
    int consecutiveFailures() const { return m_failures; }
    int technicianCount() const { return static_cast<int>(m_records.size()); }

    static bool validPin(const QString& pin);

private:
    struct Record {
        Role role = Role::Technician;
        QByteArray salt;
        QByteArray hash;
        KdfParams kdf;
    };
    explicit TechnicianAuth(Options options) : m_options(std::move(options)) {}
    Result<void, AuthError> load();
    Result<void, AuthError> save();
    QDateTime now() const;
    void audit(const QString& event, const QString& subject, const QString& detail = {});

    Options m_options;
    QHash<QString, Record> m_records;
    int m_failures = 0;
    QDateTime m_lockedUntil;
};

// scrypt via OpenSSL 3 (EVP_PBE_scrypt); empty on failure.
QByteArray derivePinHash(const QString& pin, const QByteArray& salt, const KdfParams& kdf);

}  // namespace kiosk::maintenance
