// HttpsOutboxTransport's pure parts: Retry-After parsing, status mapping,
// configuration errors.
#include "https_outbox_transport.h"

#include <QtTest>

using namespace kiosk;
using Kind = store::DeliveryOutcome::Kind;

class TestHttpsOutboxTransport : public QObject {
    Q_OBJECT

private slots:
    void parseRetryAfter_seconds_milliseconds() {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QCOMPARE(backend::parseRetryAfter("120", now), std::optional<qint64>(120000));
        QCOMPARE(backend::parseRetryAfter(" 0 ", now), std::optional<qint64>(0));
    }

    void parseRetryAfter_httpDate_delayFromNow() {
        const QDateTime now(QDate(2026, 1, 1), QTime(8, 0, 0), Qt::UTC);
        QCOMPARE(backend::parseRetryAfter("Thu, 01 Jan 2026 08:00:30 GMT", now),
                 std::optional<qint64>(30000));
        QCOMPARE(backend::parseRetryAfter("Thu, 01 Jan 2026 07:00:00 GMT", now),
                 std::optional<qint64>(0));
    }

    void parseRetryAfter_garbageOrNegative_none() {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(!backend::parseRetryAfter("", now));
        QVERIFY(!backend::parseRetryAfter("soon", now));
        QVERIFY(!backend::parseRetryAfter("-5", now));
    }

    void classifyStatus_table_acceptedRetryRejected() {
        QCOMPARE(backend::classifyStatus(200), Kind::Accepted);
        QCOMPARE(backend::classifyStatus(201), Kind::Accepted);
        QCOMPARE(backend::classifyStatus(0), Kind::RetryLater);
        QCOMPARE(backend::classifyStatus(408), Kind::RetryLater);
        QCOMPARE(backend::classifyStatus(429), Kind::RetryLater);
        QCOMPARE(backend::classifyStatus(500), Kind::RetryLater);
        QCOMPARE(backend::classifyStatus(503), Kind::RetryLater);
        QCOMPARE(backend::classifyStatus(400), Kind::Rejected);
        QCOMPARE(backend::classifyStatus(422), Kind::Rejected);
    }

    void create_missingCertificates_configErrorNamesTheSetting() {
        backend::BackendSettings s{QUrl(QStringLiteral("https://127.0.0.1:1")),
                                   QStringLiteral("/nonexistent/ca.pem"),
                                   {},
                                   {},
                                   1000};
        auto t = backend::HttpsOutboxTransport::create(s, {});
        QVERIFY(!t);
        QVERIFY2(t.error().message.contains(QLatin1String("backend.ca_file")),
                 qPrintable(t.error().message));
        s.portalUrl = QUrl(QStringLiteral("http://127.0.0.1:1"));
        auto plain = backend::HttpsOutboxTransport::create(s, {});
        QVERIFY(!plain);
        QVERIFY(plain.error().message.contains(QLatin1String("https")));
    }
};

QTEST_GUILESS_MAIN(TestHttpsOutboxTransport)
#include "tst_https_outbox_transport.moc"
