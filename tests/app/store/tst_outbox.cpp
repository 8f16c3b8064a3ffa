// Outbox rules without a network: keys, order per session and priority,
// failures, dead letters, maintenance retry, expiry with audit, and purge of
// delivered items.
#include "outbox.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace kiosk::store;

class TestOutbox : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<FileKeyStore> m_keys;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<Outbox> m_outbox;
    qint64 m_now = 1'800'000'000'000;

    QString add(const QString& session, Priority p, qint64 ttlMs = 60000) {
        auto k =
            m_outbox->enqueue({p == Priority::ProofingRecord ? QStringLiteral("proofing_record")
                                                             : QStringLiteral("service_form"),
                               "{}", session, p, ttlMs});
        return k ? *k : QString();
    }

    QStringList dueKeys(int max = 100) {
        QStringList keys;
        const QList<OutboxItem> items = m_outbox->due(max).value();
        for (const auto& item : items) {
            keys << item.key;
        }
        return keys;
    }

    qint64 auditCount(const char* event) {
        auto s = m_store->db().prepare("SELECT count(*) FROM audit WHERE event = ?;");
        s->bind(1, QString::fromLatin1(event));
        (void)s->step();
        return s->int64(0);
    }

private slots:
    void init() {
        QVERIFY(m_dir.isValid());
        QDir(m_dir.path()).removeRecursively();
        QDir().mkpath(m_dir.path());
        m_keys = std::make_unique<FileKeyStore>(FileKeyStore::defaultPath(m_dir.path()));
        Store::Options o;
        o.dataDir = m_dir.path();
        o.keyStore = m_keys.get();
        o.clock = [this] { return m_now; };
        auto s = Store::open(o);
        QVERIFY2(s, s ? "" : qPrintable(s.error().message));
        m_store = std::move(*s);
        m_outbox = std::make_unique<Outbox>(*m_store);
    }

    void cleanup() {
        m_outbox.reset();
        m_store.reset();
    }

    void enqueue_item_uuidV4KeyAndFields() {
        const QString key = add(QStringLiteral("s"), Priority::ServiceForm, 5000);
        QVERIFY(QRegularExpression(
                    QStringLiteral(
                        "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"))
                    .match(key)
                    .hasMatch());
        const OutboxItem item = m_outbox->list(true)->first();
        QCOMPARE(item.key, key);
        QCOMPARE(item.createdAt, m_now);
        QCOMPARE(item.expiresAt, m_now + 5000);
        QCOMPARE(item.nextAttemptAt, m_now);
        QCOMPARE(item.attempts, 0);
        QCOMPARE(item.status, ItemStatus::Pending);
        QCOMPARE(item.payload, QByteArray("{}"));
        QVERIFY(!item.toJson().contains(QLatin1String("payload")));
        QVERIFY(!item.toJson().contains(QLatin1String("session_id")));
    }

    void enqueue_invalid_rejected() {
        auto r = m_outbox->enqueue({QString(), "{}", QStringLiteral("s"), Priority::Other, 1000});
        QVERIFY(!r);
        QCOMPARE(r.error().code, StoreError::Code::InvalidArgument);
        auto big = m_outbox->enqueue({QStringLiteral("t"), QByteArray(2 * 1024 * 1024, 'x'),
                                      QStringLiteral("s"), Priority::Other, 1000});
        QVERIFY(!big);
    }

    void due_sessionsAndPriorities_headsInPriorityOrder() {
        const QString a1 = add(QStringLiteral("A"), Priority::ServiceForm);
        m_now += 1;
        const QString b1 = add(QStringLiteral("B"), Priority::ServiceForm);
        m_now += 1;
        const QString a2 = add(QStringLiteral("A"), Priority::ServiceForm);
        m_now += 1;
        const QString bProof = add(QStringLiteral("B"), Priority::ProofingRecord);
        // One head per session: A's first form, B's proofing record (first by
        // priority although enqueued last); proofing before forms overall.
        QCOMPARE(dueKeys(), (QStringList{bProof, a1}));
        QVERIFY(m_outbox->markDelivered({m_outbox->due(1)->first().id}));
        QCOMPARE(dueKeys(), (QStringList{a1, b1}));
        Q_UNUSED(a2);
    }

    void markFailed_retry_holdsSessionUntilDue() {
        const QString a1 = add(QStringLiteral("A"), Priority::ServiceForm);
        const QString a2 = add(QStringLiteral("A"), Priority::ServiceForm);
        const qint64 id = m_outbox->due(1)->first().id;
        QCOMPARE(
            m_outbox
                ->markFailed(id, FailureKind::Retry, QStringLiteral("http 503"), m_now + 1000, 5)
                .value(),
            ItemStatus::Pending);
        QCOMPARE(dueKeys(), QStringList{});  // a2 waits behind a1
        QCOMPARE(m_outbox->nextWakeAt().value(), std::optional<qint64>(m_now + 1000));
        m_now += 1000;
        QCOMPARE(dueKeys(), QStringList{a1});
        QCOMPARE(m_outbox->list()->first().attempts, 1);
        QCOMPARE(m_outbox->list()->first().lastError, QStringLiteral("http 503"));
        Q_UNUSED(a2);
    }

    void markFailed_maxAttempts_deadLetterAuditedAndCounted() {
        add(QStringLiteral("A"), Priority::ServiceForm);
        const qint64 id = m_outbox->due(1)->first().id;
        QCOMPARE(m_outbox->markFailed(id, FailureKind::Retry, QStringLiteral("timeout"), m_now, 2)
                     .value(),
                 ItemStatus::Pending);
        QCOMPARE(m_outbox->markFailed(id, FailureKind::Retry, QStringLiteral("timeout"), m_now, 2)
                     .value(),
                 ItemStatus::DeadLetter);
        QCOMPARE(dueKeys(), QStringList{});
        const OutboxStats s = m_outbox->stats().value();
        QCOMPARE(s.deadLetter, 1);
        QCOMPARE(s.deadLetterTotal, 1);
        QCOMPARE(auditCount("outbox.dead_letter"), 1);
    }

    void markFailed_rejected_deadLetterAtOnce() {
        add(QStringLiteral("A"), Priority::ServiceForm);
        const qint64 id = m_outbox->due(1)->first().id;
        QCOMPARE(
            m_outbox->markFailed(id, FailureKind::Rejected, QStringLiteral("http 422"), m_now, 10)
                .value(),
            ItemStatus::DeadLetter);
    }

    void retry_deadLetterByIdOrKey_pendingAndDueNowAudited() {
        const QString key = add(QStringLiteral("A"), Priority::ServiceForm);
        const qint64 id = m_outbox->due(1)->first().id;
        (void)m_outbox->markFailed(id, FailureKind::Rejected, QStringLiteral("http 400"),
                                   m_now + 99999, 10);
        auto byKey = m_outbox->retry(key);
        QVERIFY(byKey);
        QCOMPARE(byKey->status, ItemStatus::Pending);
        QCOMPARE(dueKeys(), QStringList{key});
        QVERIFY(m_outbox->retry(QString::number(id)));
        QCOMPARE(auditCount("outbox.retry"), 2);
        auto missing = m_outbox->retry(QStringLiteral("nope"));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, StoreError::Code::NotFound);
    }

    void purgeExpired_pastTtl_deletedWithAuditEntry() {
        add(QStringLiteral("A"), Priority::ServiceForm, 1000);
        const QString keep = add(QStringLiteral("B"), Priority::ServiceForm, 5000);
        m_now += 1000;
        QCOMPARE(dueKeys(), QStringList{keep});  // never sent once expired
        QCOMPARE(m_outbox->purgeExpired().value(), 1);
        QCOMPARE(m_outbox->list()->size(), 1);
        QCOMPARE(m_outbox->stats()->expiredTotal, 1);
        QCOMPARE(auditCount("outbox.expired"), 1);
        QCOMPARE(m_outbox->purgeExpired().value(), 0);
    }

    void markDelivered_twice_secondIsHarmless() {
        add(QStringLiteral("A"), Priority::ServiceForm);
        const qint64 id = m_outbox->due(1)->first().id;
        QVERIFY(m_outbox->markDelivered({id}));
        QVERIFY(m_outbox->markDelivered({id}));  // a duplicate acknowledgement
        QCOMPARE(m_outbox->stats()->deliveredTotal, 1);
        QCOMPARE(m_outbox->list()->size(), 0);
        QCOMPARE(m_outbox->nextWakeAt().value(), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestOutbox)
#include "tst_outbox.moc"
