#include "autopilot.h"

#include "fake_journey_parts.h"
#include "session.h"
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
constexpr int kSettleMs = 250;
// How long a step may wait for its `ready` predicate (the real parts: card
// read, vision on a recorded clip and proofing over HTTPS take longer).
constexpr int kStepTimeoutMs = 20000;
constexpr int kRealPartsStepTimeoutMs = 120000;

// The process's resident set now and its peak so far (kB, from
// /proc/self/status; -1 where that is not available).
std::pair<qint64, qint64> residentKb() {
    QFile f(QStringLiteral("/proc/self/status"));
    qint64 rss = -1;
    qint64 peak = -1;
    if (f.open(QIODevice::ReadOnly)) {
        for (const QByteArray& line : f.readAll().split('\n')) {
            if (line.startsWith("VmRSS:")) {
                rss = line.mid(6).trimmed().split(' ').first().toLongLong();
            } else if (line.startsWith("VmHWM:")) {
                peak = line.mid(6).trimmed().split(' ').first().toLongLong();
            }
        }
    }
    return {rss, peak};
}

}  // namespace

Autopilot::Autopilot(QQuickWindow* window, Shell* shell, Session* session,
                     journey::FakeJourneyParts* fakes, QString outDir, bool full,
                     AutopilotOptions options, QObject* parent)
    : QObject(parent),
      m_window(window),
      m_shell(shell),
      m_session(session),
      m_fakes(fakes),
      m_options(std::move(options)),
      m_outDir(std::move(outDir)) {
    // Slow enough that every intermediate screen is seen, fast enough for CI.
    m_fakes->behaviour().stepMs = 300;
    if (full) {
        buildJourney(QStringLiteral("th"));
        buildJourney(QStringLiteral("en"));
    } else {
        buildJourney(QStringLiteral("th"));
        m_steps = m_steps.mid(0, 4);
        Session* s = session;
        m_steps.append({QStringLiteral("attract_after_cancel_th"), [s] { s->cancel(); },
                        [s] { return s->screen() == QLatin1String("attract"); }});
    }
    connect(session, &Session::transitioned, this,
            [this](const QString& from, const QString& event, const QString& to) {
                const qint64 now = m_clock.isValid() ? m_clock.elapsed() : 0;
                m_transitions.append(QJsonObject{{QStringLiteral("from"), from},
                                                 {QStringLiteral("event"), event},
                                                 {QStringLiteral("to"), to},
                                                 {QStringLiteral("at_ms"), now}});
                if (event == QLatin1String("card_inserted")) {
                    m_cardInAt = now;
                } else if (event == QLatin1String("proofing_achieved") && m_cardInAt >= 0) {
                    m_cardToIal.append(now - m_cardInAt);
                    m_cardInAt = -1;
                }
            });
}

