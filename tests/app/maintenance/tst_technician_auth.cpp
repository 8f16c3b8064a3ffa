// Technician sign-in: scrypt-hashed PINs, lockout after 5 failures (kept
// across restarts), roles, and audit entries in the kiosk's store.
#include "key_store.h"
#include "store.h"
#include "technician_auth.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace kiosk;
using namespace kiosk::maintenance;

class TstTechnicianAuth : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<store::FileKeyStore> m_keys;
    std::unique_ptr<store::Store> m_store;
    QDateTime m_now;

    TechnicianAuth::Options options() {
        TechnicianAuth::Options o;
        o.file = TechnicianAuth::defaultFile(m_dir->path());
        o.kdf = KdfParams{1u << 10, 8, 1};  // fast in tests; the kiosk uses 2^15
        o.clock = [this] { return m_now; };
        o.audit = [this](const QString& e, const QString& s, const QString& d) {
            QVERIFY(m_store->audit(e, s, d));
        };
        return o;
    }

    TechnicianAuth openWithStaff() {
        auto auth = TechnicianAuth::open(options());
        if (!auth) {
            qFatal("open failed");
        }
        QVERIFY_RESULT(
            auth->enroll(QStringLiteral("sup"), QStringLiteral("482915"), Role::Supervisor));
        auto sup = auth->signIn(QStringLiteral("sup"), QStringLiteral("482915"));
        QVERIFY_RESULT(auth->enroll(QStringLiteral("tech"), QStringLiteral("730264"),
                                    Role::Technician, &*sup));
        return std::move(*auth);
    }

    static void QVERIFY_RESULT(const Result<void, AuthError>& r) {
        if (!r) {
            qFatal("%s", qPrintable(r.error().message));
        }
    }

    QStringList auditEvents() {
        QStringList out;
        auto stmt = m_store->db().prepare("SELECT event, subject FROM audit ORDER BY rowid;");
        while (stmt && *stmt->step()) {
            out << stmt->text(0) + QLatin1Char(' ') + stmt->text(1);
        }
        return out;
    }

