// The maintenance menu rendered offscreen: hidden entry by a long press in
// the attract screen's corner, sign-in (wrong PIN, lockout), every page, in
// Thai and English, with the actions audited in the kiosk's store.
// The camera self-test runs on the real parts (camera driver on a recorded
// clip, face detection, landmarks, quality gate) and the logs page on the
// kiosk's own log buffer. Screens without live content are compared with
// reference pictures (as tst_journey_screens does); refresh them after an
// intended change:
//   KIOSK_UPDATE_UI_REFERENCES=1 ctest --test-dir build -R tst_maintenance_render
// Screenshots are kept in build/artifacts/ui/maintenance_*.png.
#include "autopilot.h"
#include "key_store.h"
#include "logging.h"
#include "maintenance_menu.h"
#include "maintenance_parts.h"
#include "shell.h"
#include "store.h"
#include "technician_auth.h"
#include "test_env.h"

#include <QDir>
#include <QJsonObject>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>
#include <QTextLayout>

Q_IMPORT_QML_PLUGIN(KioskPlugin)

using namespace kiosk;
using kiosk::ui::MaintenanceItem;
using kiosk::ui::MaintenanceMenu;
using kiosk::ui::Shell;

namespace {

QQuickItem* findItem(QQuickItem* root, const QString& objectName) {
    if (!root) {
        return nullptr;
    }
    if (root->objectName() == objectName) {
        return root;
    }
    for (QQuickItem* child : root->childItems()) {
        if (QQuickItem* found = findItem(child, objectName)) {
            return found;
        }
    }
    return nullptr;
}

bool noMissingGlyphs(const QString& text, const QFont& font) {
    QTextLayout layout(text, font);
    layout.beginLayout();
    while (layout.createLine().isValid()) {
    }
    layout.endLayout();
    for (const QGlyphRun& run : layout.glyphRuns()) {
        for (quint32 index : run.glyphIndexes()) {
            if (index == 0) {
                return false;
            }
        }
    }
    return true;
}

bool hasThai(const QString& s) {
    return std::any_of(s.begin(), s.end(),
                       [](QChar c) { return c.unicode() >= 0x0E01 && c.unicode() <= 0x0E5B; });
}

Q_LOGGING_CATEGORY(lcTestKiosk, "kiosk.test.maintenance")

// Reference pictures: 320x200 grayscale with a tolerance (see tst_journey_screens).
constexpr QSize kRefSize(320, 200);
constexpr double kMaxMeanDiff = 4.0;
constexpr double kMaxChangedShare = 0.02;

QImage thumbnail(const QImage& shot) {
    return shot.convertToFormat(QImage::Format_RGB32)
        .scaled(kRefSize, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
        .convertToFormat(QImage::Format_Grayscale8);
}

// Empty when `shot` matches reference `name` (or the reference was refreshed).
QString compareWithReference(const QString& name, const QImage& shot) {
    const QString dir = kiosk::test::sourceDir() + QStringLiteral("/tests/app/ui/reference");
    const QString path = dir + QStringLiteral("/maintenance_") + name + QStringLiteral(".png");
    const QImage thumb = thumbnail(shot);
    if (qEnvironmentVariableIntValue("KIOSK_UPDATE_UI_REFERENCES") == 1) {
        QDir().mkpath(dir);
        return thumb.save(path) ? QString() : QStringLiteral("cannot write ") + path;
    }
    const QImage ref = QImage(path).convertToFormat(QImage::Format_Grayscale8);
    if (ref.isNull() || ref.size() != thumb.size()) {
        return QStringLiteral("no reference %1 (KIOSK_UPDATE_UI_REFERENCES=1 writes it)").arg(path);
    }
    qint64 sum = 0;
    qint64 changed = 0;
    for (int y = 0; y < ref.height(); ++y) {
        for (int x = 0; x < ref.width(); ++x) {
            const int d = std::abs(int(ref.constScanLine(y)[x]) - int(thumb.constScanLine(y)[x]));
            sum += d;
            changed += d > 48 ? 1 : 0;
        }
    }
    const double n = double(ref.width()) * ref.height();
    if (sum / n > kMaxMeanDiff || changed / n > kMaxChangedShare) {
        thumb.save(kiosk::test::artifactsDir(QStringLiteral("ui")) +
                   QStringLiteral("/maintenance_") + name + QStringLiteral("_thumb.png"));
        return QStringLiteral("%1 differs from its reference: mean %2, changed %3%")
            .arg(name)
            .arg(sum / n, 0, 'f', 2)
            .arg(changed / n * 100, 0, 'f', 2);
    }
    return {};
}

// Pixels of the overlay's "passes the gate" green inside `area`.
int overlayGreenPixels(const QImage& shot, const QRect& area) {
    const QImage img = shot.convertToFormat(QImage::Format_RGB32);
    int n = 0;
    for (int y = std::max(0, area.top()); y <= std::min(img.height() - 1, area.bottom()); ++y) {
        for (int x = std::max(0, area.left()); x <= std::min(img.width() - 1, area.right()); ++x) {
            const QColor c = img.pixelColor(x, y);
            n += std::abs(c.red() - 0x38) < 20 && std::abs(c.green() - 0xa1) < 20 &&
                         std::abs(c.blue() - 0x69) < 20
                     ? 1
                     : 0;
        }
    }
    return n;
}

}  // namespace

class TstMaintenanceRender : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<store::FileKeyStore> m_keys;
    std::unique_ptr<store::Store> m_store;
    std::unique_ptr<Shell> m_shell;
    std::unique_ptr<MaintenanceMenu> m_menu;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow* m_window = nullptr;
    int m_retries = 0;
    int m_restarts = 0;

