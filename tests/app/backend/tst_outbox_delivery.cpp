// The outbox delivered to a real portal-sim over mutual TLS, with the
// backend down, slow, failing, resetting connections, acknowledging twice,
// rejecting, and asking to retry later: every item takes effect once.
#include "https_outbox_transport.h"
#include "outbox.h"
#include "portal_client.h"
#include "sim_rig.h"
#include "sync_worker.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

using namespace kiosk;
using namespace kiosk::store;

class TestOutboxDelivery : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<sim::SimRig> m_rig;
    backend::BackendSettings m_settings;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FileKeyStore> m_keys;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<Outbox> m_outbox;

    static SyncPolicy fastPolicy() {
        SyncPolicy p;
        p.baseDelayMs = 50;
        p.maxDelayMs = 400;
        p.maxAttempts = 20;
        p.idleCheckMs = 200;
        return p;
    }

    static std::unique_ptr<backend::HttpsOutboxTransport> transport(
        const backend::BackendSettings& s) {
        auto t = backend::HttpsOutboxTransport::create(s, QStringLiteral("KIOSK-TEST"));
        if (!t) {
            qWarning("transport: %s", qPrintable(t.error().message));
            return nullptr;
        }
        return std::move(*t);
    }

    QStringList enqueue(int n, const QString& session = QStringLiteral("s1"),
                        Priority priority = Priority::ServiceForm) {
        QStringList keys;
        for (int i = 0; i < n; ++i) {
            const QByteArray payload = QStringLiteral("{\"n\":%1,\"nonce\":\"%2\"}")
                                           .arg(i)
                                           .arg(QUuid::createUuid().toString(QUuid::WithoutBraces))
                                           .toUtf8();
            auto k = m_outbox->enqueue(
                {QStringLiteral("service_form"), payload, session, priority, 3600 * 1000});
            if (!k) {
                qWarning("enqueue: %s", qPrintable(k.error().message));
                return {};
            }
            keys << *k;
        }
        return keys;
    }

    OutboxStats stats() { return m_outbox->stats().value_or(OutboxStats{}); }

    using AppliedSnapshot = test::AppliedSnapshot;

    AppliedSnapshot applied() {
        auto r = test::fetchApplied(m_settings);
        if (std::holds_alternative<QString>(r)) {
            qWarning("%s", qPrintable(std::get<QString>(r)));
            return {};
        }
        return std::get<AppliedSnapshot>(r);
    }

    // Every key applied exactly once (delivered possibly more often).
    static bool appliedOnce(const AppliedSnapshot& s, const QStringList& keys, QString* why) {
        for (const QString& k : keys) {
            if (!s.deliveries.contains(k)) {
                *why = QStringLiteral("key %1 never applied").arg(k);
                return false;
            }
        }
        if (s.totalApplied != keys.size() || s.duplicatePayloads != 0) {
            *why = QStringLiteral("applied %1 items for %2 keys, %3 payloads twice")
                       .arg(s.totalApplied)
                       .arg(keys.size())
                       .arg(s.duplicatePayloads);
            return false;
        }
        return true;
    }

    bool drained(SyncWorker& worker) {
        const OutboxStats s = stats();
        return s.pending == 0 && s.deadLetter == 0 && worker.inFlight() == 0;
    }

