// Qt Quick Test runner for the journey's QML components (tests in qml/).
// The components read the `Shell` and `Session` singletons, so a shell and a
// session on the in-process fakes are registered before the engine loads.
#include "fake_journey_parts.h"
#include "session.h"
#include "shell.h"

#include <QQmlEngine>
#include <QQmlExtensionPlugin>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(KioskPlugin)

class Setup : public QObject {
    Q_OBJECT
public slots:
    void qmlEngineAvailable(QQmlEngine* engine) {
        // Where the Kiosk module's QML files are compiled in.
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        kiosk::ui::Shell::Options o;
        o.fullscreen = false;
        m_shell = std::make_unique<kiosk::ui::Shell>(o);
        kiosk::ui::Shell::setInstance(m_shell.get());
        m_session = std::make_unique<kiosk::ui::Session>(
            m_shell.get(),
            kiosk::ui::Session::Ports{&m_fakes, &m_fakes, &m_fakes, &m_fakes, &m_fakes, &m_fakes},
            kiosk::ui::Session::Options{});
        kiosk::ui::Session::setInstance(m_session.get());
    }

private:
    kiosk::journey::FakeJourneyParts m_fakes;
    std::unique_ptr<kiosk::ui::Shell> m_shell;
    std::unique_ptr<kiosk::ui::Session> m_session;
};

QUICK_TEST_MAIN_WITH_SETUP(kiosk_components, Setup)
#include "tst_qml_components.moc"
