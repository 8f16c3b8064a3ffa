#include "maintenance_menu.h"

#include <QLoggingCategory>

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

MaintenanceMenu::MaintenanceMenu(QObject* parent) : QObject(parent) {}
MaintenanceMenu::~MaintenanceMenu() {
    if (g_instance == this) {
        g_instance = nullptr;
    }
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
    if (m_backend.deviceStatus) {
        m_status.setItems(m_backend.deviceStatus());
    }
    if (m_page == QLatin1String("logs") && m_backend.redactedLogs) {
        m_logs.setItems(m_backend.redactedLogs());
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

bool MaintenanceMenu::runSelfTest(const QString& test) {
    if (!allowed(Action::RunSelfTest, test)) {
        return false;
    }
    if (!m_backend.selfTest) {
        setResult(QStringLiteral("unavailable"));
        return false;
    }
    QList<MaintenanceItem> results = m_selfTests.items();
    const MaintenanceItem item = m_backend.selfTest(test);
    results.prepend(item);
    m_selfTests.setItems(results);
    setResult(item.state == QLatin1String("ok") ? QStringLiteral("ok") : QStringLiteral("failed"));
    return item.state == QLatin1String("ok");
}

bool MaintenanceMenu::retryOutbox() {
    if (!allowed(Action::RetryOutbox)) {
        return false;
    }
    const bool ok = m_backend.retryOutbox && m_backend.retryOutbox();
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

}  // namespace kiosk::ui