void Autopilot::buildJourney(const QString& lang) {
    Shell* sh = m_shell;
    Session* s = m_session;
    journey::FakeJourneyParts* f = m_fakes;
    auto on = [s](const char* screen) {
        const QString name = QString::fromLatin1(screen);
        return [s, name] { return s->screen() == name; };
    };
    auto step = [lang](const char* name) {
        return QString::fromLatin1(name) + QLatin1Char('_') + lang;
    };
    QList<Step> steps = {
        {step("attract"), [sh, lang] { sh->setLanguage(lang); }, on("attract")},
        {step("language"), [s] { s->start(); }, on("language")},
        {step("privacy"), [s, lang] { s->chooseLanguage(lang); }, on("privacy")},
        {step("insert_card"), [s] { s->acceptConsent(); }, on("insert_card")},
        // The fakes move on by themselves; each step catches its screen mid-way.
        {step("reading"), [s] { s->cardInserted(); },
         [s] {
             return s->screen() == QLatin1String("reading") &&
                    s->progress().value(QStringLiteral("step")).toInt() >= 2;
         }},
        // The card's front, then its back, on the same screen.
        {step("card_image_front"), [] {},
         [s] {
             return s->screen() == QLatin1String("card_image") &&
                    s->progress().value(QStringLiteral("side")) == QStringLiteral("front") &&
                    s->progress().value(QStringLiteral("value")).toDouble() >= 0.4;
         }},
        {step("card_image"), [] {},
         [s] {
             return s->screen() == QLatin1String("card_image") &&
                    s->progress().value(QStringLiteral("side")) == QStringLiteral("back") &&
                    s->progress().value(QStringLiteral("value")).toDouble() >= 0.4;
         }},
        {step("face_capture"), [] {},
         [s] {
             return s->screen() == QLatin1String("face_capture") &&
                    s->progress().value(QStringLiteral("value")).toDouble() >= 0.4;
         }},
        {step("liveness"), [] {},
         [s] {
             return s->screen() == QLatin1String("liveness") &&
                    s->progress().value(QStringLiteral("index")).toInt() >= 1;
         }},
        {step("result"), [] {}, on("result"),
         [s] {
             const QString outcome = s->result().value(QStringLiteral("outcome")).toString();
             return outcome == QLatin1String("achieved")
                        ? QString()
                        : QStringLiteral("IAL 2.3 not achieved: %1 (%2)")
                              .arg(outcome, s->result().value(QStringLiteral("reason")).toString());
         }},
        {step("binding"), [s] { s->next(); }, on("binding")},
        {step("binding_wrong_code"), [s] { s->submitCode(QStringLiteral("111111")); },
         [s] {
             return s->binding().value(QStringLiteral("error")).toString() ==
                    QLatin1String("wrong_code");
         }},
        {step("services"),
         [s, code = m_options.bindingCode] {
             s->submitCode(code ? code() : journey::FakeJourneyParts::bindingCode());
         },
         on("services")},
        {step("entitlement"), [s] { s->openService(QStringLiteral("health.coverage")); },
         [s] {
             return s->screen() == QLatin1String("entitlement") &&
                    s->service().value(QStringLiteral("loading")) == false;
         }},
        {step("queue_booking"),
         [s] {
             s->back();
             s->openService(QStringLiteral("registration.queue"));
         },
         on("queue_booking")},
        {step("queue_booking_chosen"),
         [s] {
             const QVariantList slotList = s->service().value(QStringLiteral("slots")).toList();
             for (const QVariant& v : slotList) {
                 if (v.toMap().value(QStringLiteral("available")).toBool()) {
                     s->selectSlot(v.toMap().value(QStringLiteral("index")).toInt());
                     break;
                 }
             }
         },
         [s] { return s->service().value(QStringLiteral("selectedSlot")).toInt() >= 0; }},
        {step("submitted"), [s] { s->submit(); },
         [s] {
             return s->screen() == QLatin1String("submitted") &&
                    !s->receipt().value(QStringLiteral("reference")).toString().isEmpty();
         }},
        {step("request_form"),
         [s] {
             s->back();
             s->openService(QStringLiteral("welfare.card"));
         },
         on("request_form")},
        {step("complaint"),
         [s] {
             s->back();
             s->openService(QStringLiteral("general.complaint"));
         },
         on("complaint")},
        {step("payment"),
         [s] {
             s->back();
             s->openService(QStringLiteral("registration.fee"));
         },
         on("payment")},
        {step("status_tracking"),
         [s] {
             s->back();
             s->openService(QStringLiteral("general.status"));
         },
         on("status_tracking")},
        // The portal goes away: the banner shows and a complaint is queued with a reference.
        {step("offline_services"),
         [s] {
             s->back();
             s->backendDown();
         },
         [s] { return s->screen() == QLatin1String("services") && s->offline(); }},
        {step("submitted_offline"),
         [s] {
             s->openService(QStringLiteral("general.complaint"));
             s->setField(QStringLiteral("complaint"), QStringLiteral("Demo complaint"));
             s->submit();
         },
         [s] {
             return s->screen() == QLatin1String("submitted") &&
                    s->receipt().value(QStringLiteral("queued")).toBool();
         }},
        {step("still_there"), [sh] { sh->idleMonitor().setTimeouts(3000, 2500); },
         [sh] { return sh->idleWarning(); }},
        {step("ending"),
         [sh, s] {
             sh->stillHere();
             sh->idleMonitor().setTimeouts(90000, 20000);
             s->backendUp();
             s->finish();
         },
         on("ending")},
        {step("attract_after_card_removed"), [s] { s->cardRemoved(); }, on("attract")},
    };
    if (!m_options.realParts) {
        // The screens that need a failing or slow part (the fakes stage them).
        steps += QList<Step>{
            {step("error"),
             [s, f, lang] {
                 f->behaviour().cardFails = true;
                 s->start();
                 s->chooseLanguage(lang);
                 s->acceptConsent();
                 s->cardInserted();
             },
             on("error")},
            {step("verifying"),
             [s, f] {
                 f->behaviour().cardFails = false;
                 f->behaviour().proofing = journey::ProofingLevel::NotAchieved;
                 f->behaviour().stepMs = 150;
                 f->behaviour().verifyMs = 1500;  // long enough to see the screen
                 s->retry();
             },
             on("verifying")},
            {step("result_not_achieved"), [] {}, on("result")},
            {step("result_pending"),
             [s, f] {
                 f->behaviour().proofing = journey::ProofingLevel::Pending;
                 f->behaviour().verifyMs = 300;
                 s->retry();
             },
             [s] {
                 return s->screen() == QLatin1String("result") &&
                        s->result().value(QStringLiteral("outcome")) == QStringLiteral("pending");
             }},
            {step("attract_after_pending"),
             [s, f] {
                 f->behaviour().proofing = journey::ProofingLevel::Achieved;
                 f->behaviour().stepMs = 300;
                 s->cardRemoved();
             },
             on("attract")},
        };
    }
    m_steps += steps;
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
    if (!m_window || !m_shell || !m_session) {
        finish(false, QStringLiteral("window, shell or session gone"));
        return;
    }
    if (m_next >= m_steps.size()) {
        finish(m_ok);
        return;
    }
    const Step step = m_steps.at(m_next++);
    step.action();
    auto* poll = new QTimer(this);
    auto waited = std::make_shared<QElapsedTimer>();
    waited->start();
    connect(poll, &QTimer::timeout, this, [this, poll, waited, step] {
        if (step.ready()) {
            poll->deleteLater();
            QTimer::singleShot(kSettleMs, this, [this, step] { capture(step); });
        } else if (waited->elapsed() >
                   (m_options.realParts ? kRealPartsStepTimeoutMs : kStepTimeoutMs)) {
            poll->deleteLater();
            m_ok = false;
            finish(false, QStringLiteral("step %1 timed out on screen %2")
                              .arg(step.name, m_session->screen()));
        }
    });
    poll->start(25);
}

