// kioskctl queue status|list|retry|purge-expired against a real data
// folder: an empty folder is a valid, empty kiosk; output carries no
// payload; a wrong key is a clear failure.
#include "outbox.h"
#include "test_env.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace kiosk::store;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

Run kioskctl(const QString& dataDir, const QStringList& args) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("KIOSK_CONFIG"), QStringLiteral("/nonexistent/kiosk.json"));
    p.setProcessEnvironment(env);
    p.start(kiosk::test::program(QStringLiteral("kioskctl")),
            QStringList{QStringLiteral("--data-dir"), dataDir} + args);
    if (!p.waitForFinished(20000)) {
        return {};
    }
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

}  // namespace

class TestQueueCommand : public QObject {
    Q_OBJECT

private slots:
    void status_emptyDataDir_newEmptyStore() {
        QTemporaryDir dir;
        const Run r = kioskctl(dir.path(), {QStringLiteral("--json"), QStringLiteral("queue"),
                                            QStringLiteral("status")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QLatin1String("pending")).toInt(-1), 0);
        QCOMPARE(o.value(QLatin1String("dead_letter")).toInt(-1), 0);
        QCOMPARE(o.value(QLatin1String("accepting_work")).toBool(), true);
        QVERIFY(QFile::exists(Store::databasePath(dir.path())));
        const Run text = kioskctl(dir.path(), {QStringLiteral("queue"), QStringLiteral("list")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("empty"));
    }

    void list_items_noPayloadAndRetryAndPurge() {
        QTemporaryDir dir;
        QString deadKey;
        {
            FileKeyStore keys(FileKeyStore::defaultPath(dir.path()));
            auto store = Store::open({.dataDir = dir.path(), .keyStore = &keys});
            QVERIFY(store);
            Outbox outbox(**store);
            deadKey =
                outbox
                    .enqueue({QStringLiteral("service_form"), "{\"cid\":\"1101700230705\"}",
                              QStringLiteral("session-secret"), Priority::ServiceForm, 3600000})
                    .value();
            const qint64 id = outbox.due(1)->first().id;
            QVERIFY(
                outbox.markFailed(id, FailureKind::Rejected, QStringLiteral("http 422"), 0, 10));
            QVERIFY(outbox.enqueue({QStringLiteral("proofing_record"), "{}", QStringLiteral("s2"),
                                    Priority::ProofingRecord, 1}));
        }
        QTest::qWait(5);  // the second item's TTL (1 ms) passes
        const Run list = kioskctl(dir.path(), {QStringLiteral("--json"), QStringLiteral("queue"),
                                               QStringLiteral("list")});
        QCOMPARE(list.exitCode, 0);
        QVERIFY(!list.out.contains("1101700230705"));
        QVERIFY(!list.out.contains("session-secret"));
        const QJsonArray items = list.json().value(QLatin1String("items")).toArray();
        QCOMPARE(items.size(), 2);
        QCOMPARE(items[0].toObject().value(QLatin1String("status")).toString(),
                 QStringLiteral("dead_letter"));
        QCOMPARE(items[0].toObject().value(QLatin1String("key")).toString(), deadKey);
        const Run text = kioskctl(dir.path(), {QStringLiteral("queue"), QStringLiteral("list")});
        QVERIFY(text.out.contains("dead_letter"));
        QVERIFY(!text.out.contains("1101700230705"));

        const Run status = kioskctl(dir.path(), {QStringLiteral("--json"), QStringLiteral("queue"),
                                                 QStringLiteral("status")});
        QCOMPARE(status.json().value(QLatin1String("dead_letter")).toInt(), 1);

        const Run retry =
            kioskctl(dir.path(), {QStringLiteral("queue"), QStringLiteral("retry"), deadKey});
        QCOMPARE(retry.exitCode, 0);
        const Run missing =
            kioskctl(dir.path(), {QStringLiteral("--json"), QStringLiteral("queue"),
                                  QStringLiteral("retry"), QStringLiteral("12345")});
        QCOMPARE(missing.exitCode, 1);
        QCOMPARE(missing.json()
                     .value(QLatin1String("error"))
                     .toObject()
                     .value(QLatin1String("code"))
                     .toString(),
                 QStringLiteral("not_found"));

        const Run purge = kioskctl(dir.path(), {QStringLiteral("--json"), QStringLiteral("queue"),
                                                QStringLiteral("purge-expired")});
        QCOMPARE(purge.exitCode, 0);
        QCOMPARE(purge.json().value(QLatin1String("purged")).toInt(), 1);
        const Run after = kioskctl(dir.path(), {QStringLiteral("--json"), QStringLiteral("queue"),
                                                QStringLiteral("status")});
        QCOMPARE(after.json().value(QLatin1String("pending")).toInt(), 1);
        QCOMPARE(after.json().value(QLatin1String("dead_letter")).toInt(), 0);
        QCOMPARE(after.json().value(QLatin1String("expired_total")).toInt(), 1);
    }

    void status_wrongKey_clearFailure() {
        QTemporaryDir dir;
        QCOMPARE(kioskctl(dir.path(), {QStringLiteral("queue"), QStringLiteral("status")}).exitCode,
                 0);
        FileKeyStore keys(FileKeyStore::defaultPath(dir.path()));
        QVERIFY(QFile::remove(keys.path()));
        QVERIFY(keys.create(*DeviceKey::generate()));
        const Run r = kioskctl(dir.path(), {QStringLiteral("--json"), QStringLiteral("queue"),
                                            QStringLiteral("status")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json()
                     .value(QLatin1String("error"))
                     .toObject()
                     .value(QLatin1String("code"))
                     .toString(),
                 QStringLiteral("wrong_key"));
        const Run text = kioskctl(dir.path(), {QStringLiteral("queue"), QStringLiteral("status")});
        QVERIFY(text.err.contains("cannot be decrypted"));
    }

    void status_withConfig_limitFromStoreMaxSizeMb() {
        QTemporaryDir dir;
        const QString config = kiosk::test::sourceDir() + QStringLiteral("/config/kiosk.json");
        const Run r =
            kioskctl(dir.path(), {QStringLiteral("--config"), config, QStringLiteral("--json"),
                                  QStringLiteral("queue"), QStringLiteral("status")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(QLatin1String("limit_bytes")).toInteger(), 512LL * 1024 * 1024);
        const Run broken = kioskctl(
            dir.path(), {QStringLiteral("--config"), dir.filePath(QStringLiteral("none.json")),
                         QStringLiteral("queue"), QStringLiteral("status")});
        QCOMPARE(broken.exitCode, 1);
    }

    void retry_withoutId_usage() {
        QTemporaryDir dir;
        QCOMPARE(kioskctl(dir.path(), {QStringLiteral("queue"), QStringLiteral("retry")}).exitCode,
                 2);
    }
};

QTEST_GUILESS_MAIN(TestQueueCommand)
#include "tst_queue_command.moc"