    QImage shoot(const QString& name) {
        QTest::qWait(300);
        const QImage shot = m_window->grabWindow();
        shot.save(kiosk::test::artifactsDir(QStringLiteral("ui")) +
                  QStringLiteral("/maintenance_%1.png").arg(name));
        return shot;
    }

    QStringList audit() {
        QStringList out;
        auto stmt = m_store->db().prepare("SELECT event, subject FROM audit ORDER BY rowid;");
        while (stmt && *stmt->step()) {
            out << stmt->text(0) + QLatin1Char(' ') + stmt->text(1);
        }
        return out;
    }

    QString listText() {
        auto* list = findItem(m_window->contentItem(), QStringLiteral("maintenanceList"));
        return list ? QString::number(list->property("count").toInt()) : QString();
    }

private slots:
    void initTestCase() {
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
        m_keys =
            std::make_unique<store::FileKeyStore>(store::FileKeyStore::defaultPath(m_dir.path()));
        store::Store::Options so;
        so.dataDir = m_dir.path();
        so.keyStore = m_keys.get();
        auto s = store::Store::open(so);
        QVERIFY(s);
        m_store = std::move(*s);

        maintenance::TechnicianAuth::Options ao;
        ao.file = maintenance::TechnicianAuth::defaultFile(m_dir.path());
        ao.kdf = maintenance::KdfParams{1u << 10, 8, 1};
        ao.audit = [this](const QString& e, const QString& subj, const QString& d) {
            (void)m_store->audit(e, subj, d);
        };
        auto auth = maintenance::TechnicianAuth::open(ao);
        QVERIFY(auth);
        QVERIFY(auth->enroll(QStringLiteral("1001"), QStringLiteral("482915"),
                             maintenance::Role::Supervisor));
        auto sup = auth->signIn(QStringLiteral("1001"), QStringLiteral("482915"));
        QVERIFY(auth->enroll(QStringLiteral("2002"), QStringLiteral("730264"),
                             maintenance::Role::Technician, &*sup));

        m_menu = std::make_unique<MaintenanceMenu>(nullptr);
        m_menu->setAuth(std::make_unique<maintenance::TechnicianAuth>(std::move(*auth)));
        MaintenanceMenu::Backend b;
        b.deviceStatus = [] {
            return QList<MaintenanceItem>{
                {QStringLiteral("Card reader"), QStringLiteral("ACS ACR39U: ready"),
                 QStringLiteral("ok")},
                {QStringLiteral("Camera"), QStringLiteral("/dev/kiosk/camera-0: 1280x720"),
                 QStringLiteral("ok")},
                {QStringLiteral("Printer"), QStringLiteral("paper low"), QStringLiteral("warning")},
                {QStringLiteral("Network"), QStringLiteral("eth0 up"), QStringLiteral("ok")},
                {QStringLiteral("Disk"), QStringLiteral("41% used"), QStringLiteral("ok")},
                {QStringLiteral("Backend"), QStringLiteral("unreachable for 3 min"),
                 QStringLiteral("error")}};
        };
        // The offline queue's stats as the kiosk reports them, in the menu's rows.
        b.outbox = [this] {
            return maintenance::outboxItems(QJsonObject{
                {QStringLiteral("delivering"), true},
                {QStringLiteral("outbox"),
                 QJsonObject{
                     {QStringLiteral("pending"), 3 - m_retries},
                     {QStringLiteral("due"), 1},
                     {QStringLiteral("dead_letter"), 0},
                     {QStringLiteral("oldest_created_at"), QStringLiteral("2026-11-23T08:51:10Z")},
                     {QStringLiteral("delivered_total"), 41},
                     {QStringLiteral("used_bytes"), 6 * 1024 * 1024},
                     {QStringLiteral("limit_bytes"), 512 * 1024 * 1024},
                     {QStringLiteral("accepting_work"), true}}}});
        };
        b.configHistory = [] {
            return QList<MaintenanceItem>{
                {QStringLiteral("v7"), QStringLiteral("committed 2026-11-20"),
                 QStringLiteral("ok")},
                {QStringLiteral("v8"), QStringLiteral("rolled back: backend unreachable"),
                 QStringLiteral("error")}};
        };
        b.configVersion = [] { return QStringLiteral("7"); };
        b.selfTest = [](const QString& test) {
            return MaintenanceItem{test, QStringLiteral("passed"), QStringLiteral("ok")};
        };
        b.retryOutbox = [this] {
            ++m_retries;
            return true;
        };
        b.restart = [this] { ++m_restarts; };
        // The camera self-test on the real camera driver and face detection.
        maintenance::MenuPartsOptions parts;
        parts.cameraInput =
            kiosk::test::sharedDataDir() + QStringLiteral("/video/katie_hill_talk.mp4");
        parts.cameraTestMs = 30000;  // the test stops it
        MaintenanceMenu::Backend real;
        maintenance::useRealParts(real, parts);
        b.cameraTest = real.cameraTest;
        m_menu->setBackend(b);
        // The logs page shows this process's own log lines, redacted.
        kiosk::logging::install({});
        qCInfo(lcTestKiosk) << "card read for"
                            << "1101700230708";
        qCWarning(lcTestKiosk).noquote() << "portal timeout for นาย สมชาย ทดสอบดี, queued";
        MaintenanceMenu::setInstance(m_menu.get());

        m_shell = std::make_unique<Shell>(Shell::Options{});
        Shell::setInstance(m_shell.get());
        m_engine = std::make_unique<QQmlApplicationEngine>();
        m_engine->load(QUrl(QStringLiteral("qrc:/qt/qml/Kiosk/Main.qml")));
        QVERIFY(!m_engine->rootObjects().isEmpty());
        m_window = qobject_cast<QQuickWindow*>(m_engine->rootObjects().first());
        QVERIFY(m_window);
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
    }

