// The circuit breaker and the status taxonomy: opens after N consecutive
// failures, fails fast while open, lets one trial through after the pause,
// closes on success and reopens on a failed trial.
#include "backend_http.h"
#include "circuit_breaker.h"

#include <QTest>

using namespace kiosk::backend;

namespace {

BackendError error(BackendError::Code code, int status) {
    return {code, {}, status, {}};
}

}  // namespace

class TestCircuitBreaker : public QObject {
    Q_OBJECT
private slots:
    void breaker_failuresThenPause_halfOpenTrial() {
        qint64 now = 1000;
        CircuitBreaker b({3, 5000}, [&] { return now; });
        QVERIFY(b.allow());
        b.recordFailure();
        b.recordFailure();
        QCOMPARE(b.state(), CircuitBreaker::State::Closed);
        b.recordFailure();
        QCOMPARE(b.state(), CircuitBreaker::State::Open);
        QVERIFY(!b.allow());
        now += 4999;
        QVERIFY(!b.allow());
        now += 1;
        QVERIFY(b.allow());  // the one trial
        QCOMPARE(b.state(), CircuitBreaker::State::HalfOpen);
        QVERIFY(!b.allow());  // and only one
        b.recordFailure();
        QCOMPARE(b.state(), CircuitBreaker::State::Open);
        now += 5000;
        QVERIFY(b.allow());
        b.recordSuccess();
        QCOMPARE(b.state(), CircuitBreaker::State::Closed);
        QVERIFY(b.allow());
    }

    void breaker_successResetsCount() {
        qint64 now = 0;
        CircuitBreaker b({2, 1000}, [&] { return now; });
        b.recordFailure();
        b.recordSuccess();
        b.recordFailure();
        QCOMPARE(b.state(), CircuitBreaker::State::Closed);
    }

    void codeForStatus_taxonomy() {
        QCOMPARE(codeForStatus(503), BackendError::Code::Server);
        QCOMPARE(codeForStatus(429), BackendError::Code::Server);
        QCOMPARE(codeForStatus(408), BackendError::Code::Server);
        QCOMPARE(codeForStatus(404), BackendError::Code::NotFound);
        QCOMPARE(codeForStatus(409), BackendError::Code::Conflict);
        QCOMPARE(codeForStatus(422), BackendError::Code::Rejected);
        QCOMPARE(codeForStatus(403), BackendError::Code::Rejected);
        QVERIFY(error(BackendError::Code::Server, 503).retryable());
        QVERIFY(error(BackendError::Code::CircuitOpen, 0).retryable());
        QVERIFY(!error(BackendError::Code::Rejected, 422).retryable());
        QVERIFY(!error(BackendError::Code::BadResponse, 200).retryable());
    }
};

QTEST_GUILESS_MAIN(TestCircuitBreaker)
#include "tst_circuit_breaker.moc"
