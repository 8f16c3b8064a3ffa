#include "logging.h"

#include <QTest>

using namespace kiosk;

class TestLogging : public QObject {
    Q_OBJECT
private slots:
    void formatLine_messageWithCid_cidMasked() {
        const QString line = logging::formatLine(QtInfoMsg, "kiosk.drivers.smartcard",
                                                 QStringLiteral("read 1101700230708"));
        QVERIFY2(
            line.endsWith(QStringLiteral(" I kiosk.drivers.smartcard: read 1-1017-xxxxx-xx-8")),
            qPrintable(line));
        QVERIFY(!line.contains(QStringLiteral("1101700230708")));
    }

    void formatLine_levels_oneLetterEach() {
        QVERIFY(logging::formatLine(QtDebugMsg, "c", {}).contains(QStringLiteral(" D c: ")));
        QVERIFY(logging::formatLine(QtWarningMsg, "c", {}).contains(QStringLiteral(" W c: ")));
        QVERIFY(logging::formatLine(QtCriticalMsg, "c", {}).contains(QStringLiteral(" E c: ")));
        QVERIFY(
            logging::formatLine(QtInfoMsg, nullptr, {}).contains(QStringLiteral(" I default: ")));
    }

    void install_default_tracesOff() {
        logging::install({});
        QLoggingCategory cat("kiosk.test.part");
        QVERIFY(!cat.isDebugEnabled());
        QVERIFY(cat.isInfoEnabled());
        QVERIFY(cat.isWarningEnabled());
    }

    void install_tracesOn_debugEnabled() {
        logging::install({true, {}});
        QLoggingCategory cat("kiosk.test.traced");
        QVERIFY(cat.isDebugEnabled());
        logging::install({});
    }

    void install_extraRule_applied() {
        logging::install({false, QStringLiteral("kiosk.drivers.*.debug=true")});
        QLoggingCategory drivers("kiosk.drivers.card");
        QLoggingCategory other("kiosk.ui.shell");
        QVERIFY(drivers.isDebugEnabled());
        QVERIFY(!other.isDebugEnabled());
        logging::install({});
    }
};

QTEST_GUILESS_MAIN(TestLogging)
#include "tst_logging.moc"