private slots:
    void initTestCase() {
        sim::SimRig::Options options;
        options.pcscd = false;
        options.mosquitto = false;
        auto rig = sim::SimRig::start(options);
        if (!rig) {
            QFAIL(qPrintable(QStringLiteral("portal-sim did not start: ") + rig.error().message));
        }
        m_rig = std::move(*rig);
        const auto& pki = m_rig->portal()->pki();
        m_settings = {QUrl(m_rig->portal()->baseUrl()), pki.caCert, pki.clientCert, pki.clientKey,
                      3000};
    }

    void init() {
        QVERIFY(test::resetPortal(m_settings));
        m_dir = std::make_unique<QTemporaryDir>();
        m_keys = std::make_unique<FileKeyStore>(FileKeyStore::defaultPath(m_dir->path()));
        auto s = Store::open({.dataDir = m_dir->path(), .keyStore = m_keys.get()});
        QVERIFY2(s, s ? "" : qPrintable(s.error().message));
        m_store = std::move(*s);
        m_outbox = std::make_unique<Outbox>(*m_store);
    }

    void cleanup() {
        m_outbox.reset();
        m_store.reset();
        m_keys.reset();
        m_dir.reset();
    }

    void deliver_backendUp_eachAppliedOnceInSessionOrderAndPurged() {
        QStringList keys = enqueue(5, QStringLiteral("a"));
        keys += enqueue(5, QStringLiteral("b"));
        // Enqueued last, but a proofing record goes before its session's forms.
        const QStringList proofing = enqueue(1, QStringLiteral("b"), Priority::ProofingRecord);
        keys += proofing;
        auto t = transport(m_settings);
        QVERIFY(t);
        SyncWorker worker(*m_outbox, *t, fastPolicy());
        worker.start();
        QTRY_VERIFY_WITH_TIMEOUT(drained(worker), 15000);
        const AppliedSnapshot s = applied();
        QString why;
        QVERIFY2(appliedOnce(s, keys, &why), qPrintable(why));
        QCOMPARE(s.totalDeliveries, keys.size());
        // Applied order: within session a, a's order; within b, proofing first.
        QStringList order;
        for (const auto& v : s.raw.value(QLatin1String("items")).toArray()) {
            order << v.toObject().value(QLatin1String("key")).toString();
        }
        for (int i = 1; i < 5; ++i) {
            QVERIFY(order.indexOf(keys[i - 1]) < order.indexOf(keys[i]));
            QVERIFY(order.indexOf(keys[5 + i - 1]) < order.indexOf(keys[5 + i]));
        }
        QVERIFY(order.indexOf(proofing.first()) < order.indexOf(keys[5]));
        QCOMPARE(stats().deliveredTotal, keys.size());
        QCOMPARE(m_outbox->list()->size(), 0);  // delivered items are purged
    }

    void deliver_backendDown_keepsItemsAndDeliversWhenBack() {
        const QStringList keys = enqueue(3);
        quint16 closedPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            closedPort = probe.serverPort();
        }
        backend::BackendSettings down = m_settings;
        down.portalUrl = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(closedPort));
        {
            auto t = transport(down);
            QVERIFY(t);
            SyncWorker worker(*m_outbox, *t, fastPolicy());
            QSignalSpy retries(&worker, &SyncWorker::retryScheduled);
            worker.start();
            QTRY_VERIFY_WITH_TIMEOUT(retries.count() >= 2, 5000);
            worker.stop();
            QTRY_COMPARE_WITH_TIMEOUT(worker.inFlight(), 0, 5000);
        }
        const auto items = m_outbox->list().value();
        QCOMPARE(items.size(), 3);
        QVERIFY(items.first().attempts >= 1);
        QVERIFY2(items.first().lastError.startsWith(QLatin1String("network")),
                 qPrintable(items.first().lastError));
        QCOMPARE(applied().totalApplied, 0);

        // Back up: a fresh worker (as after a restart) delivers everything once.
        for (const auto& item : items) {
            QVERIFY(m_outbox->retry(item.key));  // no waiting for the backoff
        }
        auto t = transport(m_settings);
        SyncWorker worker(*m_outbox, *t, fastPolicy());
        worker.start();
        QTRY_VERIFY_WITH_TIMEOUT(drained(worker), 15000);
        QString why;
        QVERIFY2(appliedOnce(applied(), keys, &why), qPrintable(why));
    }

    void deliver_serverErrors_retriedUntilAccepted() {
        QVERIFY(test::setFaults(m_settings, {{QStringLiteral("mode"), QStringLiteral("status")},
                                             {QStringLiteral("status"), 503},
                                             {QStringLiteral("count"), 3}}));
        const QStringList keys = enqueue(1);
        auto t = transport(m_settings);
        SyncWorker worker(*m_outbox, *t, fastPolicy());
        QSignalSpy retries(&worker, &SyncWorker::retryScheduled);
        worker.start();
        QTRY_VERIFY_WITH_TIMEOUT(drained(worker), 15000);
        QCOMPARE(retries.count(), 3);
        QCOMPARE(retries.first().at(3).toString(), QStringLiteral("http 503"));
        const AppliedSnapshot s = applied();
        QString why;
        QVERIFY2(appliedOnce(s, keys, &why), qPrintable(why));
        QCOMPARE(s.raw.value(QLatin1String("attempts")).toArray().size(), 4);
    }

    void deliver_retryAfter_nextAttemptNotBeforeIt() {
        QVERIFY(test::setFaults(m_settings, {{QStringLiteral("mode"), QStringLiteral("status")},
                                             {QStringLiteral("status"), 429},
                                             {QStringLiteral("retry_after_s"), 1},
                                             {QStringLiteral("count"), 1}}));
        const QStringList keys = enqueue(1);
        auto t = transport(m_settings);
        SyncWorker worker(*m_outbox, *t, fastPolicy());
        worker.start();
        QTRY_VERIFY_WITH_TIMEOUT(drained(worker), 15000);
        const QJsonArray attempts = applied().raw.value(QLatin1String("attempts")).toArray();
        QCOMPARE(attempts.size(), 2);
        QCOMPARE(attempts[0].toObject().value(QLatin1String("status")).toInt(), 429);
        const qint64 gap = attempts[1].toObject().value(QLatin1String("at_ms")).toInteger() -
                           attempts[0].toObject().value(QLatin1String("at_ms")).toInteger();
        // The policy's own backoff would retry after 25-50 ms.
        QVERIFY2(gap >= 1000, qPrintable(QStringLiteral("retried after %1 ms").arg(gap)));
    }

    void deliver_slowBackend_timeoutRetriedAndAppliedOnce() {
        QVERIFY(test::setFaults(m_settings, {{QStringLiteral("mode"), QStringLiteral("slow")},
                                             {QStringLiteral("delay_ms"), 1500},
                                             {QStringLiteral("count"), 1}}));
        const QStringList keys = enqueue(2);
        backend::BackendSettings impatient = m_settings;
        impatient.timeoutMs = 500;
        auto t = transport(impatient);
        SyncWorker worker(*m_outbox, *t, fastPolicy());
        QSignalSpy retries(&worker, &SyncWorker::retryScheduled);
        worker.start();
        QTRY_VERIFY_WITH_TIMEOUT(drained(worker), 15000);
        QCOMPARE(retries.count(), 1);
        QCOMPARE(retries.first().at(3).toString(), QStringLiteral("timeout"));
        const AppliedSnapshot s = applied();
        QString why;
        QVERIFY2(appliedOnce(s, keys, &why), qPrintable(why));
        QCOMPARE(s.deliveries.value(keys.first()),
                 2);  // applied on the slow try, acknowledged on the next
    }

    void deliver_connectionResetMidResponse_appliedOnce() {
        // QNetworkAccessManager itself resends a request up to twice when the
        // connection drops before a response; four resets get past that to
        // the worker's own retry.
        QVERIFY(test::setFaults(m_settings, {{QStringLiteral("mode"), QStringLiteral("reset")},
                                             {QStringLiteral("count"), 4}}));
        const QStringList keys = enqueue(1);
        auto t = transport(m_settings);
        SyncWorker worker(*m_outbox, *t, fastPolicy());
        QSignalSpy retries(&worker, &SyncWorker::retryScheduled);
        worker.start();
        QTRY_VERIFY_WITH_TIMEOUT(drained(worker), 15000);
        QVERIFY(retries.count() >= 1);
        QVERIFY2(retries.first().at(3).toString().startsWith(QLatin1String("network")),
                 qPrintable(retries.first().at(3).toString()));
        const AppliedSnapshot s = applied();
        QString why;
        QVERIFY2(appliedOnce(s, keys, &why), qPrintable(why));
        QCOMPARE(s.deliveries.value(keys.first()),
                 5);  // applied on the first, acknowledged on the fifth
    }

    void deliver_duplicateAcknowledgements_eachItemOnce() {
        QVERIFY(
            test::setFaults(m_settings, {{QStringLiteral("mode"), QStringLiteral("duplicate_ack")},
                                         {QStringLiteral("count"), -1}}));
        QStringList keys = enqueue(5, QStringLiteral("a"));
        keys += enqueue(5, QStringLiteral("b"));
        auto t = transport(m_settings);
        SyncWorker worker(*m_outbox, *t, fastPolicy());
        QSignalSpy delivered(&worker, &SyncWorker::delivered);
        worker.start();
        QTRY_VERIFY_WITH_TIMEOUT(drained(worker), 15000);
        QCOMPARE(delivered.count(), keys.size());
        QString why;
        QVERIFY2(appliedOnce(applied(), keys, &why), qPrintable(why));
        QCOMPARE(stats().deliveredTotal, keys.size());
    }

    void deliver_rejectedItem_deadLetterUntilMaintenanceRetries() {
        QVERIFY(test::setFaults(m_settings, {{QStringLiteral("mode"), QStringLiteral("status")},
                                             {QStringLiteral("status"), 422},
                                             {QStringLiteral("count"), 1}}));
        const QStringList keys = enqueue(1, QStringLiteral("a"));
        const QStringList later = enqueue(1, QStringLiteral("a"));
        auto t = transport(m_settings);
        SyncWorker worker(*m_outbox, *t, fastPolicy());
        QSignalSpy dead(&worker, &SyncWorker::deadLettered);
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(dead.count(), 1, 5000);
        QTest::qWait(500);
        // The dead letter holds back its session: the later item waits.
        QCOMPARE(stats().deadLetter, 1);
        QCOMPARE(stats().pending, 1);
        QCOMPARE(applied().totalApplied, 0);
        QCOMPARE(m_outbox->list()->first().lastError, QStringLiteral("http 422"));

        QVERIFY(m_outbox->retry(keys.first()));
        worker.wake();
        QTRY_VERIFY_WITH_TIMEOUT(drained(worker), 15000);
        QString why;
        QVERIFY2(appliedOnce(applied(), keys + later, &why), qPrintable(why));
    }

    void deliver_failsEveryTime_deadLetterAfterMaxAttemptsAndAudited() {
        QVERIFY(test::setFaults(m_settings, {{QStringLiteral("mode"), QStringLiteral("down")},
                                             {QStringLiteral("count"), -1}}));
        const QStringList keys = enqueue(1);
        auto t = transport(m_settings);
        SyncPolicy policy = fastPolicy();
        policy.maxAttempts = 3;
        SyncWorker worker(*m_outbox, *t, policy);
        QSignalSpy dead(&worker, &SyncWorker::deadLettered);
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(dead.count(), 1, 10000);
        const auto items = m_outbox->list().value();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.first().status, ItemStatus::DeadLetter);
        QCOMPARE(items.first().attempts, 3);
        QCOMPARE(stats().deadLetterTotal, 1);
        auto audit = m_store->db().prepare(
            "SELECT count(*) FROM audit WHERE event = 'outbox.dead_letter' AND subject = ?;");
        audit->bind(1, keys.first());
        QVERIFY(audit->step().value());
        QCOMPARE(audit->int64(0), 1);
    }

    void deliver_batchesAcrossSessionsWithFaults_eachAppliedOnce() {
        // 24 sessions: the worker sends their heads in batches (one request,
        // many items); the first batch fails with a 503, the next is reset.
        QVERIFY(test::setFaults(m_settings, {{QStringLiteral("mode"), QStringLiteral("status")},
                                             {QStringLiteral("status"), 503},
                                             {QStringLiteral("count"), 1}}));
        QStringList keys;
        for (int i = 0; i < 24; ++i) {
            keys += enqueue(2, QStringLiteral("session-%1").arg(i));
        }
        auto t = transport(m_settings);
        t->setMaxBatch(8);
        SyncWorker worker(*m_outbox, *t, fastPolicy());
        QSignalSpy retries(&worker, &SyncWorker::retryScheduled);
        worker.start();
        QTRY_VERIFY_WITH_TIMEOUT(retries.count() >= 8, 5000);
        QVERIFY(test::setFaults(m_settings, {{QStringLiteral("mode"), QStringLiteral("reset")},
                                             {QStringLiteral("count"), 1}}));
        QTRY_VERIFY_WITH_TIMEOUT(drained(worker), 15000);
        const AppliedSnapshot s = applied();
        QString why;
        QVERIFY2(appliedOnce(s, keys, &why), qPrintable(why));
        QVERIFY(s.totalDeliveries >= keys.size());
        QCOMPARE(stats().deliveredTotal, keys.size());
    }

    void deliver_offline_waitsForNetwork() {
        const QStringList keys = enqueue(2);
        auto t = transport(m_settings);
        SyncWorker worker(*m_outbox, *t, fastPolicy());
        worker.setOnline(false);
        worker.start();
        QTest::qWait(500);
        QCOMPARE(applied().totalDeliveries, 0);
        QCOMPARE(stats().pending, 2);
        worker.setOnline(true);
        QTRY_VERIFY_WITH_TIMEOUT(drained(worker), 15000);
        QString why;
        QVERIFY2(appliedOnce(applied(), keys, &why), qPrintable(why));
    }
};

QTEST_GUILESS_MAIN(TestOutboxDelivery)
#include "tst_outbox_delivery.moc"
