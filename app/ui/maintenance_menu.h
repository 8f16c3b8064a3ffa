// View-models of the technician maintenance menu: the singleton
// `Maintenance` (sign-in, pages, actions) and MaintenanceItemModel, the list
// model behind every page (device status, self-test results, redacted logs,
// outbox, configuration history). The application supplies the data and the
// actions through Maintenance::Backend; every action passes through
// TechnicianAuth::authorize, which audits it.
#pragma once

#include "technician_auth.h"

#include <QAbstractListModel>
#include <QObject>
#include <QQmlEngine>
#include <functional>
#include <memory>
#include <optional>

namespace kiosk::ui {

struct MaintenanceItem {
    QString title;  // e.g. "Card reader" (English; QML translates known keys)
    QString value;  // e.g. "ready", a log line, "3 waiting"
    QString state;  // ok | warning | error | info
};

class MaintenanceItemModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by Maintenance")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    enum Role { TitleRole = Qt::UserRole + 1, ValueRole, StateRole };
    using QAbstractListModel::QAbstractListModel;
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    void setItems(QList<MaintenanceItem> items);
    const QList<MaintenanceItem>& items() const { return m_items; }

signals:
    void countChanged();

private:
    QList<MaintenanceItem> m_items;
};

class MaintenanceMenu : public QObject {
    Q_OBJECT
    QML_NAMED_ELEMENT(Maintenance)
    QML_SINGLETON
    Q_PROPERTY(bool active READ active NOTIFY activeChanged)
    Q_PROPERTY(bool signedIn READ signedIn NOTIFY sessionChanged)
    Q_PROPERTY(QString technician READ technician NOTIFY sessionChanged)
    Q_PROPERTY(QString role READ role NOTIFY sessionChanged)
    Q_PROPERTY(bool supervisor READ supervisor NOTIFY sessionChanged)
    Q_PROPERTY(QString page READ page NOTIFY pageChanged)
    // Outcome of the last sign-in or action: "", ok, wrong-credentials,
    // locked-out, forbidden, failed, unavailable.
    Q_PROPERTY(QString result READ result NOTIFY resultChanged)
    Q_PROPERTY(int attemptsLeft READ attemptsLeft NOTIFY resultChanged)
    Q_PROPERTY(int lockedForS READ lockedForS NOTIFY resultChanged)
    Q_PROPERTY(QString configVersion READ configVersion NOTIFY refreshed)
    Q_PROPERTY(MaintenanceItemModel* status READ status CONSTANT)
    Q_PROPERTY(MaintenanceItemModel* selfTests READ selfTests CONSTANT)
    Q_PROPERTY(MaintenanceItemModel* logs READ logs CONSTANT)
    Q_PROPERTY(MaintenanceItemModel* outbox READ outbox CONSTANT)
    Q_PROPERTY(MaintenanceItemModel* history READ history CONSTANT)
public:
    struct Backend {
        std::function<QList<MaintenanceItem>()> deviceStatus;  // reader, camera, printer, ...
        std::function<QList<MaintenanceItem>()> redactedLogs;  // CIDs masked, no names
        std::function<QList<MaintenanceItem>()> outbox;
        std::function<QList<MaintenanceItem>()> configHistory;
        std::function<QString()> configVersion;
        // card | camera | printer -> a result item
        std::function<MaintenanceItem(const QString& test)> selfTest;
        std::function<bool()> retryOutbox;
        std::function<void()> restart;
    };

    explicit MaintenanceMenu(QObject* parent);
    ~MaintenanceMenu() override;

    static MaintenanceMenu* create(QQmlEngine*, QJSEngine*);
    static void setInstance(MaintenanceMenu* menu);

    void setAuth(std::unique_ptr<maintenance::TechnicianAuth> auth);
    void setBackend(Backend backend) { m_backend = std::move(backend); }

    bool active() const { return m_active; }
    bool signedIn() const { return m_session.has_value(); }
    QString technician() const { return m_session ? m_session->technicianId : QString(); }
    QString role() const;
    bool supervisor() const;
    QString page() const { return m_page; }
    QString result() const { return m_result; }
    int attemptsLeft() const { return m_attemptsLeft; }
    int lockedForS() const { return m_lockedForS; }
    QString configVersion() const { return m_configVersion; }
    MaintenanceItemModel* status() { return &m_status; }
    MaintenanceItemModel* selfTests() { return &m_selfTests; }
    MaintenanceItemModel* logs() { return &m_logs; }
    MaintenanceItemModel* outbox() { return &m_outbox; }
    MaintenanceItemModel* history() { return &m_history; }

    // The hidden entry (long press in a corner of the attract screen).
    Q_INVOKABLE void enter();
    Q_INVOKABLE void leave();
    Q_INVOKABLE bool signIn(const QString& technicianId, const QString& pin);
    Q_INVOKABLE void signOut();
    Q_INVOKABLE bool showPage(const QString& page);
    Q_INVOKABLE bool runSelfTest(const QString& test);
    Q_INVOKABLE bool retryOutbox();
    Q_INVOKABLE bool restart();
    Q_INVOKABLE void refresh();

signals:
    void activeChanged();
    void sessionChanged();
    void pageChanged();
    void resultChanged();
    void refreshed();

private:
    bool allowed(maintenance::Action action, const QString& detail = {});
    void setResult(const QString& result);

    std::unique_ptr<maintenance::TechnicianAuth> m_auth;
    std::optional<maintenance::TechnicianSession> m_session;
    Backend m_backend;
    bool m_active = false;
    QString m_page = QStringLiteral("status");
    QString m_result;
    int m_attemptsLeft = 0;
    int m_lockedForS = 0;
    QString m_configVersion;
    MaintenanceItemModel m_status;
    MaintenanceItemModel m_selfTests;
    MaintenanceItemModel m_logs;
    MaintenanceItemModel m_outbox;
    MaintenanceItemModel m_history;
};

}  // namespace kiosk::ui
