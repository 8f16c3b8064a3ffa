// Every journey screen, in Thai and in English, rendered offscreen on the
// in-process fakes and compared with a reference picture.
//
// Why references at 320x200 grayscale with a tolerance, plus structural
// checks: the screens hold animations (the attract button's pulse, the
// insert-card animation, the busy ring) and anti-aliased text whose pixels
// shift slightly between font and rasterizer builds. A downscaled grayscale
// copy keeps the layout, the colours' weight and the text blocks, which is
// what a broken screen changes, while those small shifts average out; the
// files stay small enough to commit (our own renderings, fictional citizen).
// The structural checks (title present, in the right script, with no
// missing glyphs) catch what a tolerance could let through.
//
// Refresh the references after an intended change:
//   KIOSK_UPDATE_UI_REFERENCES=1 ctest --test-dir build -R tst_journey_screens
#include "autopilot.h"
#include "fake_journey_parts.h"
#include "session.h"
#include "shell.h"
#include "test_env.h"

#include <QDir>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTest>
#include <QTextLayout>

Q_IMPORT_QML_PLUGIN(KioskPlugin)

using kiosk::journey::FakeJourneyParts;
using kiosk::ui::Session;
using kiosk::ui::Shell;

namespace {

constexpr QSize kRefSize(320, 200);
// Mean absolute difference (0..255) and share of clearly different pixels allowed.
constexpr double kMaxMeanDiff = 4.0;
constexpr double kMaxChangedShare = 0.02;

QString referenceDir() {
    return kiosk::test::sourceDir() + QStringLiteral("/tests/app/ui/reference");
}

QImage thumbnail(const QImage& shot) {
    return shot.convertToFormat(QImage::Format_RGB32)
        .scaled(kRefSize, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
        .convertToFormat(QImage::Format_Grayscale8);
}

struct Diff {
    double mean = 0;
    double changedShare = 0;
};

Diff compare(const QImage& a, const QImage& b) {
    Diff d;
    if (a.size() != b.size()) {
        d.mean = 255;
        d.changedShare = 1;
        return d;
    }
    qint64 sum = 0;
    qint64 changed = 0;
    for (int y = 0; y < a.height(); ++y) {
        const uchar* la = a.constScanLine(y);
        const uchar* lb = b.constScanLine(y);
        for (int x = 0; x < a.width(); ++x) {
            const int diff = std::abs(int(la[x]) - int(lb[x]));
            sum += diff;
            changed += diff > 48 ? 1 : 0;
        }
    }
    const double n = double(a.width()) * a.height();
    d.mean = sum / n;
    d.changedShare = changed / n;
    return d;
}

QString missingGlyphs(const QString& text, const QFont& font) {
    QTextLayout layout(text, font);
    layout.beginLayout();
    while (layout.createLine().isValid()) {
    }
    layout.endLayout();
    for (const QGlyphRun& run : layout.glyphRuns()) {
        for (quint32 index : run.glyphIndexes()) {
            if (index == 0) {
                return QStringLiteral("missing glyph in %1").arg(run.rawFont().familyName());
            }
        }
    }
    return {};
}

QQuickItem* findItem(QQuickItem* root, const QString& objectName) {
    if (!root) {
        return nullptr;
    }
    if (root->objectName() == objectName && root->isVisible()) {
        return root;
    }
    for (QQuickItem* child : root->childItems()) {
        if (QQuickItem* found = findItem(child, objectName)) {
            return found;
        }
    }
    return nullptr;
}

bool hasThai(const QString& s) {
    return std::any_of(s.begin(), s.end(),
                       [](QChar c) { return c.unicode() >= 0x0E01 && c.unicode() <= 0x0E5B; });
}

}  // namespace

class TestJourneyScreens : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
        Shell::Options o;
        o.kioskId = QStringLiteral("KIOSK-TEST-1");
        o.idleTimeoutMs = 3600000;
        o.fullscreen = false;  // the 1280x800 window, as in service
        m_shell = std::make_unique<Shell>(o);
        Shell::setInstance(m_shell.get());
        Session::Options so;
        so.now = [] { return QDateTime(QDate(2026, 11, 23), QTime(9, 0)); };
        so.endingMs = 3600000;
        m_session = std::make_unique<Session>(
            m_shell.get(),
            Session::Ports{&m_fakes, &m_fakes, &m_fakes, &m_fakes, &m_fakes, &m_fakes}, so);
        Session::setInstance(m_session.get());
        m_engine = std::make_unique<QQmlApplicationEngine>();
        m_engine->load(QUrl(QStringLiteral("qrc:/qt/qml/Kiosk/Main.qml")));
        QVERIFY(!m_engine->rootObjects().isEmpty());
        m_window = qobject_cast<QQuickWindow*>(m_engine->rootObjects().first());
        QVERIFY(m_window);
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
    }

    void screen_language_matchesReference_data() {
        QTest::addColumn<QString>("screen");
        QTest::addColumn<QString>("language");
        const QStringList screens = {
            QStringLiteral("attract"),
            QStringLiteral("language"),
            QStringLiteral("privacy"),
            QStringLiteral("insert_card"),
            QStringLiteral("reading"),
            QStringLiteral("card_image_front"),
            QStringLiteral("card_image"),
            QStringLiteral("face_capture"),
            QStringLiteral("liveness"),
            QStringLiteral("verifying"),
            QStringLiteral("result"),
            QStringLiteral("binding"),
            QStringLiteral("services"),
            QStringLiteral("entitlement"),
            QStringLiteral("queue_booking"),
            QStringLiteral("request_form"),
            QStringLiteral("complaint"),
            QStringLiteral("payment"),
            QStringLiteral("status_tracking"),
            QStringLiteral("submitted"),
            QStringLiteral("error"),
            QStringLiteral("ending"),
            QStringLiteral("offline_submitted"),
            QStringLiteral("large_contrast"),
        };
        for (const QString& lang : {QStringLiteral("th"), QStringLiteral("en")}) {
            for (const QString& s : screens) {
                QTest::newRow(qPrintable(s + QLatin1Char('_') + lang)) << s << lang;
            }
        }
    }
    void screen_language_matchesReference() {
        QFETCH(QString, screen);
        QFETCH(QString, language);
        QVERIFY2(driveTo(screen, language),
                 qPrintable(
                     QStringLiteral("could not reach %1, at %2").arg(screen, m_session->screen())));
        m_fakes.behaviour().hold = true;
        QTest::qWait(350);  // the Loader swaps, a frame is drawn
        const QImage shot = m_window->grabWindow();
        const QString name = screen + QLatin1Char('_') + language;
        const QString artifacts = kiosk::test::artifactsDir(QStringLiteral("journey_screens"));
        QVERIFY(shot.save(artifacts + QLatin1Char('/') + name + QStringLiteral(".png")));
        QVERIFY2(kiosk::ui::Autopilot::looksRendered(shot),
                 qPrintable(name + QStringLiteral(" is blank")));

        // Structure: a title in the right script, every glyph in the font.
        QQuickItem* title = nullptr;
        for (const char* id : {"screenTitle", "insertCardTitle", "attractTitle"}) {
            title = title ? title : findItem(m_window->contentItem(), QString::fromLatin1(id));
        }
        if (title) {
            const QString text = title->property("text").toString();
            QVERIFY2(!text.isEmpty(), qPrintable(name));
            if (language == QLatin1String("th")) {
                QVERIFY2(hasThai(text), qPrintable(name + QStringLiteral(": ") + text));
            } else if (screen != QLatin1String("language")) {
                QVERIFY2(!hasThai(text), qPrintable(name + QStringLiteral(": ") + text));
            }
            const QString missing = missingGlyphs(text, title->property("font").value<QFont>());
            QVERIFY2(missing.isEmpty(), qPrintable(name + QStringLiteral(": ") + missing));
        } else {
            QVERIFY2(screen == QLatin1String("attract"),
                     qPrintable(name + QStringLiteral(" has no title")));
        }

        const QImage thumb = thumbnail(shot);
        const QString refPath = referenceDir() + QLatin1Char('/') + name + QStringLiteral(".png");
        if (qEnvironmentVariableIntValue("KIOSK_UPDATE_UI_REFERENCES") == 1) {
            QDir().mkpath(referenceDir());
            QVERIFY(thumb.save(refPath));
            return;
        }
        const QImage ref = QImage(refPath).convertToFormat(QImage::Format_Grayscale8);
        QVERIFY2(
            !ref.isNull(),
            qPrintable(QStringLiteral("no reference %1 (KIOSK_UPDATE_UI_REFERENCES=1 writes it)")
                           .arg(refPath)));
        const Diff d = compare(thumb, ref);
        if (d.mean > kMaxMeanDiff || d.changedShare > kMaxChangedShare) {
            thumb.save(artifacts + QLatin1Char('/') + name + QStringLiteral("_thumb.png"));
        }
        QVERIFY2(d.mean <= kMaxMeanDiff && d.changedShare <= kMaxChangedShare,
                 qPrintable(QStringLiteral("%1 differs from its reference: mean %2, changed %3%")
                                .arg(name)
                                .arg(d.mean, 0, 'f', 2)
                                .arg(d.changedShare * 100, 0, 'f', 2)));
    }

    // The comparison itself must notice a different screen.
    void compare_differentScreens_overTolerance() {
        QVERIFY(driveTo(QStringLiteral("privacy"), QStringLiteral("en")));
        QTest::qWait(350);
        const QImage a = thumbnail(m_window->grabWindow());
        m_session->acceptConsent();
        QTest::qWait(350);
        const QImage b = thumbnail(m_window->grabWindow());
        const Diff d = compare(a, b);
        QVERIFY2(d.mean > kMaxMeanDiff || d.changedShare > kMaxChangedShare,
                 qPrintable(QStringLiteral("mean %1").arg(d.mean)));
        const Diff same = compare(a, a);
        QCOMPARE(same.mean, 0.0);
    }

    void cleanupTestCase() {
        m_engine.reset();
        m_session.reset();
        m_shell.reset();
    }

