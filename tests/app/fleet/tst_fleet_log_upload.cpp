// The upload-logs command's bundle: redacted, stored for the operator, sent in
// chunks that reassemble; refused only when it can be neither sent nor kept.
#include "log_upload.h"
#include "memory_transport.h"
#include "topics.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace kiosk::fleet;

class TstFleetLogUpload : public QObject {
    Q_OBJECT

    static QStringList lines(int n) {
        QStringList out{QStringLiteral(
            "2026-11-23T09:12:03.123Z I kiosk.ui.session: นาง ใจดี มีสุข 1101700230708")};
        for (int i = 0; i < n; ++i) {
            out << QStringLiteral("2026-11-23T09:12:04.000Z I kiosk.test: line %1").arg(i);
        }
        return out;
    }

private slots:
    void upload_online_chunksReassembleAndFileKept() {
        QTemporaryDir dir;
        MemoryBroker broker;
        MemoryTransport kiosk(&broker);
        MemoryTransport operatorSide(&broker);
        kiosk.start();
        operatorSide.start();
        QTRY_VERIFY(kiosk.isConnected() && operatorSide.isConnected());
        operatorSide.subscribe(topics::allKiosks("logs"));
        LogChunkCollector collector;
        int chunks = 0;
        bool complete = false;
        connect(&operatorSide, &FleetTransport::messageReceived,
                [&](const QString& topic, const QByteArray& m) {
                    QCOMPARE(topic, QStringLiteral("kiosk/v1/k/K-1/logs"));
                    ++chunks;
                    complete = collector.add(m) || complete;
                });
        auto r = uploadRedactedLogs(
            kiosk, {QStringLiteral("K-1"), dir.filePath(QStringLiteral("logs"))}, lines(2000));
        QVERIFY2(r, r ? "" : qPrintable(r.error()));
        QVERIFY(r->value(QLatin1String("chunks")).toInt() > 1);
        QCOMPARE(r->value(QLatin1String("published")), r->value(QLatin1String("chunks")));
        QTRY_VERIFY(complete);
        QCOMPARE(chunks, r->value(QLatin1String("chunks")).toInt());
        const QJsonObject bundle = QJsonDocument::fromJson(collector.bundle()).object();
        const QJsonArray got = bundle.value(QLatin1String("lines")).toArray();
        QCOMPARE(got.size(), 2001);
        QCOMPARE(
            got.at(0).toString(),
            QStringLiteral("2026-11-23T09:12:03.123Z I kiosk.ui.session: [th] 1-1017-xxxxx-xx-8"));
        QFile kept(r->value(QLatin1String("stored")).toString());
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), collector.bundle());
    }

    void upload_brokerDown_keptForOperatorOnly() {
        QTemporaryDir dir;
        MemoryBroker broker;
        MemoryTransport kiosk(&broker);
        kiosk.start();
        broker.setOnline(false);
        auto r = uploadRedactedLogs(
            kiosk, {QStringLiteral("K-1"), dir.filePath(QStringLiteral("logs"))}, lines(10));
        QVERIFY(r);
        QCOMPARE(r->value(QLatin1String("published")).toInt(), 0);
        QVERIFY(QFile::exists(r->value(QLatin1String("stored")).toString()));
    }

    void upload_neitherSentNorStored_error() {
        QTemporaryDir dir;
        QFile blocker(dir.filePath(QStringLiteral("file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        MemoryBroker broker;
        MemoryTransport kiosk(&broker);
        kiosk.start();
        broker.setOnline(false);
        auto r = uploadRedactedLogs(
            kiosk, {QStringLiteral("K-1"), blocker.fileName() + QStringLiteral("/logs")}, lines(1));
        QVERIFY(!r);
    }

    void upload_manyTimes_oldFilesPruned() {
        QTemporaryDir dir;
        MemoryBroker broker;
        MemoryTransport kiosk(&broker);
        kiosk.start();
        LogUploadOptions o{QStringLiteral("K-1"), dir.filePath(QStringLiteral("logs")), 3};
        for (int i = 0; i < 6; ++i) {
            QVERIFY(uploadRedactedLogs(kiosk, o, lines(i)));
        }
        QCOMPARE(QDir(o.folder).entryList({QStringLiteral("logs-*.json")}, QDir::Files).size(), 3);
    }

    void collector_badChunks_ignored() {
        LogChunkCollector c;
        QVERIFY(!c.add("not json"));
        QVERIFY(!c.add(R"({"bundle":"a","seq":5,"of":2,"data":""})"));
        QVERIFY(!c.add(R"({"bundle":"a","seq":0,"of":100000,"data":""})"));
        QVERIFY(!c.add(R"({"bundle":"a","seq":0,"of":2,"data":"YWI="})"));
        QVERIFY(!c.add(R"({"bundle":"a","seq":0,"of":2,"data":"YWI="})"));  // duplicate
        QVERIFY(c.add(R"({"bundle":"a","seq":1,"of":2,"data":"Y2Q="})"));
        QCOMPARE(c.bundle(), QByteArray("abcd"));
    }
};

QTEST_MAIN(TstFleetLogUpload)
#include "tst_fleet_log_upload.moc"
