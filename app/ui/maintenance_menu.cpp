#include "maintenance_menu.h"

#include "log_redaction.h"
#include "logging.h"

#include <QLoggingCategory>
#include <QPainter>
#include <QPainterPath>

Q_LOGGING_CATEGORY(lcUiMaintenance, "kiosk.ui.maintenance")

namespace kiosk::ui {

using maintenance::Action;
using maintenance::AuthError;

namespace {
MaintenanceMenu* g_instance = nullptr;
}

int MaintenanceItemModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_items.size());
}

QVariant MaintenanceItemModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_items.size()) {
        return {};
    }
    const MaintenanceItem& item = m_items.at(index.row());
    switch (role) {
        case TitleRole:
            return item.title;
        case ValueRole:
            return item.value;
        case StateRole:
            return item.state;
        default:
            return {};
    }
}

QHash<int, QByteArray> MaintenanceItemModel::roleNames() const {
    return {{TitleRole, "title"}, {ValueRole, "value"}, {StateRole, "state"}};
}

void MaintenanceItemModel::setItems(QList<MaintenanceItem> items) {
    beginResetModel();
    m_items = std::move(items);
    endResetModel();
    emit countChanged();
}

MaintenanceMenu::MaintenanceMenu(QObject* parent) : QObject(parent) {
    // One worker: device checks and self-tests share the hardware, so they
    // take turns (a status check never opens the camera during its preview).
    m_pool.setMaxThreadCount(1);
    m_pool.setObjectName(QStringLiteral("maintenance"));
}

MaintenanceMenu::~MaintenanceMenu() {
    if (m_cameraStop) {
        m_cameraStop->store(true);
    }
    m_pool.waitForDone();
    if (g_instance == this) {
        g_instance = nullptr;
    }
}

MaintenanceMenu* MaintenanceMenu::instance() {
    return g_instance;
}

bool MaintenanceMenu::waitIdle(int timeoutMs) {
    return m_pool.waitForDone(timeoutMs);
}

void MaintenanceMenu::inBackground(std::function<std::function<void()>()> work) {
    ++m_busy;
    if (m_busy == 1) {
        emit busyChanged();
    }
    const quint64 generation = m_generation;
    m_pool.start([this, work = std::move(work), generation] {
        std::function<void()> finish = work();
        // The pool is drained in the destructor before QObject's, which
        // drops events still posted to this object.
        QMetaObject::invokeMethod(
            this,
            [this, finish = std::move(finish), generation] {
                if (generation == m_generation && finish) {
                    finish();
                }
                if (--m_busy == 0) {
                    emit busyChanged();
                }
            },
            Qt::QueuedConnection);
    });
}

MaintenanceMenu* MaintenanceMenu::create(QQmlEngine*, QJSEngine*) {
    if (!g_instance) {
        // No maintenance configured (e.g. a UI test of other screens): a menu
        // that refuses every sign-in.
        g_instance = new MaintenanceMenu(nullptr);
    }
    QJSEngine::setObjectOwnership(g_instance, QJSEngine::CppOwnership);
    return g_instance;
}

void MaintenanceMenu::setInstance(MaintenanceMenu* menu) {
    g_instance = menu;
}

void MaintenanceMenu::setAuth(std::unique_ptr<maintenance::TechnicianAuth> auth) {
    m_auth = std::move(auth);
}

QString MaintenanceMenu::role() const {
    return m_session ? maintenance::roleName(m_session->role) : QString();
}

bool MaintenanceMenu::supervisor() const {
    return m_session && m_session->role == maintenance::Role::Supervisor;
}

void MaintenanceMenu::setResult(const QString& result) {
    m_result = result;
    emit resultChanged();
}

void MaintenanceMenu::enter() {
    if (m_active) {
        return;
    }
    m_active = true;
    m_result.clear();
    qCInfo(lcUiMaintenance) << "maintenance menu opened";
    emit activeChanged();
    emit resultChanged();
}

void MaintenanceMenu::leave() {
    signOut();
    if (m_active) {
        m_active = false;
        emit activeChanged();
    }
}

