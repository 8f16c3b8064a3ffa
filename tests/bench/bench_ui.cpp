// bench_ui: the kiosk interface's speed and memory on this machine.
//
//   bench_ui [--quick] [--rounds N]
//
// Measures, in one process with the real QML module and the in-process
// journey fakes, rendered by Qt Quick's software renderer (the kiosk's
// offscreen path; a GPU is faster):
//   - cold start: from main() to the first frame of the attract screen
//     (goal <= 3000 ms);
//   - screen transition: from the citizen's action to the first frame of the
//     next screen, over every screen of the journey (goal <= 100 ms, worst and
//     median reported);
//   - peak RSS (VmHWM) after the face capture and liveness steps have run
//     with camera frames flowing (goal <= 400 MB; the fakes' frames are
//     640x480 like the real camera's, the real detector is not loaded here).
// Prints one JSON object. Exit status 1 when a screen was never reached.
#include "fake_journey_parts.h"
#include "session.h"
#include "shell.h"

#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickWindow>
#include <QTest>
#include <algorithm>
#include <cstdio>

Q_IMPORT_QML_PLUGIN(KioskPlugin)

using kiosk::journey::FakeJourneyParts;
using kiosk::ui::Session;
using kiosk::ui::Shell;

namespace {

long vmHwmKb() {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.startsWith("VmHWM:")) {
            return line.mid(6).trimmed().split(' ').first().toLong();
        }
    }
    return -1;
}

// Runs `action`, then waits until `screen` is up and one frame of it was swapped.
double timeTransition(QQuickWindow* window, Session* session, const std::function<void()>& action,
                      const QString& screen, bool* ok) {
    bool swapped = false;
    bool reached = false;
    QElapsedTimer t;
    auto conn = QObject::connect(window, &QQuickWindow::frameSwapped, window, [&] {
        if (reached) {
            swapped = true;
        }
    });
    auto conn2 = QObject::connect(session, &Session::screenChanged, window,
                                  [&] { reached = session->screen() == screen; });
    t.start();
    action();
    reached = reached || session->screen() == screen;
    window->requestUpdate();
    const bool done = QTest::qWaitFor([&] { return swapped; }, 5000);
    const double ms = t.nsecsElapsed() / 1e6;
    QObject::disconnect(conn);
    QObject::disconnect(conn2);
    if (!done) {
        std::fprintf(stderr, "bench_ui: screen %s never drawn\n", qPrintable(screen));
        *ok = false;
    }
    return ms;
}

}  // namespace

int main(int argc, char** argv) {
    QElapsedTimer sinceMain;
    sinceMain.start();
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QGuiApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("kiosk.*.info=false"));
    const QStringList args = app.arguments();
    const bool quick = args.contains(QStringLiteral("--quick"));
    int rounds = quick ? 1 : 5;
    if (const qsizetype i = args.indexOf(QStringLiteral("--rounds"));
        i > 0 && i + 1 < args.size()) {
        rounds = std::max(1, args.at(i + 1).toInt());
    }
    QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);

    Shell::Options o;
    o.fullscreen = false;
    o.idleTimeoutMs = 3600000;
    Shell shell(o);
    Shell::setInstance(&shell);
    FakeJourneyParts fakes;
    fakes.behaviour().stepMs = 30;
    fakes.behaviour().verifyMs = 30;
    Session session(&shell, {&fakes, &fakes, &fakes, &fakes, &fakes, &fakes}, {});
    Session::setInstance(&session);

    QQmlApplicationEngine engine;
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Kiosk/Main.qml")));
    auto* window = engine.rootObjects().isEmpty()
                       ? nullptr
                       : qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
    if (!window) {
        std::fprintf(stderr, "bench_ui: Main.qml did not load\n");
        return 1;
    }
    bool firstFrame = false;
    QObject::connect(window, &QQuickWindow::frameSwapped, window, [&] { firstFrame = true; });
    if (!QTest::qWaitFor([&] { return firstFrame; }, 10000)) {
        std::fprintf(stderr, "bench_ui: no first frame\n");
        return 1;
    }
    const double coldStartMs = sinceMain.nsecsElapsed() / 1e6;

    bool ok = true;
    std::vector<double> transitions;
    QJsonObject perScreen;
    auto step = [&](const char* screen, const std::function<void()>& action) {
        const double ms =
            timeTransition(window, &session, action, QString::fromLatin1(screen), &ok);
        transitions.push_back(ms);
        perScreen.insert(QString::fromLatin1(screen),
                         std::max(perScreen.value(QString::fromLatin1(screen)).toDouble(), ms));
    };
    auto waitFor = [&](const char* screen) {
        return QTest::qWaitFor([&] { return session.screen() == QLatin1String(screen); }, 10000);
    };
    long peakAfterFaceKb = 0;
    for (int r = 0; r < rounds && ok; ++r) {
        step("language", [&] { session.start(); });
        step("privacy", [&] { session.chooseLanguage(QString::fromLatin1(r % 2 ? "en" : "th")); });
        step("insert_card", [&] { session.acceptConsent(); });
        // From here the fakes move on by themselves; each screen's first frame is timed.
        fakes.behaviour().hold = true;
        step("reading", [&] { session.cardInserted(); });
        fakes.behaviour().hold = false;
        ok = ok && waitFor("face_capture") && waitFor("liveness") && waitFor("result");
        peakAfterFaceKb = std::max(peakAfterFaceKb, vmHwmKb());
        step("binding", [&] { session.next(); });
        step("services", [&] { session.submitCode(FakeJourneyParts::bindingCode()); });
        for (const auto& [id, screen] : std::initializer_list<std::pair<const char*, const char*>>{
                 {"health.coverage", "entitlement"},
                 {"registration.queue", "queue_booking"},
                 {"welfare.card", "request_form"},
                 {"general.complaint", "complaint"},
                 {"registration.fee", "payment"},
                 {"general.status", "status_tracking"}}) {
            step(screen, [&] { session.openService(QString::fromLatin1(id)); });
            step("services", [&] { session.back(); });
        }
        step("ending", [&] { session.finish(); });
        step("attract", [&] { session.cardRemoved(); });
    }

    std::vector<double> sorted = transitions;
    std::sort(sorted.begin(), sorted.end());
    const double worst = sorted.empty() ? 0 : sorted.back();
    const double median = sorted.empty() ? 0 : sorted[sorted.size() / 2];
    const QJsonObject report{
        {QStringLiteral("renderer"), QStringLiteral("software")},
        {QStringLiteral("rounds"), rounds},
        {QStringLiteral("cold_start_to_attract_ms"), coldStartMs},
        {QStringLiteral("cold_start_goal_ms"), 3000},
        {QStringLiteral("transition_median_ms"), median},
        {QStringLiteral("transition_worst_ms"), worst},
        {QStringLiteral("transition_goal_ms"), 100},
        {QStringLiteral("transition_worst_by_screen_ms"), perScreen},
        {QStringLiteral("peak_rss_after_face_capture_mb"), peakAfterFaceKb / 1024.0},
        {QStringLiteral("peak_rss_goal_mb"), 400},
        {QStringLiteral("all_screens_reached"), ok},
    };
    std::printf("%s\n", QJsonDocument(report).toJson(QJsonDocument::Indented).constData());
    return ok ? 0 : 1;
}
