// SyncWorker against a scripted transport: backoff, Retry-After, dead
// letters, offline pause, one flight per session, repeated callbacks.
#include "sync_worker.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>
#include <deque>

using namespace kiosk::store;

namespace {

// Answers each delivery after `delayMs` with the next scripted outcome
// (Accepted once the script runs out); records what it saw.
class ScriptedTransport : public OutboxTransport {
public:
    std::deque<DeliveryOutcome> script;
    QStringList seen;
    QList<qint64> seenAtMs;
    int delayMs = 5;
    int maxConcurrent = 0;
    bool callTwice = false;

    void deliver(const Delivery& d, Done done) override {
        seen << d.idempotencyKey;
        seenAtMs << m_clock.elapsed();
        ++m_active;
        maxConcurrent = std::max(maxConcurrent, m_active);
        DeliveryOutcome o = DeliveryOutcome::accepted(201);
        if (!script.empty()) {
            o = script.front();
            script.pop_front();
        }
        QTimer::singleShot(delayMs, [this, o, done] {
            --m_active;
            done(o);
            if (callTwice) {
                done(o);
            }
        });
    }
    ScriptedTransport() { m_clock.start(); }

private:
    QElapsedTimer m_clock;
    int m_active = 0;
};

DeliveryOutcome retry(const QString& reason, std::optional<qint64> after = {}) {
    return {DeliveryOutcome::Kind::RetryLater, 503, after, reason};
}

}  // namespace

class TestSyncWorker : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FileKeyStore> m_keys;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<Outbox> m_outbox;

    static SyncPolicy policy() {
        SyncPolicy p;
        p.baseDelayMs = 40;
        p.maxDelayMs = 200;
        p.maxAttempts = 5;
        p.idleCheckMs = 100;
        return p;
    }

    QString add(const QString& session) {
        return m_outbox
            ->enqueue({QStringLiteral("service_form"), "{}", session, Priority::ServiceForm, 60000})
            .value_or(QString());
    }

    bool empty() { return m_outbox->list()->isEmpty(); }

