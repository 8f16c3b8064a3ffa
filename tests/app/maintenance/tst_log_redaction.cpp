// Redaction of log lines for the maintenance menu and fleet log uploads: no
// full CID, no Thai text (names, addresses), no e-mail, no long numbers;
// timestamps, levels, categories and masked CIDs stay readable. Also the log
// handler's ring buffer the menu reads.
#include "log_redaction.h"
#include "logging.h"

#include <QJsonArray>
#include <QTest>

using namespace kiosk;
using namespace kiosk::maintenance;

Q_LOGGING_CATEGORY(lcTestRedaction, "kiosk.test.redaction")

class TstLogRedaction : public QObject {
    Q_OBJECT

private slots:
    void redactLogLine_fullCid_masked() {
        const QString out = redactLogLine(QStringLiteral("card read for 1101700230708 ok"));
        QCOMPARE(out, QStringLiteral("card read for 1-1017-xxxxx-xx-8 ok"));
        QCOMPARE(redactLogLine(QStringLiteral("cid 1-1017-00230-70-8")),
                 QStringLiteral("cid 1-1017-xxxxx-xx-8"));
    }

    void redactLogLine_thaiNameAndAddress_removed() {
        const QString out = redactLogLine(
            QStringLiteral("form field name=นาย สมชาย ทดสอบดี address=ซอยทดลอง ๑๒ done"));
        QCOMPARE(out, QStringLiteral("form field name=[th] address=[th] done"));
    }

    void redactLogLine_emailAndPhone_removed() {
        QCOMPARE(redactLogLine(QStringLiteral("mail somchai.t@example.co.th phone 081-234-5678")),
                 QStringLiteral("mail [email] phone [number]"));
    }

    void redactLogLine_harmlessLine_unchanged() {
        const QString line =
            QStringLiteral("outbox: 3 waiting, retry in 30000 ms, config v12, port 8443");
        QCOMPARE(redactLogLine(line), line);
    }

    void parseLogLine_handlerFormat_splitAndRedacted() {
        const LogLine l = parseLogLine(
            QStringLiteral("2026-11-23T09:12:03.123Z W kiosk.ui.session: citizen 3101700230701"));
        QCOMPARE(l.time, QStringLiteral("09:12:03"));
        QCOMPARE(l.level, QStringLiteral("W"));
        QVERIFY(l.text.startsWith(QStringLiteral("kiosk.ui.session: citizen ")));
        QVERIFY(!l.text.contains(QStringLiteral("3101700230701")));
    }

    void redactedLogBundle_lines_keepTimestampsDropPersonalData() {
        const QJsonObject b = redactedLogBundle(
            QStringLiteral("KIOSK-1"),
            {QStringLiteral("2026-11-23T09:12:03.123Z I kiosk.a: นางสาว ใจดี 1101700230708"),
             QStringLiteral("no stamp here")});
        QCOMPARE(b.value(QLatin1String("format")).toString(), QStringLiteral("smart-kiosk-logs-1"));
        QCOMPARE(b.value(QLatin1String("redacted")).toBool(), true);
        const QJsonArray lines = b.value(QLatin1String("lines")).toArray();
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0).toString(),
                 QStringLiteral("2026-11-23T09:12:03.123Z I kiosk.a: [th] 1-1017-xxxxx-xx-8"));
        QCOMPARE(lines.at(1).toString(), QStringLiteral("no stamp here"));
    }

    void recentLines_afterLogging_newestLast() {
        logging::install({});
        qCWarning(lcTestRedaction) << "first marker";
        qCWarning(lcTestRedaction) << "second marker"
                                   << "1101700230708";
        const QStringList lines = logging::recentLines(2);
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines.at(0).contains(QStringLiteral("first marker")));
        QVERIFY(lines.at(1).contains(QStringLiteral("kiosk.test.redaction: second marker")));
        // The handler already masks CIDs before the buffer.
        QVERIFY(!lines.at(1).contains(QStringLiteral("1101700230708")));
    }

    void recentLines_overCapacity_keepsTheLast() {
        for (int i = 0; i < logging::kRecentLines + 10; ++i) {
            logging::keepLine(QStringLiteral("line %1").arg(i));
        }
        const QStringList all = logging::recentLines();
        QCOMPARE(all.size(), logging::kRecentLines);
        QCOMPARE(all.last(), QStringLiteral("line %1").arg(logging::kRecentLines + 9));
        QCOMPARE(all.first(), QStringLiteral("line 10"));
    }
};

QTEST_MAIN(TstLogRedaction)
#include "tst_log_redaction.moc"
