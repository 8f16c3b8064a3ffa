// View-models of the technician maintenance menu: the singleton
// `Maintenance` (sign-in, pages, actions) and MaintenanceItemModel, the list
// model behind every page (device status, self-test results, redacted logs,
// outbox, configuration history). The application supplies the data and the
// actions through Maintenance::Backend; every action passes through
// TechnicianAuth::authorize, which audits it.
#pragma once

#include "technician_auth.h"

#include <QAbstractListModel>
#include <QImage>
#include <QObject>
#include <QPointF>
#include <QQmlEngine>
#include <QQuickPaintedItem>
#include <QRect>
#include <QThreadPool>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace kiosk::ui {

struct MaintenanceItem {
    QString title;  // e.g. "Card reader" (English; QML translates known keys)
    QString value;  // e.g. "ready", a log line, "3 waiting"
    QString state;  // ok | warning | error | info
};

// One camera frame of the self-test preview with what face detection found.
struct MaintenancePreviewFrame {
    QImage image;
    QRect face;                // in image pixels; null when no face
    QList<QPointF> landmarks;  // 68 points in image pixels
    int faces = 0;
    bool qualityOk = false;
    QString verdict;  // "ok", "no-face", or the quality gate's issue names
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
    // A self-test or a device check is running on the worker thread.
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(bool cameraRunning READ cameraRunning NOTIFY cameraChanged)
    // The quality verdict of the last preview frame ("ok", "no-face", "too-small, turned").
    Q_PROPERTY(QString cameraVerdict READ cameraVerdict NOTIFY previewChanged)
    Q_PROPERTY(int cameraFaces READ cameraFaces NOTIFY previewChanged)
public:
    struct Backend {
        // deviceStatus, selfTest and cameraTest block: they run on the menu's
        // worker thread (one at a time, never on the GUI thread).
        std::function<QList<MaintenanceItem>()> deviceStatus;  // reader, camera, printer, ...
        // CIDs masked, no names. Default: the kiosk's own recent log lines
        // (kiosk::logging::recentLines) through maintenance::redactLogLine.
        std::function<QList<MaintenanceItem>()> redactedLogs;
        std::function<QList<MaintenanceItem>()> outbox;
        std::function<QList<MaintenanceItem>()> configHistory;
        std::function<QString()> configVersion;
        // card | camera | printer -> a result item
        std::function<MaintenanceItem(const QString& test)> selfTest;
        // The camera self-test: shows frames through onFrame until `stop`, then its result.
        std::function<MaintenanceItem(
            const std::atomic_bool& stop,
            const std::function<void(const MaintenancePreviewFrame&)>& onFrame)>
            cameraTest;
        std::function<bool()> retryOutbox;
        std::function<void()> restart;
    };

    explicit MaintenanceMenu(QObject* parent);
    ~MaintenanceMenu() override;

    static MaintenanceMenu* create(QQmlEngine*, QJSEngine*);
    static void setInstance(MaintenanceMenu* menu);
    static MaintenanceMenu* instance();

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
    bool busy() const { return m_busy > 0; }
    bool cameraRunning() const { return m_cameraRunning; }
    QString cameraVerdict() const { return m_preview.verdict; }
    int cameraFaces() const { return m_preview.faces; }
    const MaintenancePreviewFrame& preview() const { return m_preview; }
    // Waits until the worker thread is idle (tests, shutdown).
    bool waitIdle(int timeoutMs);

    // The hidden entry (long press in a corner of the attract screen).
    Q_INVOKABLE void enter();
    Q_INVOKABLE void leave();
    Q_INVOKABLE bool signIn(const QString& technicianId, const QString& pin);
    Q_INVOKABLE void signOut();
    Q_INVOKABLE bool showPage(const QString& page);
    // Starts a self-test (card | camera | printer) on the worker thread; its
    // result is added to selfTests and audited when it ends.
    Q_INVOKABLE bool runSelfTest(const QString& test);
    Q_INVOKABLE void stopCamera();
    Q_INVOKABLE bool retryOutbox();
    Q_INVOKABLE bool restart();
    Q_INVOKABLE void refresh();

signals:
    void activeChanged();
    void sessionChanged();
    void pageChanged();
    void resultChanged();
    void refreshed();
    void busyChanged();
    void cameraChanged();
    void previewChanged();
    void selfTestFinished(const QString& test, const QString& state);

private:
    bool allowed(maintenance::Action action, const QString& detail = {});
    void setResult(const QString& result);
    // Runs `work` on the worker thread, then what it returns on the GUI
    // thread, unless the technician signed out meanwhile.
    void inBackground(std::function<std::function<void()>()> work);
    void finishSelfTest(const MaintenanceItem& item);

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
    QThreadPool m_pool;
    int m_busy = 0;
    quint64 m_generation = 0;  // bumped at sign-out: late results are dropped
    bool m_cameraRunning = false;
    std::shared_ptr<std::atomic_bool> m_cameraStop;
    MaintenancePreviewFrame m_preview;
};

// The camera self-test's preview: the latest frame, scaled to fit, with the
// face box, the 68 landmarks and a frame colour for the quality verdict drawn
// over it (green: passes the gate, amber: a face that does not, none: no face).
class MaintenancePreview : public QQuickPaintedItem {
    Q_OBJECT
    QML_ELEMENT
public:
    explicit MaintenancePreview(QQuickItem* parent = nullptr);
    void paint(QPainter* painter) override;
};

}  // namespace kiosk::ui
