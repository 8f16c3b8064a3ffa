// The maintenance menu's self-tests and device status on real parts: the
// virtual Thai ID card under pcscd + vpcd (sim/rig), the camera driver on a
// recorded clip with face detection and the quality gate, the file printer,
// a loopback backend. Each check is shown failing as well as passing, and the
// menu's audit of a result is checked in the kiosk's store.
#include "file_printer.h"
#include "key_store.h"
#include "maintenance_menu.h"
#include "maintenance_parts.h"
#include "pcsc_card_reader.h"
#include "self_tests.h"
#include "sim_rig.h"
#include "store.h"
#include "technician_auth.h"
#include "test_env.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace kiosk;
using namespace kiosk::maintenance;

namespace {

QString clip() {
    return test::sharedDataDir() + QStringLiteral("/video/katie_hill_talk.mp4");
}

bool hasThai(const QString& s) {
    return std::any_of(s.begin(), s.end(),
                       [](QChar c) { return c.unicode() >= 0x0E01 && c.unicode() <= 0x0E5B; });
}

}  // namespace

class TstMaintenanceSelfTests : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<sim::SimRig> m_rig;

    bool waitForCard(bool present) {
        card::PcscCardReader reader;
        for (int i = 0; i < 100; ++i) {
            auto withCard = reader.readersWithCard();
            if (withCard && withCard->isEmpty() != present) {
                return true;
            }
            QThread::msleep(50);
        }
        return false;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFile::exists(clip()), qPrintable(clip() + QStringLiteral(" is missing")));
        sim::SimRig::Options o;
        o.mosquitto = false;
        o.portal = false;
        o.card = sim::VirtualCardPart::Card{test::sourceDir() +
                                            QStringLiteral("/sim/cards/somchai.json")};
        auto rig = sim::SimRig::start(o);
        if (!rig) {
            QFAIL(qPrintable(QStringLiteral("pcscd + vpcd rig did not start: ") +
                             rig.error().message));
        }
        m_rig = std::move(*rig);
        // libpcsclite reads this once, before the first PC/SC call of the process.
        qputenv("PCSCLITE_CSOCK_NAME",
                m_rig->environment().value(QStringLiteral("PCSCLITE_CSOCK_NAME")).toLocal8Bit());
        QVERIFY2(waitForCard(true), "pcscd never saw the virtual card");
    }

    void cleanupTestCase() { m_rig.reset(); }

    void card_testCardInserted_okWithMaskedCidOnly() {
        QVERIFY(m_rig->hasCard() ||
                m_rig->insertCard({test::sourceDir() + QStringLiteral("/sim/cards/somchai.json")}));
        QVERIFY(waitForCard(true));
        card::PcscCardReader reader;
        const CheckResult r = cardSelfTest(reader, {}, 20000);
        QCOMPARE(r.state, QStringLiteral("ok"));
        QVERIFY2(r.detail.contains(QStringLiteral("1-1017-xxxxx-xx-8")), qPrintable(r.detail));
        QVERIFY(!r.detail.contains(QStringLiteral("1101700230708")));
        QVERIFY(!hasThai(r.detail));
        QVERIFY(!r.detail.contains(QStringLiteral("Somchai")));
    }

    void card_noCard_warnsToInsertTestCard() {
        m_rig->removeCard();
        QVERIFY(waitForCard(false));
        card::PcscCardReader reader;
        const CheckResult r = cardSelfTest(reader, {}, 20000);
        QCOMPARE(r.state, QStringLiteral("warning"));
        QVERIFY(r.detail.contains(QStringLiteral("insert the test card")));
        const CheckResult status = readerStatus(&reader);
        QCOMPARE(status.state, QStringLiteral("ok"));
        QVERIFY(status.detail.contains(QStringLiteral(": ready")));
        QVERIFY(m_rig->insertCard({test::sourceDir() + QStringLiteral("/sim/cards/somchai.json")}));
        QVERIFY(waitForCard(true));
    }

    void card_unknownReader_warnsAboutThatReader() {
        card::PcscCardReader reader;
        const CheckResult r = cardSelfTest(reader, QStringLiteral("No Such Reader 00 00"), 20000);
        QCOMPARE(r.state, QStringLiteral("warning"));
        QVERIFY(r.detail.contains(QStringLiteral("No Such Reader")));
    }

    void receipt_filePrinter_okAndPaperWritten() {
        printer::FilePrinter p(m_dir.path() + QStringLiteral("/receipts"));
        const CheckResult r = receiptSelfTest(&p, QStringLiteral("KIOSK-TEST-0001"));
        QCOMPARE(r.state, QStringLiteral("ok"));
        QCOMPARE(p.jobs(), 1);
        const QImage paper(p.lastImagePath());
        QVERIFY(!paper.isNull());
        QVERIFY(paper.height() > 100);
        QVERIFY(paper.save(test::artifactsDir(QStringLiteral("maintenance")) +
                           QStringLiteral("/test_receipt.png")));
    }

    void receipt_printerFails_errorWithReason() {
        // A folder that cannot be created stands in for a printer that is gone.
        QFile blocker(m_dir.path() + QStringLiteral("/not-a-folder"));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        printer::FilePrinter p(blocker.fileName() + QStringLiteral("/receipts"));
        const CheckResult r = receiptSelfTest(&p, QStringLiteral("KIOSK-TEST-0001"));
        QCOMPARE(r.state, QStringLiteral("error"));
        QVERIFY(!r.detail.isEmpty());
        QCOMPARE(receiptSelfTest(nullptr, {}).state, QStringLiteral("error"));
        QCOMPARE(printerStatus(nullptr).state, QStringLiteral("error"));
    }

    void camera_clipWithFace_okWithBoxAndLandmarks() {
        std::atomic_bool stop{false};
        CameraTestOptions o;
        o.input = clip();
        o.durationMs = 3000;
        int frames = 0;
        int withLandmarks = 0;
        QImage shown;
        const CheckResult r = cameraSelfTest(o, stop, [&](const CameraFrame& f) {
            ++frames;
            QVERIFY(f.image.width() <= 640);
            if (f.faces == 1 && f.landmarks.size() == 68 &&
                f.image.rect().contains(f.face.center())) {
                ++withLandmarks;
                shown = f.image;
            }
        });
        QVERIFY2(r.state == QStringLiteral("ok"), qPrintable(r.detail));
        QVERIFY(frames >= 3);
        QVERIFY2(withLandmarks * 2 >= frames, qPrintable(QString::number(withLandmarks)));
        QVERIFY(!shown.isNull());
    }

    void camera_noFaceInView_warning() {
        QImage blank(640, 480, QImage::Format_RGB888);
        blank.fill(QColor(90, 100, 110));
        const QString file = m_dir.path() + QStringLiteral("/empty_room.png");
        QVERIFY(blank.save(file));
        std::atomic_bool stop{false};
        CameraTestOptions o;
        o.input = file;
        o.durationMs = 2000;
        QString verdict;
        const CheckResult r =
            cameraSelfTest(o, stop, [&](const CameraFrame& f) { verdict = f.verdict; });
        QCOMPARE(r.state, QStringLiteral("warning"));
        QCOMPARE(verdict, QStringLiteral("no-face"));
    }

    void camera_missingDevice_error() {
        std::atomic_bool stop{false};
        CameraTestOptions o;
        o.input = QStringLiteral("/dev/video-kiosk-none");
        const CheckResult r = cameraSelfTest(o, stop, {});
        QCOMPARE(r.state, QStringLiteral("error"));
        QCOMPARE(cameraStatus(o.input).state, QStringLiteral("error"));
        const CheckResult fromClip = cameraStatus(clip());
        QCOMPARE(fromClip.state, QStringLiteral("ok"));
        QVERIFY(fromClip.detail.contains(QLatin1Char('x')));
    }

    void camera_stopFlag_endsPreviewEarly() {
        std::atomic_bool stop{false};
        CameraTestOptions o;
        o.input = clip();
        o.durationMs = 30000;
        int frames = 0;
        QElapsedTimer t;
        t.start();
        cameraSelfTest(o, stop, [&](const CameraFrame&) {
            if (++frames == 2) {
                stop = true;
            }
        });
        QCOMPARE(frames, 2);
        QVERIFY(t.elapsed() < 10000);
    }

    void backend_listeningAndClosed_okThenError() {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const QUrl url(QStringLiteral("https://127.0.0.1:%1").arg(server.serverPort()));
        QCOMPARE(backendStatus(url, 2000).state, QStringLiteral("ok"));
        server.close();
        const CheckResult down = backendStatus(url, 2000);
        QCOMPARE(down.state, QStringLiteral("error"));
        QVERIFY(down.detail.contains(QStringLiteral("unreachable")));
        QCOMPARE(backendStatus(QUrl(), 100).state, QStringLiteral("error"));
    }

    void diskAndNetwork_realMachine_reported() {
        const CheckResult disk = diskStatus(m_dir.path());
        QVERIFY2(disk.state != QStringLiteral("error"), qPrintable(disk.detail));
        QVERIFY(disk.detail.contains(QStringLiteral("MB free")));
        QCOMPARE(diskStatus(QStringLiteral("/no/such/kiosk/data")).state, QStringLiteral("error"));
        const CheckResult net = networkStatus();
        QVERIFY(net.state == QStringLiteral("ok") || net.state == QStringLiteral("error"));
        QVERIFY(!net.detail.isEmpty());
    }

    void outboxItems_queueStats_readableRowsWithStates() {
        const QJsonObject healthy{{QStringLiteral("delivering"), true},
                                  {QStringLiteral("outbox"),
                                   QJsonObject{{QStringLiteral("pending"), 0},
                                               {QStringLiteral("due"), 0},
                                               {QStringLiteral("dead_letter"), 0},
                                               {QStringLiteral("delivered_total"), 12},
                                               {QStringLiteral("used_bytes"), 3 * 1024 * 1024},
                                               {QStringLiteral("limit_bytes"), 512 * 1024 * 1024},
                                               {QStringLiteral("accepting_work"), true}}}};
        auto items = outboxItems(healthy);
        for (const auto& i : items) {
            QVERIFY2(i.state != QStringLiteral("error") && i.state != QStringLiteral("warning"),
                     qPrintable(i.title + QStringLiteral(": ") + i.value));
        }
        QCOMPARE(items.first().title, QStringLiteral("Waiting"));
        QCOMPARE(items.first().value, QStringLiteral("0 (due now: 0)"));

        QJsonObject troubled = healthy;
        QJsonObject o = healthy.value(QLatin1String("outbox")).toObject();
        o.insert(QStringLiteral("pending"), 4);
        o.insert(QStringLiteral("dead_letter"), 1);
        o.insert(QStringLiteral("accepting_work"), false);
        troubled.insert(QStringLiteral("outbox"), o);
        troubled.insert(QStringLiteral("delivery_problem"),
                        QStringLiteral("portal: tls handshake failed"));
        QStringList states;
        for (const auto& i : outboxItems(troubled)) {
            states << i.title + QLatin1Char('=') + i.state;
        }
        QVERIFY2(states.contains(QStringLiteral("Waiting=warning")),
                 qPrintable(states.join(QLatin1Char(' '))));
        QVERIFY(states.contains(QStringLiteral("Failed for good=error")));
        QVERIFY(states.contains(QStringLiteral("Storage=error")));
        QVERIFY(states.contains(QStringLiteral("Delivery=error")));
        const auto broken =
            outboxItems(QJsonObject{{QStringLiteral("error"), QStringLiteral("no key")}});
        QCOMPARE(broken.size(), 1);
        QCOMPARE(broken.first().state, QStringLiteral("error"));
    }

    void menu_realParts_resultsShownAndAudited() {
        store::FileKeyStore keys(store::FileKeyStore::defaultPath(m_dir.path()));
        store::Store::Options so;
        so.dataDir = m_dir.path();
        so.keyStore = &keys;
        auto st = store::Store::open(so);
        QVERIFY(st);
        auto& db = (*st);
        TechnicianAuth::Options ao;
        ao.file = TechnicianAuth::defaultFile(m_dir.path());
        ao.kdf = KdfParams{1u << 10, 8, 1};
        ao.audit = [&db](const QString& e, const QString& s, const QString& d) {
            (void)db->audit(e, s, d);
        };
        auto auth = TechnicianAuth::open(ao);
        QVERIFY(auth);
        QVERIFY(auth->enroll(QStringLiteral("1001"), QStringLiteral("482915"), Role::Supervisor));

        printer::FilePrinter paper(m_dir.path() + QStringLiteral("/menu-receipts"));
        MenuPartsOptions parts;
        parts.kioskId = QStringLiteral("KIOSK-TEST-0001");
        parts.dataDir = m_dir.path();
        parts.cameraInput = clip();
        parts.cameraTestMs = 2000;
        parts.printer = &paper;
        QTcpServer backend;
        QVERIFY(backend.listen(QHostAddress::LocalHost));
        parts.backendUrl = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(backend.serverPort()));
        ui::MaintenanceMenu::Backend b;
        useRealParts(b, parts);

        ui::MaintenanceMenu menu(nullptr);
        menu.setAuth(std::make_unique<TechnicianAuth>(std::move(*auth)));
        menu.setBackend(b);
        menu.enter();
        QVERIFY(menu.signIn(QStringLiteral("1001"), QStringLiteral("482915")));
        // Device status: six real checks, off the GUI thread.
        QTRY_COMPARE_WITH_TIMEOUT(menu.status()->rowCount(), 6, 15000);
        QStringList titles;
        for (const auto& i : menu.status()->items()) {
            titles << i.title + QLatin1Char('=') + i.state;
        }
        QVERIFY2(titles.contains(QStringLiteral("Card reader=ok")),
                 qPrintable(titles.join(QLatin1Char(' '))));
        QVERIFY2(titles.contains(QStringLiteral("Camera=ok")),
                 qPrintable(titles.join(QLatin1Char(' '))));
        QVERIFY2(titles.contains(QStringLiteral("Backend=ok")),
                 qPrintable(titles.join(QLatin1Char(' '))));

        QVERIFY(menu.showPage(QStringLiteral("selftest")));
        QSignalSpy done(&menu, &ui::MaintenanceMenu::selfTestFinished);
        QVERIFY(menu.runSelfTest(QStringLiteral("card")));
        QVERIFY(menu.runSelfTest(QStringLiteral("printer")));
        QVERIFY(menu.runSelfTest(QStringLiteral("camera")));
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 3, 30000);
        QVERIFY(!menu.cameraRunning());
        QCOMPARE(menu.selfTests()->rowCount(), 3);
        for (const auto& i : menu.selfTests()->items()) {
            QVERIFY2(i.state == QStringLiteral("ok"),
                     qPrintable(i.title + QStringLiteral(": ") + i.value));
        }
        QCOMPARE(paper.jobs(), 1);

        QStringList audit;
        auto stmt = db->db().prepare(
            "SELECT event, subject, detail FROM audit WHERE event LIKE 'maintenance.self-test%' "
            "ORDER BY rowid;");
        while (stmt && *stmt->step()) {
            audit << stmt->text(0) + QLatin1Char(' ') + stmt->text(2);
        }
        QVERIFY2(audit.contains(QStringLiteral("maintenance.self-test card")),
                 qPrintable(audit.join(QLatin1Char('|'))));
        const auto results = audit.filter(QStringLiteral("maintenance.self-test.result"));
        QCOMPARE(results.size(), 3);
        QVERIFY(results.filter(QStringLiteral("card ok")).size() == 1);
        QVERIFY(results.filter(QStringLiteral("camera ok")).size() == 1);
        QVERIFY(results.filter(QStringLiteral("printer ok")).size() == 1);
        QVERIFY(!audit.join(QLatin1Char(' ')).contains(QStringLiteral("1101700230708")));
        menu.leave();
    }
};

QTEST_MAIN(TstMaintenanceSelfTests)
#include "tst_maintenance_self_tests.moc"