bool MaintenanceMenu::signIn(const QString& technicianId, const QString& pin) {
    if (!m_auth) {
        setResult(QStringLiteral("unavailable"));
        return false;
    }
    auto session = m_auth->signIn(technicianId, pin);
    if (!session) {
        m_attemptsLeft = session.error().attemptsLeft;
        m_lockedForS = static_cast<int>(session.error().retryAfterS);
        setResult(session.error().codeName());
        return false;
    }
    m_session = *session;
    m_attemptsLeft = 0;
    m_lockedForS = 0;
    m_page = QStringLiteral("status");
    emit sessionChanged();
    emit pageChanged();
    refresh();
    setResult(QStringLiteral("ok"));
    return true;
}

void MaintenanceMenu::signOut() {
    if (!m_session) {
        return;
    }
    if (m_auth) {
        m_auth->signOut(*m_session);
    }
    m_session.reset();
    ++m_generation;
    stopCamera();
    m_preview = {};
    emit previewChanged();
    // Nothing a technician saw stays on screen for the next person.
    for (auto* m : {&m_status, &m_selfTests, &m_logs, &m_outbox, &m_history}) {
        m->setItems({});
    }
    emit sessionChanged();
}

bool MaintenanceMenu::allowed(Action action, const QString& detail) {
    if (!m_session || !m_auth) {
        setResult(QStringLiteral("forbidden"));
        return false;
    }
    auto r = m_auth->authorize(*m_session, action, detail);
    if (!r) {
        setResult(r.error().codeName());
        return false;
    }
    return true;
}

bool MaintenanceMenu::showPage(const QString& page) {
    static const QHash<QString, Action> actions{
        {QStringLiteral("status"), Action::ViewStatus},
        {QStringLiteral("selftest"), Action::RunSelfTest},
        {QStringLiteral("logs"), Action::ViewLogs},
        {QStringLiteral("outbox"), Action::ViewStatus},
        {QStringLiteral("config"), Action::ViewConfig},
        {QStringLiteral("restart"), Action::ViewStatus},
    };
    if (!actions.contains(page) || !allowed(actions.value(page), QStringLiteral("page ") + page)) {
        return false;
    }
    if (page != m_page) {
        stopCamera();
    }
    m_page = page;
    emit pageChanged();
    refresh();
    setResult({});
    return true;
}

void MaintenanceMenu::refresh() {
    if (!m_session) {
        return;
    }
    // Device checks touch hardware and the network (seconds): worker thread.
    if (m_page == QLatin1String("status") && m_backend.deviceStatus) {
        inBackground([status = m_backend.deviceStatus, this]() -> std::function<void()> {
            auto items = status();
            return [this, items = std::move(items)] {
                m_status.setItems(items);
                emit refreshed();
            };
        });
    }
    if (m_page == QLatin1String("logs")) {
        if (m_backend.redactedLogs) {
            m_logs.setItems(m_backend.redactedLogs());
        } else {
            QList<MaintenanceItem> items;
            // Newest first: what a technician looks for is what just happened.
            const QStringList lines = logging::recentLines(300);
            for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
                const maintenance::LogLine l = maintenance::parseLogLine(*it);
                items.append({l.time, l.text,
                              l.level == QLatin1String("W") ? QStringLiteral("warning")
                              : l.level == QLatin1String("E") || l.level == QLatin1String("F")
                                  ? QStringLiteral("error")
                                  : QStringLiteral("info")});
            }
            m_logs.setItems(items);
        }
    }
    if (m_backend.outbox) {
        m_outbox.setItems(m_backend.outbox());
    }
    if (m_page == QLatin1String("config") && m_backend.configHistory) {
        m_history.setItems(m_backend.configHistory());
    }
    m_configVersion = m_backend.configVersion ? m_backend.configVersion() : QString();
    emit refreshed();
}

void MaintenanceMenu::finishSelfTest(const MaintenanceItem& item) {
    QList<MaintenanceItem> results = m_selfTests.items();
    results.prepend(item);
    m_selfTests.setItems(results);
    if (m_auth && m_session) {
        m_auth->auditResult(
            *m_session, Action::RunSelfTest,
            item.title + QLatin1Char(' ') + item.state + QStringLiteral(": ") + item.value);
    }
    qCInfo(lcUiMaintenance).noquote()
        << "self-test" << item.title << item.state << maintenance::redactLogLine(item.value);
    setResult(item.state == QLatin1String("ok") ? QStringLiteral("ok") : QStringLiteral("failed"));
    emit selfTestFinished(item.title, item.state);
}