void Autopilot::capture(const Step& step) {
    const QImage image = m_window->grabWindow();
    const QString file = step.name + QStringLiteral(".png");
    const bool saved = image.save(m_outDir + QLatin1Char('/') + file);
    const bool rendered = looksRendered(image);
    const QString wrong = step.check ? step.check() : QString();
    const bool ok = saved && rendered && wrong.isEmpty();
    m_ok = m_ok && ok;
    const qint64 now = m_clock.elapsed();
    const auto [rssKb, peakKb] = residentKb();
    QJsonObject entry{
        {QStringLiteral("step"), step.name},
        {QStringLiteral("screen"), m_session->screen()},
        {QStringLiteral("state"), m_session->stateName()},
        {QStringLiteral("language"), m_shell->language()},
        {QStringLiteral("screenshot"), file},
        {QStringLiteral("size"), QStringLiteral("%1x%2").arg(image.width()).arg(image.height())},
        {QStringLiteral("elapsed_ms"), now},
        {QStringLiteral("step_ms"), now - m_lastCapture},
        {QStringLiteral("rss_kb"), rssKb},
        {QStringLiteral("peak_rss_kb"), peakKb},
        {QStringLiteral("ok"), ok},
    };
    m_lastCapture = now;
    if (!ok) {
        entry.insert(QStringLiteral("error"), !wrong.isEmpty() ? wrong
                                              : saved ? QStringLiteral("screenshot is blank")
                                                      : QStringLiteral("cannot save screenshot"));
    }
    m_log.append(entry);
    qCInfo(lcUiAutopilot).noquote()
        << "step" << step.name << "screen" << m_session->screen() << (ok ? "ok" : "FAILED");
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
        {QStringLiteral("transitions"), m_transitions},
        {QStringLiteral("card_to_ial_ms"), m_cardToIal},
        {QStringLiteral("peak_rss_kb"), residentKb().second},
        {QStringLiteral("spoken_prompts"), QJsonArray::fromStringList(m_fakes->spoken())},
        {QStringLiteral("demo_mode"),
         m_options.demoMode ? m_options.demoMode() : m_fakes->demoMode()},
        {QStringLiteral("parts"),
         m_options.realParts ? QStringLiteral("real") : QStringLiteral("fake")},
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
