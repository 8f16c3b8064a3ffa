// ReaderMonitor on real pcscd + vpcd: reader list, insert and remove events
// from the worker thread, prompt stop through SCardCancel.
#include "card_test_support.h"
#include "pcscd_part.h"
#include "reader_monitor.h"
#include "vpcd_client.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace kiosk;
using namespace kiosk::card;

class TstReaderMonitor : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<sim::PcscdPart> m_pcscd;

    std::unique_ptr<sim::vcard::VirtualCardSession> insert(
        const QString& profile = QStringLiteral("standard")) {
        return test::insertVirtualCard(m_pcscd->vpcdPort(0), profile);
    }

private slots:
    void initTestCase() {
        m_pcscd = std::make_unique<sim::PcscdPart>(m_dir.path());
        auto started = m_pcscd->start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().summary()));
        qputenv("PCSCLITE_CSOCK_NAME", m_pcscd->socketPath().toUtf8());
        qRegisterMetaType<QStringList>();
    }

    void start_readersPresent_reportsReaderList() {
        ReaderMonitor monitor;
        QSignalSpy readers(&monitor, &ReaderMonitor::readersChanged);
        monitor.start();
        QVERIFY(readers.wait(5000));
        const QStringList list = readers.first().first().toStringList();
        QVERIFY2(list.contains(sim::PcscdPart::readerName(0)),
                 qPrintable(list.join(QStringLiteral(", "))));
        QVERIFY(list.contains(sim::PcscdPart::readerName(1)));
    }

    void insertAndRemove_card_emitsEventsWithAtr() {
        ReaderMonitor monitor;
        QSignalSpy inserted(&monitor, &ReaderMonitor::cardInserted);
        QSignalSpy removed(&monitor, &ReaderMonitor::cardRemoved);
        monitor.start();
        auto session = insert();
        QVERIFY(session);
        QVERIFY(inserted.wait(5000));
        QCOMPARE(inserted.first().at(0).toString(), sim::PcscdPart::readerName(0));
        QCOMPARE(inserted.first().at(1).toByteArray().toHex().toUpper(),
                 QByteArray("3B781800000073C84013009000"));
        QCOMPARE(removed.size(), 0);
        session->remove();
        QVERIFY(removed.wait(5000));
        QCOMPARE(removed.first().at(0).toString(), sim::PcscdPart::readerName(0));
        QCOMPARE(inserted.size(), 1);
    }

    void start_cardAlreadyInserted_reportsItAsInserted() {
        auto session = insert(QStringLiteral("atr-3b67"));
        QVERIFY(session);
        QTest::qWait(1200);  // let pcscd notice it before the monitor starts
        ReaderMonitor monitor;
        QSignalSpy inserted(&monitor, &ReaderMonitor::cardInserted);
        monitor.start();
        QVERIFY(inserted.wait(5000));
        QVERIFY(inserted.first().at(1).toByteArray().startsWith(QByteArray::fromHex("3B67")));
        session->remove();
    }

    void pcscdRestart_serviceLostAndBack_isReportedAndWatchedAgain() {
        ReaderMonitor monitor;
        QSignalSpy service(&monitor, &ReaderMonitor::serviceAvailableChanged);
        QSignalSpy readers(&monitor, &ReaderMonitor::readersChanged);
        QSignalSpy inserted(&monitor, &ReaderMonitor::cardInserted);
        monitor.start();
        QVERIFY(readers.wait(5000));
        m_pcscd->stop();
        QTRY_VERIFY_WITH_TIMEOUT(!service.isEmpty(), 5000);
        QCOMPARE(service.first().first().toBool(), false);
        auto restarted = m_pcscd->start();  // same socket path, new vpcd port
        QVERIFY2(restarted, qPrintable(restarted ? QString() : restarted.error().summary()));
        QTRY_VERIFY_WITH_TIMEOUT(service.size() >= 2, 10000);
        QCOMPARE(service.last().first().toBool(), true);
        auto session = insert();
        QVERIFY(session);
        QVERIFY(inserted.wait(5000));
        session->remove();
    }

    void stop_whileBlockedInStatusChange_returnsPromptly() {
        ReaderMonitor monitor;
        monitor.setPollTimeoutMs(60000);  // only SCardCancel can end the wait early
        QSignalSpy readers(&monitor, &ReaderMonitor::readersChanged);
        monitor.start();
        QVERIFY(readers.wait(5000));
        QTest::qWait(200);
        QElapsedTimer t;
        t.start();
        monitor.stop();
        QVERIFY2(t.elapsed() < 2000, qPrintable(QString::number(t.elapsed())));
        QVERIFY(!monitor.isRunning());
    }
};

QTEST_GUILESS_MAIN(TstReaderMonitor)
#include "tst_reader_monitor.moc"