private:
    bool waitScreen(const QString& screen, std::function<bool()> extra = {}) {
        return QTest::qWaitFor([&] { return m_session->screen() == screen && (!extra || extra()); },
                               8000);
    }

    bool toServices(const QString& lang) {
        m_session->start();
        m_session->chooseLanguage(lang);
        m_session->acceptConsent();
        m_session->cardInserted();
        if (!waitScreen(QStringLiteral("result"))) {
            return false;
        }
        m_session->next();
        m_session->submitCode(FakeJourneyParts::bindingCode());
        return m_session->screen() == QLatin1String("services");
    }

    bool driveTo(const QString& screen, const QString& lang) {
        // Start every screen from a fresh session.
        m_fakes.behaviour() = FakeJourneyParts::Behaviour{};
        m_fakes.behaviour().stepMs = 20;
        m_fakes.behaviour().verifyMs = 20;
        m_session->cardRemoved();
        m_session->cancel();
        m_session->backendUp();
        m_shell->setLanguage(lang);
        auto progressAtLeast = [this](const char* key, double v) {
            return [this, key, v] {
                return m_session->progress().value(QString::fromLatin1(key)).toDouble() >= v;
            };
        };
        if (screen == QLatin1String("attract")) {
            return m_session->screen() == QLatin1String("attract");
        }
        m_session->start();
        if (screen == QLatin1String("language")) {
            return waitScreen(screen);
        }
        m_session->chooseLanguage(lang);
        if (screen == QLatin1String("privacy")) {
            return waitScreen(screen);
        }
        m_session->acceptConsent();
        if (screen == QLatin1String("insert_card")) {
            return waitScreen(screen);
        }
        if (screen == QLatin1String("error")) {
            m_fakes.behaviour().cardFails = true;
        }
        if (screen == QLatin1String("verifying")) {
            m_fakes.behaviour().verifyMs = 3600000;
        }
        m_session->cardInserted();
        if (screen == QLatin1String("reading")) {
            return waitScreen(screen, progressAtLeast("step", 2));
        }
        if (screen.startsWith(QLatin1String("card_image"))) {
            // The front, then the back, on the same screen.
            const QString side = screen == QLatin1String("card_image_front")
                                     ? QStringLiteral("front")
                                     : QStringLiteral("back");
            return waitScreen(QStringLiteral("card_image"), [this, side, progressAtLeast] {
                return m_session->progress().value(QStringLiteral("side")) == side &&
                       progressAtLeast("value", 0.5)();
            });
        }
        if (screen == QLatin1String("face_capture")) {
            return waitScreen(screen, progressAtLeast("value", 0.5));
        }
        if (screen == QLatin1String("liveness")) {
            return waitScreen(screen, progressAtLeast("index", 1));
        }
        if (screen == QLatin1String("verifying") || screen == QLatin1String("result") ||
            screen == QLatin1String("error")) {
            return waitScreen(screen);
        }
        if (!waitScreen(QStringLiteral("result"))) {
            return false;
        }
        m_session->next();
        if (screen == QLatin1String("binding")) {
            return waitScreen(screen);
        }
        m_session->submitCode(FakeJourneyParts::bindingCode());
        if (screen == QLatin1String("services")) {
            return waitScreen(screen);
        }
        if (screen == QLatin1String("large_contrast")) {
            m_shell->setTextScale(1.6);
            m_shell->setHighContrast(true);
            m_session->openService(QStringLiteral("welfare.card"));
            return waitScreen(QStringLiteral("request_form"));
        }
        if (screen == QLatin1String("ending")) {
            m_session->finish();
            return waitScreen(screen);
        }
        static const QHash<QString, QString> kService = {
            {QStringLiteral("entitlement"), QStringLiteral("health.coverage")},
            {QStringLiteral("queue_booking"), QStringLiteral("registration.queue")},
            {QStringLiteral("submitted"), QStringLiteral("registration.queue")},
            {QStringLiteral("request_form"), QStringLiteral("welfare.card")},
            {QStringLiteral("complaint"), QStringLiteral("general.complaint")},
            {QStringLiteral("offline_submitted"), QStringLiteral("general.complaint")},
            {QStringLiteral("payment"), QStringLiteral("registration.fee")},
            {QStringLiteral("status_tracking"), QStringLiteral("general.status")},
        };
        if (screen == QLatin1String("offline_submitted")) {
            m_session->backendDown();
        }
        m_session->openService(kService.value(screen));
        if (screen == QLatin1String("entitlement")) {
            return waitScreen(screen, [this] {
                return m_session->service().value(QStringLiteral("loading")) == false;
            });
        }
        if (screen == QLatin1String("queue_booking") || screen == QLatin1String("submitted")) {
            m_session->selectSlot(1);
            if (screen == QLatin1String("submitted")) {
                m_session->submit();
                return waitScreen(screen, [this] {
                    return !m_session->receipt()
                                .value(QStringLiteral("reference"))
                                .toString()
                                .isEmpty();
                });
            }
        }
        if (screen == QLatin1String("offline_submitted")) {
            m_session->setField(QStringLiteral("complaint"), QStringLiteral("x"));
            m_session->submit();
            return waitScreen(QStringLiteral("submitted"));
        }
        return waitScreen(screen);
    }

    FakeJourneyParts m_fakes;
    std::unique_ptr<Shell> m_shell;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow* m_window = nullptr;
};

QTEST_MAIN(TestJourneyScreens)
#include "tst_journey_screens.moc"