private slots:
    void init() {
        m_dir = std::make_unique<QTemporaryDir>();
        m_keys =
            std::make_unique<store::FileKeyStore>(store::FileKeyStore::defaultPath(m_dir->path()));
        store::Store::Options so;
        so.dataDir = m_dir->path();
        so.keyStore = m_keys.get();
        auto s = store::Store::open(so);
        QVERIFY(s);
        m_store = std::move(*s);
        m_now = QDateTime(QDate(2026, 11, 23), QTime(9, 0), Qt::UTC);
    }

    void signIn_rightPin_sessionWithRoleAndAudited() {
        auto auth = openWithStaff();
        auto s = auth.signIn(QStringLiteral("tech"), QStringLiteral("730264"));
        QVERIFY(s);
        QCOMPARE(s->role, Role::Technician);
        QVERIFY(auditEvents().contains(QStringLiteral("maintenance.signin tech")));
    }

    void file_storesNoPin_onlySaltedHash() {
        auto auth = openWithStaff();
        QFile f(TechnicianAuth::defaultFile(m_dir->path()));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray content = f.readAll();
        QVERIFY(!content.contains("730264"));
        QVERIFY(content.contains("scrypt"));
        QCOMPARE(f.permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
    }

    void derivePinHash_sameSaltSamePin_equalDifferentSaltDiffers() {
        const KdfParams k{1u << 10, 8, 1};
        const QByteArray a = derivePinHash(QStringLiteral("730264"), "saltsaltsaltsalt", k);
        QCOMPARE(a.size(), 32);
        QCOMPARE(derivePinHash(QStringLiteral("730264"), "saltsaltsaltsalt", k), a);
        QVERIFY(derivePinHash(QStringLiteral("730264"), "othersaltothersa", k) != a);
        QVERIFY(derivePinHash(QStringLiteral("730265"), "saltsaltsaltsalt", k) != a);
    }

    void signIn_wrongPin_countsDownAttempts() {
        auto auth = openWithStaff();
        for (int left = 4; left >= 1; --left) {
            auto s = auth.signIn(QStringLiteral("tech"), QStringLiteral("000001"));
            QCOMPARE(s.error().code, AuthError::Code::WrongCredentials);
            QCOMPARE(s.error().attemptsLeft, left);
        }
        QVERIFY(auditEvents().contains(QStringLiteral("maintenance.signin.failed tech")));
    }

    void signIn_fiveFailures_lockedOutEvenWithRightPin() {
        auto auth = openWithStaff();
        for (int i = 0; i < 4; ++i) {
            QVERIFY(!auth.signIn(QStringLiteral("tech"), QStringLiteral("000001")));
        }
        auto fifth = auth.signIn(QStringLiteral("nobody"), QStringLiteral("000001"));
        QCOMPARE(fifth.error().code, AuthError::Code::LockedOut);
        QCOMPARE(fifth.error().retryAfterS, 15 * 60);
        auto right = auth.signIn(QStringLiteral("tech"), QStringLiteral("730264"));
        QCOMPARE(right.error().code, AuthError::Code::LockedOut);
        QVERIFY(auditEvents().contains(QStringLiteral("maintenance.lockout nobody")));
        QVERIFY(auditEvents().contains(QStringLiteral("maintenance.signin.locked tech")));
    }

    void lockout_survivesRestart_endsAfterPeriod() {
        {
            auto auth = openWithStaff();
            for (int i = 0; i < 5; ++i) {
                QVERIFY(!auth.signIn(QStringLiteral("tech"), QStringLiteral("000001")));
            }
        }
        auto again = TechnicianAuth::open(options());
        QVERIFY(again);
        QVERIFY(again->isLockedOut());
        QCOMPARE(again->signIn(QStringLiteral("tech"), QStringLiteral("730264")).error().code,
                 AuthError::Code::LockedOut);
        m_now = m_now.addSecs(15 * 60 + 1);
        QVERIFY(again->signIn(QStringLiteral("tech"), QStringLiteral("730264")));
    }

    void signIn_successResetsFailures() {
        auto auth = openWithStaff();
        for (int i = 0; i < 4; ++i) {
            QVERIFY(!auth.signIn(QStringLiteral("tech"), QStringLiteral("000001")));
        }
        QVERIFY(auth.signIn(QStringLiteral("tech"), QStringLiteral("730264")));
        QCOMPARE(auth.consecutiveFailures(), 0);
        QCOMPARE(auth.signIn(QStringLiteral("tech"), QStringLiteral("000001")).error().attemptsLeft,
                 4);
    }

    void authorize_technicianSupervisorAction_forbiddenAndAudited() {
        auto auth = openWithStaff();
        auto tech = auth.signIn(QStringLiteral("tech"), QStringLiteral("730264"));
        QVERIFY(auth.authorize(*tech, Action::RetryOutbox));
        QCOMPARE(auth.authorize(*tech, Action::PurgeOutbox).error().code,
                 AuthError::Code::Forbidden);
        auto sup = auth.signIn(QStringLiteral("sup"), QStringLiteral("482915"));
        QVERIFY(auth.authorize(*sup, Action::PurgeOutbox, QStringLiteral("3 items")));
        const QStringList events = auditEvents();
        QVERIFY(events.contains(QStringLiteral("maintenance.outbox-retry tech")));
        QVERIFY(events.contains(QStringLiteral("maintenance.denied tech")));
        QVERIFY(events.contains(QStringLiteral("maintenance.outbox-purge sup")));
    }

    void enroll_byTechnician_forbidden() {
        auto auth = openWithStaff();
        auto tech = auth.signIn(QStringLiteral("tech"), QStringLiteral("730264"));
        QCOMPARE(
            auth.enroll(QStringLiteral("new"), QStringLiteral("591837"), Role::Technician, &*tech)
                .error()
                .code,
            AuthError::Code::Forbidden);
    }

    void enroll_weakPin_rejected() {
        auto auth = TechnicianAuth::open(options());
        for (const char* pin : {"12345", "111111", "123456", "12ab56", "1234567890123"}) {
            QCOMPARE(auth->enroll(QStringLiteral("sup"), QString::fromLatin1(pin), Role::Supervisor)
                         .error()
                         .code,
                     AuthError::Code::InvalidPin);
        }
        QCOMPARE(auth->technicianCount(), 0);
    }

    void enroll_firstAccountTechnician_forbidden() {
        auto auth = TechnicianAuth::open(options());
        QCOMPARE(auth->enroll(QStringLiteral("tech"), QStringLiteral("730264"), Role::Technician)
                     .error()
                     .code,
                 AuthError::Code::Forbidden);
    }

    void roleAllows_table() {
        QVERIFY(roleAllows(Role::Technician, Action::Restart));
        QVERIFY(roleAllows(Role::Technician, Action::RunSelfTest));
        QVERIFY(roleAllows(Role::Technician, Action::ViewConfig));
        QVERIFY(!roleAllows(Role::Technician, Action::ManageTechnicians));
        QVERIFY(roleAllows(Role::Supervisor, Action::ManageTechnicians));
    }
};

QTEST_GUILESS_MAIN(TstTechnicianAuth)
#include "tst_technician_auth.moc"