private slots:
    void init() {
        m_dir = std::make_unique<QTemporaryDir>();
        m_keys = std::make_unique<FileKeyStore>(FileKeyStore::defaultPath(m_dir->path()));
        auto s = Store::open({.dataDir = m_dir->path(), .keyStore = m_keys.get()});
        QVERIFY(s);
        m_store = std::move(*s);
        m_outbox = std::make_unique<Outbox>(*m_store);
    }

    void cleanup() {
        m_outbox.reset();
        m_store.reset();
        m_dir.reset();
    }

    void backoffDelayMs_growsWithJitterAndCap() {
        SyncPolicy p;
        p.baseDelayMs = 1000;
        p.maxDelayMs = 8000;
        QCOMPARE(backoffDelayMs(p, 1, 0.0), 500);
        QCOMPARE(backoffDelayMs(p, 1, 0.999), 999);
        QCOMPARE(backoffDelayMs(p, 3, 0.0), 2000);
        QCOMPARE(backoffDelayMs(p, 10, 0.0), 4000);  // capped at 8000, half fixed
        QVERIFY(backoffDelayMs(p, 50, 0.999) < 8000);
    }

    void start_items_allDeliveredAndDeleted() {
        ScriptedTransport t;
        for (int i = 0; i < 20; ++i) {
            add(QStringLiteral("s%1").arg(i % 5));
        }
        SyncWorker worker(*m_outbox, t, policy());
        QSignalSpy delivered(&worker, &SyncWorker::delivered);
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(delivered.count(), 20, 5000);
        QTRY_VERIFY(empty());
        QCOMPARE(t.seen.size(), 20);
        QVERIFY(t.maxConcurrent <= 5);  // one flight per session
        QVERIFY(t.maxConcurrent >= 2);
    }

    void retryLater_backsOffThenDelivers() {
        ScriptedTransport t;
        t.script = {retry(QStringLiteral("http 503")), retry(QStringLiteral("http 503"))};
        const QString key = add(QStringLiteral("s"));
        SyncWorker worker(*m_outbox, t, policy());
        QSignalSpy retries(&worker, &SyncWorker::retryScheduled);
        worker.start();
        QTRY_VERIFY_WITH_TIMEOUT(empty(), 5000);
        QCOMPARE(retries.count(), 2);
        QCOMPARE(t.seen, (QStringList{key, key, key}));  // same key every time
        const qint64 firstGap = t.seenAtMs[1] - t.seenAtMs[0];
        const qint64 secondGap = t.seenAtMs[2] - t.seenAtMs[1];
        QVERIFY2(firstGap >= 20, qPrintable(QString::number(firstGap)));
        QVERIFY2(secondGap >= 40, qPrintable(QString::number(secondGap)));
    }

    void retryAfter_waitsAtLeastThatLong() {
        ScriptedTransport t;
        t.script = {retry(QStringLiteral("http 429"), 600)};
        add(QStringLiteral("s"));
        SyncWorker worker(*m_outbox, t, policy());
        worker.start();
        QTRY_VERIFY_WITH_TIMEOUT(empty(), 5000);
        QCOMPARE(t.seen.size(), 2);
        QVERIFY(t.seenAtMs[1] - t.seenAtMs[0] >= 600);
    }

    void alwaysFailing_deadLetterAfterMaxAttemptsAndSessionHeld() {
        ScriptedTransport t;
        for (int i = 0; i < 10; ++i) {
            t.script.push_back(retry(QStringLiteral("http 500")));
        }
        const QString first = add(QStringLiteral("s"));
        add(QStringLiteral("s"));
        SyncWorker worker(*m_outbox, t, policy());
        QSignalSpy dead(&worker, &SyncWorker::deadLettered);
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(dead.count(), 1, 5000);
        QCOMPARE(dead.first().first().toString(), first);
        QTest::qWait(300);
        QCOMPARE(t.seen.count(first), 5);
        QCOMPARE(t.seen.size(), 5);  // the second item waits behind the dead letter
    }

    void offline_noDeliveriesUntilOnline() {
        ScriptedTransport t;
        add(QStringLiteral("s"));
        SyncWorker worker(*m_outbox, t, policy());
        worker.setOnline(false);
        worker.start();
        QTest::qWait(300);
        QCOMPARE(t.seen.size(), 0);
        worker.setOnline(true);
        QTRY_VERIFY_WITH_TIMEOUT(empty(), 5000);
    }

    void repeatedCallback_ignored() {
        ScriptedTransport t;
        t.callTwice = true;
        t.script = {retry(QStringLiteral("x"))};
        add(QStringLiteral("s"));
        add(QStringLiteral("t"));
        SyncWorker worker(*m_outbox, t, policy());
        QSignalSpy delivered(&worker, &SyncWorker::delivered);
        QSignalSpy retries(&worker, &SyncWorker::retryScheduled);
        worker.start();
        QTRY_VERIFY_WITH_TIMEOUT(empty(), 5000);
        QTest::qWait(100);
        QCOMPARE(delivered.count(), 2);
        QCOMPARE(retries.count(), 1);
        QCOMPARE(m_outbox->stats()->deliveredTotal, 2);
    }

    void batchingTransport_defaultFanOut_allDeliveredOnce() {
        struct Batching : ScriptedTransport {
            int batches = 0;
            int maxBatch() const override { return 4; }
            void deliverBatch(const QList<Delivery>& d, BatchDone done) override {
                ++batches;
                OutboxTransport::deliverBatch(d, std::move(done));  // one deliver() each
            }
        } t;
        t.callTwice = true;
        for (int i = 0; i < 10; ++i) {
            add(QStringLiteral("s%1").arg(i));
        }
        SyncWorker worker(*m_outbox, t, policy());
        QSignalSpy delivered(&worker, &SyncWorker::delivered);
        worker.start();
        QTRY_VERIFY_WITH_TIMEOUT(empty(), 5000);
        QTest::qWait(50);
        QCOMPARE(delivered.count(), 10);
        QCOMPARE(t.seen.size(), 10);
        QVERIFY(t.batches >= 3);  // 10 heads in batches of at most 4
        QCOMPARE(m_outbox->stats()->deliveredTotal, 10);
    }

    void expiredWhileWaiting_purgedAndReported() {
        ScriptedTransport t;
        m_outbox
            ->enqueue({QStringLiteral("service_form"), "{}", QStringLiteral("s"),
                       Priority::ServiceForm, 1})
            .value();
        QTest::qWait(5);
        SyncWorker worker(*m_outbox, t, policy());
        QSignalSpy expired(&worker, &SyncWorker::expired);
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(expired.count(), 1, 3000);
        QVERIFY(empty());
        QCOMPARE(t.seen.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSyncWorker)
#include "tst_outbox_sync_worker.moc"