    void corner_shortTap_doesNotOpen() {
        auto* corner = findItem(m_window->contentItem(), QStringLiteral("maintenanceCorner"));
        QVERIFY(corner);
        const QPoint p =
            corner->mapToScene(QPointF(corner->width() / 2, corner->height() / 2)).toPoint();
        QTest::mouseClick(m_window, Qt::LeftButton, {}, p);
        QTest::qWait(200);
        QVERIFY(!m_menu->active());
        m_shell->cancel();  // a tap elsewhere may have started a session
    }

    void corner_longPress_opensSignIn() {
        QTRY_VERIFY(findItem(m_window->contentItem(), QStringLiteral("maintenanceCorner")));
        auto* corner = findItem(m_window->contentItem(), QStringLiteral("maintenanceCorner"));
        const QPoint p =
            corner->mapToScene(QPointF(corner->width() / 2, corner->height() / 2)).toPoint();
        QTest::mousePress(m_window, Qt::LeftButton, {}, p);
        QTRY_VERIFY_WITH_TIMEOUT(m_menu->active(), 5000);
        QTest::mouseRelease(m_window, Qt::LeftButton, {}, p);
        QTRY_VERIFY(findItem(m_window->contentItem(), QStringLiteral("maintenanceSignIn")));
        QVERIFY(m_shell->setLanguage(QStringLiteral("th")));
        const QImage shot = shoot(QStringLiteral("signin_th"));
        QVERIFY(kiosk::ui::Autopilot::looksRendered(shot));
        const QString diff = compareWithReference(QStringLiteral("signin_th"), shot);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    void signIn_wrongPin_messageWithAttemptsLeft() {
        QVERIFY(!m_menu->signIn(QStringLiteral("2002"), QStringLiteral("000001")));
        QCOMPARE(m_menu->result(), QStringLiteral("wrong-credentials"));
        QCOMPARE(m_menu->attemptsLeft(), 4);
        auto* msg = findItem(m_window->contentItem(), QStringLiteral("signInMessage"));
        QVERIFY(msg);
        QTRY_VERIFY(hasThai(msg->property("text").toString()));
        QVERIFY(noMissingGlyphs(msg->property("text").toString(),
                                msg->property("font").value<QFont>()));
        QVERIFY(kiosk::ui::Autopilot::looksRendered(shoot(QStringLiteral("signin_wrong_th"))));
        QVERIFY(audit().contains(QStringLiteral("maintenance.signin.failed 2002")));
    }

    void pages_technician_renderedAndAudited_data() {
        QTest::addColumn<QString>("language");
        QTest::newRow("thai") << QStringLiteral("th");
        QTest::newRow("english") << QStringLiteral("en");
    }

    void pages_technician_renderedAndAudited() {
        QFETCH(QString, language);
        QVERIFY(m_shell->setLanguage(language));
        QVERIFY(m_menu->signIn(QStringLiteral("2002"), QStringLiteral("730264")));
        for (const char* page : {"status", "selftest", "logs", "outbox", "config", "restart"}) {
            QVERIFY2(m_menu->showPage(QLatin1String(page)), page);
            if (QLatin1String(page) == QLatin1String("selftest")) {
                QVERIFY(m_menu->runSelfTest(QStringLiteral("card")));
            }
            if (QLatin1String(page) == QLatin1String("outbox")) {
                QVERIFY(m_menu->retryOutbox());
            }
            // Device checks and self-tests finish on the worker thread.
            QTRY_VERIFY_WITH_TIMEOUT(!m_menu->busy(), 10000);
            if (QLatin1String(page) != QLatin1String("restart")) {
                QTRY_VERIFY2(listText().toInt() > 0, page);
            }
            const QString name = QStringLiteral("%1_%2").arg(QLatin1String(page), language);
            const QImage shot = shoot(name);
            QVERIFY2(kiosk::ui::Autopilot::looksRendered(shot), page);
            if (QLatin1String(page) != QLatin1String("logs")) {  // live log lines
                const QString diff = compareWithReference(name, shot);
                QVERIFY2(diff.isEmpty(), qPrintable(diff));
            }
            if (QLatin1String(page) == QLatin1String("logs")) {
                QStringList shown;
                for (const auto& item : m_menu->logs()->items()) {
                    shown << item.title + QLatin1Char(' ') + item.value;
                }
                const QString all = shown.join(QLatin1Char('\n'));
                QVERIFY2(all.contains(QStringLiteral("card read for 1-1017-xxxxx-xx-8")),
                         qPrintable(all));
                QVERIFY(all.contains(QStringLiteral("portal timeout for [th], queued")));
                QVERIFY(!all.contains(QStringLiteral("1101700230708")));
                QVERIFY(!hasThai(all));
            }
        }
        const QStringList events = audit();
        QVERIFY(events.contains(QStringLiteral("maintenance.signin 2002")));
        QVERIFY(events.contains(QStringLiteral("maintenance.self-test 2002")));
        QVERIFY(events.contains(QStringLiteral("maintenance.self-test.result 2002")));
        QVERIFY(events.contains(QStringLiteral("maintenance.outbox-retry.result 2002")));
        QVERIFY(events.contains(QStringLiteral("maintenance.view-logs 2002")));
        QVERIFY(events.contains(QStringLiteral("maintenance.outbox-retry 2002")));
        m_menu->signOut();
        QCOMPARE(m_menu->status()->rowCount(), 0);  // nothing left for the next person
    }

    void selfTest_camera_previewWithFaceOverlayAndVerdict_data() {
        QTest::addColumn<QString>("language");
        QTest::newRow("thai") << QStringLiteral("th");
        QTest::newRow("english") << QStringLiteral("en");
    }

    void selfTest_camera_previewWithFaceOverlayAndVerdict() {
        QFETCH(QString, language);
        QVERIFY(m_shell->setLanguage(language));
        QVERIFY(m_menu->signIn(QStringLiteral("2002"), QStringLiteral("730264")));
        QVERIFY(m_menu->showPage(QStringLiteral("selftest")));
        QVERIFY(m_menu->runSelfTest(QStringLiteral("camera")));
        QVERIFY(m_menu->cameraRunning());
        QTRY_COMPARE_WITH_TIMEOUT(m_menu->cameraVerdict(), QStringLiteral("ok"), 20000);
        QCOMPARE(m_menu->preview().landmarks.size(), 68);
        auto* preview = findItem(m_window->contentItem(), QStringLiteral("cameraPreview"));
        QVERIFY(preview);
        QTRY_VERIFY(preview->isVisible());
        auto* verdict = findItem(m_window->contentItem(), QStringLiteral("cameraVerdict"));
        QVERIFY(verdict);
        const QString verdictText = verdict->property("text").toString();
        QCOMPARE(hasThai(verdictText), language == QLatin1String("th"));
        QVERIFY(noMissingGlyphs(verdictText, verdict->property("font").value<QFont>()));
        const QImage shot = shoot(QStringLiteral("selftest_camera_%1").arg(language));
        QVERIFY(kiosk::ui::Autopilot::looksRendered(shot));
        // The face box is drawn over the preview, in the colour of a passed gate.
        const QRectF area =
            preview->mapRectToScene(QRectF(0, 0, preview->width(), preview->height()));
        const double dpr = shot.devicePixelRatio();
        const QRect px(int(area.left() * dpr), int(area.top() * dpr), int(area.width() * dpr),
                       int(area.height() * dpr));
        QVERIFY2(overlayGreenPixels(shot, px) > 100,
                 qPrintable(QString::number(overlayGreenPixels(shot, px))));
        m_menu->stopCamera();
        QTRY_VERIFY_WITH_TIMEOUT(!m_menu->cameraRunning(), 10000);
        QCOMPARE(m_menu->selfTests()->items().first().title, QStringLiteral("camera"));
        QCOMPARE(m_menu->selfTests()->items().first().state, QStringLiteral("ok"));
        const QStringList events = audit();
        QVERIFY(events.contains(QStringLiteral("maintenance.self-test.result 2002")));
        m_menu->signOut();
        QVERIFY(m_menu->preview().image.isNull());  // nothing left for the next person
    }

    void selfTest_cameraLeftRunning_stoppedBySignOut() {
        QVERIFY(m_menu->signIn(QStringLiteral("2002"), QStringLiteral("730264")));
        QVERIFY(m_menu->showPage(QStringLiteral("selftest")));
        QVERIFY(m_menu->runSelfTest(QStringLiteral("camera")));
        QTRY_VERIFY_WITH_TIMEOUT(!m_menu->cameraVerdict().isEmpty(), 20000);
        m_menu->signOut();
        QVERIFY(m_menu->waitIdle(10000));
        QTRY_VERIFY(!m_menu->busy());
        QVERIFY(m_menu->cameraVerdict().isEmpty());
    }

    void restart_confirmed_auditedAndMenuClosed() {
        QVERIFY(m_menu->signIn(QStringLiteral("2002"), QStringLiteral("730264")));
        QVERIFY(m_menu->showPage(QStringLiteral("restart")));
        QVERIFY(m_menu->restart());
        QCOMPARE(m_restarts, 1);
        QVERIFY(!m_menu->active());
        QVERIFY(audit().contains(QStringLiteral("maintenance.restart 2002")));
        QTRY_VERIFY(!findItem(m_window->contentItem(), QStringLiteral("maintenanceScreen")));
    }

    void signIn_fiveFailures_lockedOutShown() {
        m_menu->enter();
        QVERIFY(m_shell->setLanguage(QStringLiteral("th")));
        for (int i = 0; i < 5; ++i) {
            QVERIFY(!m_menu->signIn(QStringLiteral("2002"), QStringLiteral("000001")));
        }
        QCOMPARE(m_menu->result(), QStringLiteral("locked-out"));
        QVERIFY(!m_menu->signIn(QStringLiteral("2002"), QStringLiteral("730264")));
        QVERIFY(m_menu->lockedForS() > 0);
        QVERIFY(kiosk::ui::Autopilot::looksRendered(shoot(QStringLiteral("locked_th"))));
        QVERIFY(audit().contains(QStringLiteral("maintenance.lockout 2002")));
        m_menu->leave();
    }

    void cleanupTestCase() {
        m_engine.reset();
        MaintenanceMenu::setInstance(nullptr);
        m_menu.reset();
        m_shell.reset();
    }
};

QTEST_MAIN(TstMaintenanceRender)
#include "tst_maintenance_render.moc"
