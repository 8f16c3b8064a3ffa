#include "autopilot.h"

#include "shell.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QSet>
#include <QTimer>

Q_LOGGING_CATEGORY(lcUiAutopilot, "kiosk.ui.autopilot")

namespace kiosk::ui {

namespace {
// Long enough for a Loader to swap screens and a frame to be drawn.
constexpr int kSettleMs = 500;
// How long a step may wait for its `ready` predicate.
constexpr int kStepTimeoutMs = 20000;
}  // namespace

Autopilot::Autopilot(QQuickWindow* window, Shell* shell, QString outDir, QObject* parent)
    : QObject(parent), m_window(window), m_shell(shell), m_outDir(std::move(outDir)) {
    Shell* s = shell;
    m_steps = {
        {QStringLiteral("attract_th"), [s] { s->setLanguage(QStringLiteral("th")); }, {}},
        {QStringLiteral("attract_en"), [s] { s->setLanguage(QStringLiteral("en")); }, {}},
        {QStringLiteral("insert_card_en"), [s] { s->start(); }, {}},
        // Shorten the idle timeout so the walk shows the countdown and the wipe.
        {QStringLiteral("idle_warning_en"), [s] { s->idleMonitor().setTimeouts(4000, 3000); },
         [s] { return s->idleWarning(); }},
        {QStringLiteral("attract_after_idle_th"), [] {},
         [s] { return s->screen() == Shell::Screen::Attract; }},
        {QStringLiteral("insert_card_th"), [s] { s->start(); }, {}},
        {QStringLiteral("attract_after_cancel_th"), [s] { s->cancel(); }, {}},
    };
}

QString Autopilot::runLogPath() const {
    return m_outDir + QStringLiteral("/run.json");
}

void Autopilot::addRunInfo(const QString& key, std::function<QJsonValue()> value) {
    m_runInfo.append({key, std::move(value)});
}

bool Autopilot::looksRendered(const QImage& image) {
    if (image.isNull() || image.width() < 16 || image.height() < 16) {
        return false;
    }
    QSet<QRgb> colours;
    const int stepX = std::max(1, image.width() / 64);
    const int stepY = std::max(1, image.height() / 64);
    for (int y = 0; y < image.height(); y += stepY) {
        for (int x = 0; x < image.width(); x += stepX) {
            colours.insert(image.pixel(x, y));
        }
    }
    return colours.size() >= 4;
}

void Autopilot::start() {
    if (!QDir().mkpath(m_outDir)) {
        finish(false, QStringLiteral("cannot create output folder"));
        return;
    }
    m_clock.start();
    qCInfo(lcUiAutopilot) << "autopilot writing to" << m_outDir;
    QTimer::singleShot(kSettleMs, this, &Autopilot::runNext);
}

void Autopilot::runNext() {
    if (!m_window || !m_shell) {
        finish(false, QStringLiteral("window or shell gone"));
        return;
    }
    if (m_next >= m_steps.size()) {
        finish(m_ok);
        return;
    }
    const Step step = m_steps.at(m_next++);
    step.action();
    if (!step.ready) {
        QTimer::singleShot(kSettleMs, this, [this, step] { capture(step); });
        return;
    }
    auto* poll = new QTimer(this);
    auto waited = std::make_shared<QElapsedTimer>();
    waited->start();
    connect(poll, &QTimer::timeout, this, [this, poll, waited, step] {
        if (step.ready()) {
            poll->deleteLater();
            QTimer::singleShot(kSettleMs, this, [this, step] { capture(step); });
        } else if (waited->elapsed() > kStepTimeoutMs) {
            poll->deleteLater();
            m_ok = false;
            finish(false, QStringLiteral("step %1 timed out").arg(step.name));
        }
    });
    poll->start(50);
}

void Autopilot::capture(const Step& step) {
    const QImage image = m_window->grabWindow();
    const QString file = step.name + QStringLiteral(".png");
    const bool saved = image.save(m_outDir + QLatin1Char('/') + file);
    const bool rendered = looksRendered(image);
    const bool ok = saved && rendered;
    m_ok = m_ok && ok;
    QJsonObject entry{
        {QStringLiteral("step"), step.name},
        {QStringLiteral("screen"), m_shell->screenName()},
        {QStringLiteral("language"), m_shell->language()},
        {QStringLiteral("screenshot"), file},
        {QStringLiteral("size"), QStringLiteral("%1x%2").arg(image.width()).arg(image.height())},
        {QStringLiteral("elapsed_ms"), m_clock.elapsed()},
        {QStringLiteral("ok"), ok},
    };
    if (!ok) {
        entry.insert(QStringLiteral("error"), saved ? QStringLiteral("screenshot is blank")
                                                    : QStringLiteral("cannot save screenshot"));
    }
    m_log.append(entry);
    qCInfo(lcUiAutopilot).noquote()
        << "step" << step.name << "screen" << m_shell->screenName() << (ok ? "ok" : "FAILED");
    runNext();
}

void Autopilot::finish(bool ok, const QString& reason) {
    QJsonObject run{
        {QStringLiteral("app"), QStringLiteral("smart-kiosk")},
        {QStringLiteral("version"), QStringLiteral(KIOSK_VERSION)},
        {QStringLiteral("kiosk_id"), m_shell ? m_shell->kioskId() : QString()},
        {QStringLiteral("platform"), QGuiApplication::platformName()},
        {QStringLiteral("finished_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {QStringLiteral("steps"), m_log},
        {QStringLiteral("result"), ok ? QStringLiteral("pass") : QStringLiteral("fail")},
    };
    if (!reason.isEmpty()) {
        run.insert(QStringLiteral("error"), reason);
    }
    for (const auto& [key, value] : m_runInfo) {
        run.insert(key, value());
    }
    // The simulators the demo started describe themselves in a manifest.
    if (const QString manifest = qEnvironmentVariable("KIOSK_SIM_MANIFEST"); !manifest.isEmpty()) {
        QFile f(manifest);
        if (f.open(QIODevice::ReadOnly)) {
            run.insert(QStringLiteral("simulators"), QJsonDocument::fromJson(f.readAll()).object());
        }
    }
    QSaveFile out(runLogPath());
    if (out.open(QIODevice::WriteOnly)) {
        out.write(QJsonDocument(run).toJson());
        ok = out.commit() && ok;
    } else {
        ok = false;
    }
    emit finished(ok);
}

}  // namespace kiosk::ui