void MaintenanceMenu::stopCamera() {
    if (m_cameraStop) {
        m_cameraStop->store(true);
    }
}

bool MaintenanceMenu::runSelfTest(const QString& test) {
    if (!allowed(Action::RunSelfTest, test)) {
        return false;
    }
    if (test == QLatin1String("camera")) {
        if (m_cameraRunning) {
            return true;
        }
        if (!m_backend.cameraTest) {
            setResult(QStringLiteral("unavailable"));
            return false;
        }
        m_cameraRunning = true;
        m_cameraStop = std::make_shared<std::atomic_bool>(false);
        m_preview = {};
        emit cameraChanged();
        emit previewChanged();
        setResult(QStringLiteral("running"));
        inBackground([this, run = m_backend.cameraTest, stop = m_cameraStop,
                      generation = m_generation]() -> std::function<void()> {
            const MaintenanceItem item =
                run(*stop, [this, generation](const MaintenancePreviewFrame& f) {
                    QMetaObject::invokeMethod(
                        this,
                        [this, f, generation] {
                            if (generation == m_generation && m_cameraRunning) {
                                m_preview = f;
                                emit previewChanged();
                            }
                        },
                        Qt::QueuedConnection);
                });
            return [this, item] {
                m_cameraRunning = false;
                emit cameraChanged();
                finishSelfTest(item);
            };
        });
        return true;
    }
    if (!m_backend.selfTest) {
        setResult(QStringLiteral("unavailable"));
        return false;
    }
    setResult(QStringLiteral("running"));
    inBackground([run = m_backend.selfTest, test, this]() -> std::function<void()> {
        const MaintenanceItem item = run(test);
        return [this, item] { finishSelfTest(item); };
    });
    return true;
}

bool MaintenanceMenu::retryOutbox() {
    if (!allowed(Action::RetryOutbox)) {
        return false;
    }
    const bool ok = m_backend.retryOutbox && m_backend.retryOutbox();
    m_auth->auditResult(*m_session, Action::RetryOutbox,
                        ok ? QStringLiteral("delivery woken") : QStringLiteral("failed"));
    refresh();
    setResult(ok ? QStringLiteral("ok") : QStringLiteral("failed"));
    return ok;
}

bool MaintenanceMenu::restart() {
    if (!allowed(Action::Restart)) {
        return false;
    }
    const auto doRestart = m_backend.restart;
    leave();
    if (doRestart) {
        doRestart();
    }
    return true;
}

MaintenancePreview::MaintenancePreview(QQuickItem* parent) : QQuickPaintedItem(parent) {
    if (MaintenanceMenu* menu = MaintenanceMenu::instance()) {
        connect(menu, &MaintenanceMenu::previewChanged, this, [this] { update(); });
    }
}

void MaintenancePreview::paint(QPainter* painter) {
    painter->fillRect(QRectF(0, 0, width(), height()), QColor(0x1a, 0x20, 0x2c));
    MaintenanceMenu* menu = MaintenanceMenu::instance();
    if (!menu || menu->preview().image.isNull()) {
        return;
    }
    const MaintenancePreviewFrame& f = menu->preview();
    const QSizeF size =
        QSizeF(f.image.size()).scaled(QSizeF(width(), height()), Qt::KeepAspectRatio);
    const QRectF target((width() - size.width()) / 2, (height() - size.height()) / 2, size.width(),
                        size.height());
    painter->setRenderHint(QPainter::SmoothPixmapTransform);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->drawImage(target, f.image);
    if (f.face.isNull()) {
        return;
    }
    const double k = target.width() / f.image.width();
    const auto map = [&](QPointF p) {
        return QPointF(target.left() + p.x() * k, target.top() + p.y() * k);
    };
    const QColor colour = f.qualityOk ? QColor(0x38, 0xa1, 0x69) : QColor(0xd6, 0x9e, 0x2e);
    painter->setPen(QPen(colour, 4));
    painter->setBrush(Qt::NoBrush);
    painter->drawRect(QRectF(map(f.face.topLeft()), map(f.face.bottomRight() + QPoint(1, 1))));
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0x63, 0xb3, 0xed));
    for (const QPointF& p : f.landmarks) {
        painter->drawEllipse(map(p), 2.5, 2.5);
    }
}

}  // namespace kiosk::ui
