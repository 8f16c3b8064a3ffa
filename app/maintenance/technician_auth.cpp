#include "technician_auth.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>

namespace kiosk::maintenance {

namespace {
using Code = AuthError::Code;

AuthError authError(Code code, QString message) {
    AuthError e;
    e.code = code;
    e.message = std::move(message);
    return e;
}

bool equalConstantTime(const QByteArray& a, const QByteArray& b) {
    return a.size() == b.size() &&
           CRYPTO_memcmp(a.constData(), b.constData(), static_cast<size_t>(a.size())) == 0;
}
}  // namespace

QString roleName(Role r) {
    return r == Role::Supervisor ? QStringLiteral("supervisor") : QStringLiteral("technician");
}

QString actionName(Action a) {
    switch (a) {
        case Action::ViewStatus:
            return QStringLiteral("view-status");
        case Action::RunSelfTest:
            return QStringLiteral("self-test");
        case Action::ViewLogs:
            return QStringLiteral("view-logs");
        case Action::RetryOutbox:
            return QStringLiteral("outbox-retry");
        case Action::PurgeOutbox:
            return QStringLiteral("outbox-purge");
        case Action::ViewConfig:
            return QStringLiteral("view-config");
        case Action::Restart:
            return QStringLiteral("restart");
        case Action::ManageTechnicians:
            return QStringLiteral("manage-technicians");
    }
    return QStringLiteral("unknown");
}

bool roleAllows(Role role, Action action) {
    switch (action) {
        case Action::ViewStatus:
        case Action::RunSelfTest:
        case Action::ViewLogs:
        case Action::RetryOutbox:
        case Action::ViewConfig:
        case Action::Restart:
            return true;
        case Action::PurgeOutbox:
        case Action::ManageTechnicians:
            return role == Role::Supervisor;
    }
    return false;
}

QString AuthError::codeName() const {
    switch (code) {
        case Code::WrongCredentials:
            return QStringLiteral("wrong-credentials");
        case Code::LockedOut:
            return QStringLiteral("locked-out");
        case Code::Forbidden:
            return QStringLiteral("forbidden");
        case Code::InvalidPin:
            return QStringLiteral("invalid-pin");
        case Code::Exists:
            return QStringLiteral("exists");
        case Code::Io:
            return QStringLiteral("io");
    }
    return QStringLiteral("unknown");
}

QByteArray derivePinHash(const QString& pin, const QByteArray& salt, const KdfParams& kdf) {
    const QByteArray secret = pin.toUtf8();
    QByteArray out(32, '\0');
    // maxmem: what N and r need, plus slack.
    const uint64_t maxmem = 128ULL * kdf.r * (kdf.n + 2) + (1ULL << 20);
    if (EVP_PBE_scrypt(secret.constData(), static_cast<size_t>(secret.size()),
                       reinterpret_cast<const unsigned char*>(salt.constData()),
                       static_cast<size_t>(salt.size()), kdf.n, kdf.r, kdf.p, maxmem,
                       reinterpret_cast<unsigned char*>(out.data()),
                       static_cast<size_t>(out.size())) != 1) {
        return {};
    }
    return out;
}

QString TechnicianAuth::defaultFile(const QString& dataDir) {
    return dataDir + QStringLiteral("/maintenance/technicians.json");
}

bool TechnicianAuth::validPin(const QString& pin) {
    static const QRegularExpression re(QStringLiteral("^[0-9]{6,12}$"));
    if (!re.match(pin).hasMatch()) {
        return false;
    }
    // No 111111 or 123456: the first guesses anyone makes.
    bool same = true;
    bool ascending = true;
    for (int i = 1; i < pin.size(); ++i) {
        same = same && pin[i] == pin[0];
        ascending = ascending && pin[i].unicode() == pin[i - 1].unicode() + 1;
    }
    return !same && !ascending;
}

Result<TechnicianAuth, AuthError> TechnicianAuth::open(Options options) {
    TechnicianAuth auth(std::move(options));
    if (auto r = auth.load(); !r) {
        return fail(r.error());
    }
    return auth;
}

QDateTime TechnicianAuth::now() const {
    return m_options.clock ? m_options.clock() : QDateTime::currentDateTimeUtc();
}

void TechnicianAuth::audit(const QString& event, const QString& subject, const QString& detail) {
    if (m_options.audit) {
        m_options.audit(event, subject, detail);
    }
}

bool TechnicianAuth::isLockedOut() const {
    return m_lockedUntil.isValid() && now() < m_lockedUntil;
}

qint64 TechnicianAuth::lockedForS() const {
    return isLockedOut() ? std::max<qint64>(1, now().secsTo(m_lockedUntil)) : 0;
}

Result<void, AuthError> TechnicianAuth::enroll(const QString& technicianId, const QString& pin,
                                               Role role, const TechnicianSession* by) {
    if (!m_records.isEmpty()) {
        if (!by || !roleAllows(by->role, Action::ManageTechnicians)) {
            audit(QStringLiteral("maintenance.enroll.denied"), technicianId,
                  by ? by->technicianId : QString());
            return fail(authError(Code::Forbidden,
                                  QStringLiteral("only a supervisor may add technicians")));
        }
    } else if (role != Role::Supervisor) {
        return fail(
            authError(Code::Forbidden, QStringLiteral("the first account must be a supervisor")));
    }
    static const QRegularExpression idRe(QStringLiteral("^[A-Za-z0-9._-]{2,32}$"));
    if (!idRe.match(technicianId).hasMatch()) {
        return fail(authError(Code::InvalidPin,
                              QStringLiteral("technician id: 2-32 letters, digits, . _ -")));
    }
    if (m_records.contains(technicianId)) {
        return fail(authError(Code::Exists, QStringLiteral("technician already enrolled")));
    }
    if (!validPin(pin)) {
        return fail(authError(Code::InvalidPin,
                              QStringLiteral("PIN: 6-12 digits, not all the same, not a run")));
    }
    Record rec;
    rec.role = role;
    rec.kdf = m_options.kdf;
    rec.salt = QByteArray(16, '\0');
    RAND_bytes(reinterpret_cast<unsigned char*>(rec.salt.data()),
               static_cast<int>(rec.salt.size()));
    rec.hash = derivePinHash(pin, rec.salt, rec.kdf);
    if (rec.hash.isEmpty()) {
        return fail(authError(Code::Io, QStringLiteral("scrypt failed")));
    }
    m_records.insert(technicianId, rec);
    if (auto r = save(); !r) {
        m_records.remove(technicianId);
        return r;
    }
    audit(QStringLiteral("maintenance.enroll"), technicianId,
          roleName(role) + (by ? QStringLiteral(" by ") + by->technicianId : QString()));
    return {};
}

Result<TechnicianSession, AuthError> TechnicianAuth::signIn(const QString& technicianId,
                                                            const QString& pin) {
    if (isLockedOut()) {
        AuthError e = authError(Code::LockedOut, QStringLiteral("too many failed sign-ins"));
        e.retryAfterS = lockedForS();
        audit(QStringLiteral("maintenance.signin.locked"), technicianId);
        return fail(e);
    }
    const auto it = m_records.constFind(technicianId);
    bool ok = false;
    if (it != m_records.cend()) {
        ok = equalConstantTime(derivePinHash(pin, it->salt, it->kdf), it->hash);
    } else {
        // Same work for an unknown id, so timing does not reveal which ids exist.
        derivePinHash(pin, QByteArray(16, '\0'), m_options.kdf);
    }
    if (!ok) {
        ++m_failures;
        AuthError e = authError(Code::WrongCredentials, QStringLiteral("wrong id or PIN"));
        if (m_failures >= m_options.maxFailures) {
            m_lockedUntil = now().addSecs(m_options.lockoutS);
            m_failures = 0;
            e = authError(Code::LockedOut, QStringLiteral("too many failed sign-ins"));
            e.retryAfterS = m_options.lockoutS;
            audit(QStringLiteral("maintenance.lockout"), technicianId,
                  QStringLiteral("%1 s").arg(m_options.lockoutS));
        } else {
            e.attemptsLeft = m_options.maxFailures - m_failures;
            audit(QStringLiteral("maintenance.signin.failed"), technicianId,
                  QStringLiteral("%1 left").arg(e.attemptsLeft));
        }
        (void)save();
        return fail(e);
    }
    m_failures = 0;
    m_lockedUntil = {};
    (void)save();
    audit(QStringLiteral("maintenance.signin"), technicianId, roleName(it->role));
    return TechnicianSession{technicianId, it->role, now()};
}

Result<void, AuthError> TechnicianAuth::authorize(const TechnicianSession& session, Action action,
                                                  const QString& detail) {
    if (!roleAllows(session.role, action)) {
        audit(QStringLiteral("maintenance.denied"), session.technicianId, actionName(action));
        return fail(authError(Code::Forbidden,
                              QStringLiteral("%1 needs a supervisor").arg(actionName(action))));
    }
    audit(QStringLiteral("maintenance.") + actionName(action), session.technicianId, detail);
    return {};
}

void TechnicianAuth::auditResult(const TechnicianSession& session, Action action,
                                 const QString& outcome) {
    audit(QStringLiteral("maintenance.") + actionName(action) + QStringLiteral(".result"),
          session.technicianId, outcome);
}

void TechnicianAuth::signOut(const TechnicianSession& session) {
    audit(QStringLiteral("maintenance.signout"), session.technicianId);
}

Result<void, AuthError> TechnicianAuth::load() {
    QFile f(m_options.file);
    if (!f.exists()) {
        return {};
    }
    if (!f.open(QIODevice::ReadOnly)) {
        return fail(authError(Code::Io, m_options.file + QStringLiteral(": ") + f.errorString()));
    }
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    m_failures = o.value(QLatin1String("failures")).toInt();
    m_lockedUntil =
        QDateTime::fromString(o.value(QLatin1String("locked_until")).toString(), Qt::ISODate);
    const QJsonObject techs = o.value(QLatin1String("technicians")).toObject();
    for (auto it = techs.begin(); it != techs.end(); ++it) {
        const QJsonObject t = it.value().toObject();
        Record r;
        r.role = t.value(QLatin1String("role")).toString() == QLatin1String("supervisor")
                     ? Role::Supervisor
                     : Role::Technician;
        r.salt = QByteArray::fromBase64(t.value(QLatin1String("salt")).toString().toLatin1());
        r.hash = QByteArray::fromBase64(t.value(QLatin1String("hash")).toString().toLatin1());
        const QJsonObject k = t.value(QLatin1String("scrypt")).toObject();
        r.kdf.n = static_cast<quint64>(k.value(QLatin1String("n")).toDouble());
        r.kdf.r = static_cast<quint32>(k.value(QLatin1String("r")).toInt());
        r.kdf.p = static_cast<quint32>(k.value(QLatin1String("p")).toInt());
        m_records.insert(it.key(), r);
    }
    return {};
}

Result<void, AuthError> TechnicianAuth::save() {
    QJsonObject techs;
    for (auto it = m_records.cbegin(); it != m_records.cend(); ++it) {
        techs.insert(
            it.key(),
            QJsonObject{{QStringLiteral("role"), roleName(it->role)},
                        {QStringLiteral("salt"), QString::fromLatin1(it->salt.toBase64())},
                        {QStringLiteral("hash"), QString::fromLatin1(it->hash.toBase64())},
                        {QStringLiteral("scrypt"),
                         QJsonObject{{QStringLiteral("n"), static_cast<double>(it->kdf.n)},
                                     {QStringLiteral("r"), static_cast<int>(it->kdf.r)},
                                     {QStringLiteral("p"), static_cast<int>(it->kdf.p)}}}});
    }
    const QJsonObject o{
        {QStringLiteral("technicians"), techs},
        {QStringLiteral("failures"), m_failures},
        {QStringLiteral("locked_until"),
         m_lockedUntil.isValid() ? m_lockedUntil.toString(Qt::ISODate) : QString()}};
    QDir().mkpath(QFileInfo(m_options.file).absolutePath());
    QSaveFile f(m_options.file);
    if (!f.open(QIODevice::WriteOnly)) {
        return fail(authError(Code::Io, m_options.file + QStringLiteral(": ") + f.errorString()));
    }
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    f.write(QJsonDocument(o).toJson(QJsonDocument::Compact));
    if (!f.commit()) {
        return fail(authError(Code::Io, m_options.file + QStringLiteral(": ") + f.errorString()));
    }
    return {};
}

}  // namespace kiosk::maintenance
