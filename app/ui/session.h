// The citizen session's view-model: feeds the session state machine
// (app/core/session_state_machine.h) with events from the screens and the
// journey ports, carries out the actions it returns, and exposes plain
// properties the QML screens bind to. QML reaches it as the singleton
// `Session` of module `Kiosk`.
#pragma once

#include "journey_ports.h"
#include "session_state_machine.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QTimer>
#include <QVariantList>
#include <QVariantMap>

namespace kiosk::ui {

class Shell;

class Session : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString screen READ screen NOTIFY screenChanged)
    Q_PROPERTY(QString state READ stateName NOTIFY screenChanged)
    Q_PROPERTY(bool stillThere READ stillThere NOTIFY screenChanged)
    Q_PROPERTY(bool offline READ offline NOTIFY offlineChanged)
    Q_PROPERTY(QString offlineReference READ offlineReference NOTIFY offlineChanged)
    Q_PROPERTY(bool demoMode READ demoMode CONSTANT)
    Q_PROPERTY(QString consentVersion READ consentVersion CONSTANT)
    Q_PROPERTY(QVariantMap progress READ progress NOTIFY progressChanged)
    Q_PROPERTY(int frameSerial READ frameSerial NOTIFY frameChanged)
    Q_PROPERTY(QVariantMap citizen READ citizen NOTIFY citizenChanged)
    Q_PROPERTY(QVariantMap result READ result NOTIFY resultChanged)
    Q_PROPERTY(QVariantMap binding READ binding NOTIFY bindingChanged)
    Q_PROPERTY(QVariantList services READ services NOTIFY servicesChanged)
    Q_PROPERTY(QVariantMap service READ service NOTIFY serviceChanged)
    Q_PROPERTY(QVariantMap receipt READ receipt NOTIFY receiptChanged)
    Q_PROPERTY(QString errorCode READ errorCode NOTIFY errorChanged)

public:
    struct Ports {
        journey::CardPort* card = nullptr;
        journey::CameraPort* camera = nullptr;
        journey::ProofingPort* proofing = nullptr;
        journey::PortalPort* portal = nullptr;
        journey::ReceiptPort* receipt = nullptr;  // optional
        journey::Speaker* speaker = nullptr;      // optional
    };
    struct Options {
        // The privacy notice's text version, recorded with each consent.
        QString consentVersion = QStringLiteral("privacy-notice-th-en-2026.11-2");
        int endingMs = 8000;  // "take your card" screen before the attract screen
        // The kiosk's clock (tests pin it so calendars render the same every day).
        std::function<QDateTime()> now = [] { return QDateTime::currentDateTime(); };
    };
    struct ConsentRecord {
        QString version;
        QDateTime at;
        QString action;  // "accepted" / "declined"
    };

    Session(Shell* shell, Ports ports, Options options, QObject* parent = nullptr);
    ~Session() override;

    // QML singleton factory: the instance registered with setInstance(), or
    // (tests that only render) one on in-process fakes.
    static Session* create(QQmlEngine* qmlEngine, QJSEngine* jsEngine);
    static void setInstance(Session* session);

    QString screen() const;
    QString stateName() const;
    session::State state() const { return m_machine.state(); }
    bool stillThere() const { return m_machine.state() == session::State::StillThere; }
    bool offline() const { return m_machine.offline(); }
    QString offlineReference() const { return m_offlineReference; }
    bool demoMode() const;
    QString consentVersion() const { return m_options.consentVersion; }
    QVariantMap progress() const { return m_progress; }
    int frameSerial() const { return m_frameSerial; }
    QImage frame() const { return m_frame; }
    QImage photo() const { return m_citizenData.photo; }
    QVariantMap citizen() const;
    QVariantMap result() const { return m_result; }
    QVariantMap binding() const { return m_binding; }
    QVariantList services() const { return m_services; }
    QVariantMap service() const { return m_service; }
    QVariantMap receipt() const { return m_receipt; }
    QString errorCode() const { return m_errorCode; }
    const ConsentRecord& consent() const { return m_consent; }
    // The last transitions, for the autopilot's log and tests.
    QStringList history() const { return m_history; }

    // Screens.
    Q_INVOKABLE void start();
    Q_INVOKABLE void chooseLanguage(const QString& language);
    Q_INVOKABLE void acceptConsent();
    Q_INVOKABLE void declineConsent();
    Q_INVOKABLE void next();
    Q_INVOKABLE void retry();
    Q_INVOKABLE void skip();
    Q_INVOKABLE void submitCode(const QString& code);
    Q_INVOKABLE void openService(const QString& id);
    Q_INVOKABLE void selectSlot(int index);
    Q_INVOKABLE void setField(const QString& id, const QString& value);
    Q_INVOKABLE void submit();
    Q_INVOKABLE void back();
    Q_INVOKABLE void finish();
    Q_INVOKABLE void cancel();
    // Localized helpers for the screens.
    Q_INVOKABLE QString formatAmount(qint64 satang) const;
    Q_INVOKABLE QString formatDate(const QDateTime& at) const;
    Q_INVOKABLE QString formatDay(const QDateTime& at) const;

public slots:
    // From the card reader monitor.
    void cardInserted();
    void cardRemoved();
    // From the network status.
    void backendDown();
    void backendUp();

signals:
    void screenChanged();
    void offlineChanged();
    void progressChanged();
    void frameChanged();
    void citizenChanged();
    void resultChanged();
    void bindingChanged();
    void servicesChanged();
    void serviceChanged();
    void receiptChanged();
    void errorChanged();
    // Every accepted transition, e.g. for the autopilot's timings.
    void transitioned(const QString& from, const QString& event, const QString& to);

private:
    void handle(session::Event event);
    void perform(session::Actions actions, session::State from);
    void wipe();
    void wipeData();
    void loadService();
    void finishSubmission(const journey::SubmissionReceipt& receipt);
    void printReceipt();
    void setProgress(const QVariantMap& progress);
    void setFrame(const QImage& frame);
    void speak(const QString& text);
    void fail(const journey::StepError& error);
    // Returns a callback guard: true while the session that asked is still the current one.
    std::function<bool()> alive();

    QPointer<Shell> m_shell;
    Ports m_ports;
    Options m_options;
    session::SessionStateMachine m_machine;
    quint64 m_generation = 0;
    bool m_syncingShell = false;

    journey::CitizenData m_citizenData;
    ConsentRecord m_consent;
    QVariantMap m_progress;
    QImage m_frame;
    int m_frameSerial = 0;
    QVariantMap m_result;
    QVariantMap m_binding;
    QVariantList m_services;
    QList<journey::ServiceInfo> m_catalogue;
    QString m_openServiceId;
    QVariantMap m_service;
    QList<journey::Slot> m_slots;
    int m_selectedSlot = -1;
    QList<std::pair<QString, QString>> m_fieldValues;
    QVariantMap m_receipt;
    journey::Receipt m_lastReceipt;
    QString m_errorCode;
    QString m_offlineReference;
    QStringList m_history;
    QTimer m_endingTimer;
};

}  // namespace kiosk::ui
