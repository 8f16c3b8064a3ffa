#include "http_message.h"

#include <QTest>

using namespace kiosk::sim;

class TestHttpMessage : public QObject {
    Q_OBJECT
private slots:
    void parse_completeGet_consumedAndFields() {
        QByteArray buf = "GET /health?x=1 HTTP/1.1\r\nHost: a\r\nX-Thing:  v \r\n\r\nNEXT";
        HttpRequest r;
        QString error;
        QCOMPARE(parseHttpRequest(buf, r, error), ParseStatus::Complete);
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(r.path(), QByteArray("/health"));
        QCOMPARE(r.target, QByteArray("/health?x=1"));
        QCOMPARE(r.header("x-thing"), QByteArray("v"));
        QCOMPARE(buf, QByteArray("NEXT"));  // only the request was consumed
    }

    void parse_bodyArrivesInPieces_incompleteThenComplete() {
        QByteArray buf = "POST /v1/x HTTP/1.1\r\nContent-Length: 5\r\n\r\nab";
        HttpRequest r;
        QString error;
        QCOMPARE(parseHttpRequest(buf, r, error), ParseStatus::Incomplete);
        buf += "cde";
        QCOMPARE(parseHttpRequest(buf, r, error), ParseStatus::Complete);
        QCOMPARE(r.body, QByteArray("abcde"));
        QVERIFY(buf.isEmpty());
    }

    void parse_headerWithoutEnd_incomplete() {
        QByteArray buf = "GET / HTTP/1.1\r\nHost: a\r\n";
        HttpRequest r;
        QString error;
        QCOMPARE(parseHttpRequest(buf, r, error), ParseStatus::Incomplete);
    }

    void parse_malformed_errorWithReason_data() {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QString>("reason");
        QTest::newRow("request line") << QByteArray("GARBAGE\r\n\r\n") << "request line";
        QTest::newRow("relative target")
            << QByteArray("GET health HTTP/1.1\r\n\r\n") << "request line";
        QTest::newRow("http/2") << QByteArray("GET / HTTP/2\r\n\r\n") << "request line";
        QTest::newRow("header without colon")
            << QByteArray("GET / HTTP/1.1\r\nNoColon\r\n\r\n") << "header";
        QTest::newRow("bad length")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: -4\r\n\r\n") << "content-length";
        QTest::newRow("chunked") << QByteArray(
                                        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")
                                 << "transfer-encoding";
        QTest::newRow("huge body")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n") << "body larger";
    }
    void parse_malformed_errorWithReason() {
        QFETCH(QByteArray, raw);
        QFETCH(QString, reason);
        HttpRequest r;
        QString error;
        QCOMPARE(parseHttpRequest(raw, r, error), ParseStatus::Error);
        QVERIFY2(error.contains(reason), qPrintable(error));
    }

    void parse_oversizedHeader_error() {
        QByteArray buf = "GET / HTTP/1.1\r\nX: " + QByteArray(20000, 'a');
        HttpRequest r;
        QString error;
        QCOMPARE(parseHttpRequest(buf, r, error), ParseStatus::Error);
    }

    void serialize_errorResponse_statusLengthAndJson() {
        const QByteArray out =
            HttpResponse::error(404, QStringLiteral("not_found"), QStringLiteral("nope"))
                .serialize();
        QVERIFY(out.startsWith("HTTP/1.1 404 Not Found\r\n"));
        QVERIFY(out.contains("content-type: application/json\r\n"));
        const QByteArray body = out.mid(out.indexOf("\r\n\r\n") + 4);
        QVERIFY(out.contains("content-length: " + QByteArray::number(body.size()) + "\r\n"));
        QCOMPARE(body, QByteArray(R"({"error":{"code":"not_found","message":"nope"}})"));
    }
};

QTEST_APPLESS_MAIN(TestHttpMessage)
#include "tst_http_message.moc"
