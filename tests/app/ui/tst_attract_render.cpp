// Renders the attract screen offscreen in Thai and in English and checks
// that real glyphs were drawn (no missing-glyph boxes) and the picture is
// not blank. The screenshots are kept in build/artifacts/ui/.
#include "autopilot.h"
#include "shell.h"
#include "test_env.h"

#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTest>
#include <QTextLayout>

Q_IMPORT_QML_PLUGIN(KioskPlugin)

using kiosk::ui::Shell;

namespace {

// Every glyph Qt shapes for `text` in `font` exists in the font that draws it
// (glyph index 0 is the .notdef "tofu" box).
QString missingGlyphs(const QString& text, const QFont& font) {
    QTextLayout layout(text, font);
    layout.beginLayout();
    while (layout.createLine().isValid()) {
    }
    layout.endLayout();
    QString problems;
    int glyphs = 0;
    for (const QGlyphRun& run : layout.glyphRuns()) {
        for (quint32 index : run.glyphIndexes()) {
            ++glyphs;
            if (index == 0) {
                problems +=
                    QStringLiteral("missing glyph in font %1; ").arg(run.rawFont().familyName());
            }
        }
    }
    if (glyphs == 0) {
        problems = QStringLiteral("no glyphs shaped");
    }
    return problems;
}

// Share of pixels inside `rect` that differ clearly from the corner colour.
double inkShare(const QImage& image, const QRect& rect) {
    const QRect r = rect.intersected(image.rect());
    if (r.isEmpty()) {
        return 0;
    }
    const QColor bg = image.pixelColor(r.topLeft());
    int ink = 0;
    for (int y = r.top(); y <= r.bottom(); ++y) {
        for (int x = r.left(); x <= r.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - bg.red()) + std::abs(c.green() - bg.green()) +
                    std::abs(c.blue() - bg.blue()) >
                120) {
                ++ink;
            }
        }
    }
    return double(ink) / (r.width() * r.height());
}

// Searches the visual item tree (a Loader's item is not a QObject child of the window).
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

bool hasThai(const QString& s) {
    return std::any_of(s.begin(), s.end(),
                       [](QChar c) { return c.unicode() >= 0x0E01 && c.unicode() <= 0x0E5B; });
}

}  // namespace

class TestAttractRender : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
        m_shell = std::make_unique<Shell>(Shell::Options{});
        Shell::setInstance(m_shell.get());
        m_engine = std::make_unique<QQmlApplicationEngine>();
        m_engine->load(QUrl(QStringLiteral("qrc:/qt/qml/Kiosk/Main.qml")));
        QVERIFY(!m_engine->rootObjects().isEmpty());
        m_window = qobject_cast<QQuickWindow*>(m_engine->rootObjects().first());
        QVERIFY(m_window);
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
    }

    // The detector itself must fire on code points no installed font covers.
    void missingGlyphs_unassignedCodePoints_detected() {
        QFont font(QStringLiteral("Laksaman"));
        QVERIFY(!missingGlyphs(QString(QChar(0x0378)) + QChar(0x0379), font).isEmpty());
        QVERIFY(missingGlyphs(QStringLiteral("\u0E01\u0E02"), font).isEmpty());
    }

    void attract_language_realGlyphsDrawn_data() {
        QTest::addColumn<QString>("language");
        QTest::newRow("thai") << QStringLiteral("th");
        QTest::newRow("english") << QStringLiteral("en");
    }
    void attract_language_realGlyphsDrawn() {
        QFETCH(QString, language);
        QVERIFY(m_shell->setLanguage(language));
        QTest::qWait(400);
        const QImage shot = m_window->grabWindow();
        const QString file = kiosk::test::artifactsDir(QStringLiteral("ui")) +
                             QStringLiteral("/attract_%1.png").arg(language);
        QVERIFY(shot.save(file));
        QVERIFY2(kiosk::ui::Autopilot::looksRendered(shot),
                 qPrintable(file + QStringLiteral(" looks blank")));

        auto* title = findItem(m_window->contentItem(), QStringLiteral("attractTitle"));
        QVERIFY(title);
        const QString text = title->property("text").toString();
        if (language == QLatin1String("th")) {
            QVERIFY2(hasThai(text), qPrintable(text));
        } else {
            QCOMPARE(text, QStringLiteral("Government Services Kiosk"));
        }
        const QString missing = missingGlyphs(text, title->property("font").value<QFont>());
        QVERIFY2(missing.isEmpty(), qPrintable(missing));

        // The title's area really has ink in the screenshot.
        const QRectF area = title->mapRectToScene(QRectF(0, 0, title->width(), title->height()));
        const double ink = inkShare(shot, area.toAlignedRect());
        QVERIFY2(ink > 0.03, qPrintable(QStringLiteral("title ink share %1").arg(ink)));
        m_titles.insert(language, shot.copy(area.toAlignedRect()));
    }

    void attract_thaiAndEnglish_titlesDiffer() {
        QVERIFY(m_titles.contains(QStringLiteral("th")) && m_titles.contains(QStringLiteral("en")));
        QVERIFY(m_titles.value(QStringLiteral("th")) != m_titles.value(QStringLiteral("en")));
    }

    void cleanupTestCase() {
        m_engine.reset();
        m_shell.reset();
    }

private:
    std::unique_ptr<Shell> m_shell;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow* m_window = nullptr;
    QHash<QString, QImage> m_titles;
};

QTEST_MAIN(TestAttractRender)
#include "tst_attract_render.moc"
