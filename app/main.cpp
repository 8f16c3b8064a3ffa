// smart-kiosk: the kiosk application. Loads and validates the configuration,
// then runs the Qt Quick shell (fullscreen in service, windowed for
// development, or an offscreen autopilot for the demo and tests).
#include "autopilot.h"
#include "backend_proofing_port.h"
#include "config.h"
#include "demo_challenges.h"
#include "espeak_speaker.h"
#include "fake_journey_parts.h"
#include "file_printer.h"
#include "fleet_runtime.h"
#include "logging.h"
#include "maintenance_menu.h"
#include "maintenance_parts.h"
#include "network_status.h"
#include "offline_queue.h"
#include "paths.h"
#include "pcsc_card_port.h"
#include "portal_port.h"
#include "printer_receipt_port.h"
#include "provisioning.h"
#include "self_test.h"
#include "service_notifier.h"
#include "session.h"
#include "shell.h"
#include "sim_portal_hooks.h"
#include "technician_auth.h"
#include "usb_printer.h"
#include "vision_camera_port.h"
#include "vision_stack.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickWindow>
#include <QTextStream>
#include <QTimer>
#include <QtPlugin>
#include <cstdio>

Q_IMPORT_QML_PLUGIN(KioskPlugin)

Q_LOGGING_CATEGORY(lcAppMain, "kiosk.app.main")

namespace {

bool hasDisplay() {
    return !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
}

bool wantsAutopilot(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--autopilot") == 0 || qstrncmp(argv[i], "--autopilot=", 12) == 0) {
            return true;
        }
    }
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    // --version must work without a display (package tests, technicians over ssh).
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--version") == 0 || qstrcmp(argv[i], "-v") == 0) {
            std::printf("smart-kiosk %s\n", KIOSK_VERSION);
            return 0;
        }
    }
    // The autopilot needs no screen: without one it renders offscreen.
    if (wantsAutopilot(argc, argv) && !hasDisplay() &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    // Qt Virtual Keyboard (Thai and English layouts) for the kiosk's text fields.
    if (!wantsAutopilot(argc, argv) && qEnvironmentVariableIsEmpty("QT_IM_MODULE")) {
        qputenv("QT_IM_MODULE", "qtvirtualkeyboard");
    }
    kiosk::logging::install({});

    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("smart-kiosk"));
    QGuiApplication::setApplicationVersion(QStringLiteral(KIOSK_VERSION));
    QGuiApplication::setOrganizationName(QStringLiteral("smart-kiosk"));

    QCommandLineParser cli;
    cli.setApplicationDescription(
        QStringLiteral("Smart Kiosk: identity and public services kiosk"));
    cli.addHelpOption();
    cli.addVersionOption();
    const QCommandLineOption configOpt(
        QStringLiteral("config"),
        QStringLiteral("Configuration file (default $KIOSK_CONFIG or "
                       "/etc/smart-kiosk/kiosk.json)."),
        QStringLiteral("file"));
    const QCommandLineOption dataOpt(QStringLiteral("data-dir"), QStringLiteral("Data directory."),
                                     QStringLiteral("dir"));
    const QCommandLineOption windowedOpt(QStringLiteral("windowed"),
                                         QStringLiteral("Developer mode: a normal window."));
    const QCommandLineOption fullscreenOpt(QStringLiteral("fullscreen"),
                                           QStringLiteral("Kiosk mode: fullscreen."));
    const QCommandLineOption autopilotOpt(
        QStringLiteral("autopilot"),
        QStringLiteral(
            "Walk the screens unattended; write screenshots and run.json to <dir>, then exit."),
        QStringLiteral("dir"));
    const QCommandLineOption printerOpt(
        QStringLiteral("printer"),
        QStringLiteral(
            "Receipt printer: usb:VID:PID (hex) or file:DIR (default file:<data>/receipts, "
            "or <autopilot dir>/receipts)."),
        QStringLiteral("spec"));
    const QCommandLineOption walkOpt(
        QStringLiteral("autopilot-walk"),
        QStringLiteral("full (default): the whole journey in Thai and English; short: attract to "
                       "insert card and back."),
        QStringLiteral("walk"), QStringLiteral("full"));
    const QCommandLineOption fakePartsOpt(
        QStringLiteral("fake-parts"),
        QStringLiteral("Run the journey on in-process fakes instead of the card reader, camera, "
                       "proofing backends and Citizen Portal (screen development)."));
    const QCommandLineOption cameraOpt(
        QStringLiteral("camera"),
        QStringLiteral("auto (default): the V4L2 webcam when present, else the recorded demo "
                       "clip; a /dev/videoN device; or a video file (demo mode)."),
        QStringLiteral("source"), QStringLiteral("auto"));
    const QCommandLineOption demoDataOpt(
        QStringLiteral("demo-data"),
        QStringLiteral("Folder with video/katie_hill_talk.mp4 and video/annotations.csv (demo "
                       "mode; default the shared data folder) and cards/templates (OCR)."),
        QStringLiteral("dir"), QStringLiteral(KIOSK_SHARED_DATA_DIR));
    const QCommandLineOption demoCardOpt(
        QStringLiteral("demo-card-dir"),
        QStringLiteral("Demo mode: folder with the demo citizen's rendered card "
                       "(*-front.png, *-back.png from kiosk-cardgen) the camera step sees."),
        QStringLiteral("dir"));
    cli.addOptions({configOpt, dataOpt, windowedOpt, fullscreenOpt, autopilotOpt, printerOpt,
                    walkOpt, fakePartsOpt, cameraOpt, demoDataOpt, demoCardOpt});
    cli.process(app);

    QTextStream err(stderr);
    const QString dataDir = kiosk::paths::dataDir(cli.value(dataOpt));
    const QString configPath = kiosk::paths::configFile(cli.value(configOpt));
    auto active = kiosk::loadWithLastGood(configPath, kiosk::paths::lastGoodConfig(dataDir));
    // Once the fleet manages the kiosk, its committed copy is the configuration.
    const QString managedConfig = kiosk::fleet::FleetRuntime::managedConfigPath(dataDir);
    if (active && active->config.fleet.enabled && QFile::exists(managedConfig)) {
        if (auto managed =
                kiosk::loadWithLastGood(managedConfig, kiosk::paths::lastGoodConfig(dataDir))) {
            active = std::move(managed);
        }
    }
    if (!active) {
        err << "smart-kiosk: configuration rejected, not starting: " << active.error().summary()
            << '\n';
        for (const auto& f : active.error().fields) {
            err << "  " << (f.field.isEmpty() ? QStringLiteral("(file)") : f.field) << ": "
                << f.reason << '\n';
        }
        return 2;
    }
    const kiosk::KioskConfig& config = active->config;
    kiosk::logging::install({config.logging.traces, config.logging.rules.join(QLatin1Char('\n'))});
    qCInfo(lcAppMain).noquote() << "smart-kiosk" << KIOSK_VERSION << "kiosk" << config.kiosk.id
                                << "config" << active->path << "data" << dataDir;

    kiosk::ui::Shell::Options options;
    options.defaultLanguage = config.ui.defaultLanguage;
    options.languages = config.ui.languages;
    options.idleTimeoutMs = config.ui.idleTimeoutS * 1000;
    options.idleWarningMs = config.ui.idleWarningS * 1000;
    options.textScale = config.ui.textScale;
    options.highContrast = config.ui.highContrast;
    options.kioskId = config.kiosk.id;
    options.fullscreen = config.kiosk.display == kiosk::KioskConfig::Display::Fullscreen;
    if (cli.isSet(windowedOpt) || cli.isSet(autopilotOpt)) {
        options.fullscreen = false;
    } else if (cli.isSet(fullscreenOpt)) {
        options.fullscreen = true;
    }

    if (QGuiApplication::platformName() == QLatin1String("offscreen")) {
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    }

    // Work that must outlive a session waits here, encrypted, until delivered.
    auto queue = kiosk::backend::OfflineQueue::start(config, dataDir);
    if (!queue) {
        // Never replaced by an empty store: a technician must look (kioskctl queue status).
        qCCritical(lcAppMain).noquote()
            << "offline queue unavailable, no citizen work can be kept:" << queue.error();
    }

    kiosk::ui::Shell shell(options);
    kiosk::ui::Shell::setInstance(&shell);

    // The journey's parts: the real adapters (app/journey) unless
    // --fake-parts; the fakes still record what the autopilot would hear.
    kiosk::journey::FakeJourneyParts fakes;
    const bool realParts = !cli.isSet(fakePartsOpt);
    const QString demoData = cli.value(demoDataOpt);
    // An explicit --demo-data brings its own templates; otherwise the installed
    // ones (or the build's shared data on a developer machine).
    const QString cardTemplates = cli.isSet(demoDataOpt)
                                      ? demoData + QStringLiteral("/cards/templates")
                                      : kiosk::paths::cardTemplatesDir(demoData);
    auto policy = kiosk::proofing::IalPolicy::fromJson(
        config.document.value(QLatin1String("proofing")).toObject());
    if (!policy) {
        err << "smart-kiosk: proofing policy rejected: " << policy.error() << '\n';
        return 2;
    }
    kiosk::journey::JourneyEvidence evidence;
    std::unique_ptr<kiosk::journey::VisionStack> vision;
    std::unique_ptr<kiosk::journey::PcscCardPort> cardPort;
    std::unique_ptr<kiosk::journey::VisionCameraPort> cameraPort;
    std::unique_ptr<kiosk::journey::BackendProofingPort> proofingPort;
    std::unique_ptr<kiosk::journey::CitizenPortalPort> portalPort;
    kiosk::journey::CardPort* card = &fakes;
    kiosk::journey::CameraPort* camera = &fakes;
    kiosk::journey::ProofingPort* proofing = &fakes;
    kiosk::journey::PortalPort* portal = &fakes;
    if (realParts) {
        // First boot: the kiosk gets its signing identity (kioskctl provision does the same).
        if (!kiosk::os::readIdentity(dataDir)) {
            if (auto id = kiosk::os::provision(dataDir, config.kiosk.id); !id) {
                qCWarning(lcAppMain).noquote() << "not provisioned:" << id.error().message;
            }
        }
        vision = std::make_unique<kiosk::journey::VisionStack>(
            config.document.value(QLatin1String("liveness")).toObject(), cardTemplates);
        kiosk::journey::PcscCardPort::Options co;
        co.reader = config.card.reader;
        co.read.apduTimeoutMs = config.card.apduTimeoutMs;
        co.read.readTimeoutMs = config.card.readTimeoutMs;
        cardPort = std::make_unique<kiosk::journey::PcscCardPort>(co, &evidence);

        kiosk::journey::VisionCameraPort::Options vo;
        const QString cameraSpec = cli.value(cameraOpt);
        if (cameraSpec == QLatin1String("auto")) {
            vo.demo = !QFile::exists(vo.device);
        } else if (cameraSpec.startsWith(QLatin1String("/dev/"))) {
            vo.device = cameraSpec;
        } else {
            vo.demo = true;
            vo.clip = cameraSpec;
        }
        if (vo.demo) {
            if (vo.clip.isEmpty()) {
                vo.clip = demoData + QStringLiteral("/video/katie_hill_talk.mp4");
            }
            auto order = kiosk::journey::demoChallenges(
                demoData + QStringLiteral("/video/annotations.csv"), QFileInfo(vo.clip).fileName());
            if (order) {
                vo.demoChallenges = *order;
            } else {
                qCWarning(lcAppMain).noquote() << "demo challenges:" << order.error();
            }
            const QDir cards(cli.value(demoCardOpt));
            const QStringList fronts = cards.entryList({QStringLiteral("*-front.png")});
            const QStringList backs = cards.entryList({QStringLiteral("*-back.png")});
            if (!fronts.isEmpty() && !backs.isEmpty()) {
                vo.cardFront = cards.filePath(fronts.first());
                vo.cardBack = cards.filePath(backs.first());
            }
        }
        if (auto lc = kiosk::vision::LivenessConfig::fromJson(
                config.document.value(QLatin1String("liveness")).toObject())) {
            vo.challengeCount = lc->challengeCount;
        }
        cameraPort =
            std::make_unique<kiosk::journey::VisionCameraPort>(vo, vision.get(), &evidence);
        qCInfo(lcAppMain).noquote()
            << "camera" << cameraPort->sourceDescription() << (vo.demo ? "(demo mode)" : "");
        kiosk::store::Outbox* outbox = queue ? &(*queue)->outbox() : nullptr;
        proofingPort = std::make_unique<kiosk::journey::BackendProofingPort>(
            kiosk::journey::BackendProofingPort::Options{config, dataDir, *policy}, vision.get(),
            &evidence, outbox);
        portalPort = std::make_unique<kiosk::journey::CitizenPortalPort>(config, outbox);
        card = cardPort.get();
        camera = cameraPort.get();
        proofing = proofingPort.get();
        portal = portalPort.get();
    }
    const QString autopilotDir =
        cli.isSet(autopilotOpt) ? QDir(cli.value(autopilotOpt)).absolutePath() : QString();
    QString printerSpec = cli.value(printerOpt);
    if (printerSpec.isEmpty()) {
        printerSpec = QStringLiteral("file:") + (autopilotDir.isEmpty() ? dataDir : autopilotDir) +
                      QStringLiteral("/receipts");
    }
    std::unique_ptr<kiosk::printer::Printer> printerDevice;
    if (printerSpec.startsWith(QLatin1String("usb:"))) {
        const QStringList ids = printerSpec.mid(4).split(QLatin1Char(':'));
        auto usb = kiosk::printer::UsbPrinter::open(ids.value(0).toUShort(nullptr, 16),
                                                    ids.value(1).toUShort(nullptr, 16));
        if (usb) {
            printerDevice = std::move(*usb);
        } else {
            qCWarning(lcAppMain).noquote()
                << "receipt printer" << printerSpec << kiosk::printer::errorName(usb.error());
        }
    } else {
        printerDevice = std::make_unique<kiosk::printer::FilePrinter>(
            printerSpec.startsWith(QLatin1String("file:")) ? printerSpec.mid(5) : printerSpec);
    }
    kiosk::ui::PrinterReceiptPort receiptPort(std::move(printerDevice), {});
    kiosk::ui::EspeakSpeaker espeak;
    kiosk::journey::Speaker* speaker = &fakes;  // the autopilot records what would be said
    if (!cli.isSet(autopilotOpt) && espeak.available()) {
        speaker = &espeak;
    }
    kiosk::ui::Session::Options sessionOptions;
    if (realParts) {
        // The notice's version is the one the proofing records as consented to.
        sessionOptions.consentVersion = policy->consentTextVersion;
    }
    kiosk::ui::Session session(&shell, {card, camera, proofing, portal, &receiptPort, speaker},
                               sessionOptions);
    kiosk::ui::Session::setInstance(&session);
    // The reader and the network drive the session. On autopilot nobody can
    // move the card: the walk inserts and removes it itself.
    kiosk::backend::NetworkStatus network;
    if (realParts && !cli.isSet(autopilotOpt)) {
        cardPort->watch([&session] { session.cardInserted(); },
                        [&session] { session.cardRemoved(); });
        QObject::connect(&network, &kiosk::backend::NetworkStatus::onlineChanged, &session,
                         [&session](bool online) {
                             if (online) {
                                 session.backendUp();
                             } else {
                                 session.backendDown();
                             }
                         });
    }
    // Restart (systemd brings the kiosk back, Restart=on-failure) once no
    // citizen is being served: now on the attract screen, else when it returns.
    constexpr int kRestartExitCode = 75;
    const auto restartWhenIdle = [&shell](const QString& reason) {
        qCInfo(lcAppMain).noquote() << "restart requested:" << reason;
        if (shell.screen() == kiosk::ui::Shell::Screen::Attract) {
            QCoreApplication::exit(kRestartExitCode);
            return;
        }
        QObject::connect(&shell, &kiosk::ui::Shell::screenChanged, &shell, [&shell] {
            if (shell.screen() == kiosk::ui::Shell::Screen::Attract) {
                QCoreApplication::exit(kRestartExitCode);
            }
        });
    };
    const auto selfTest = [&] {
        return kiosk::os::runSelfTest({configPath, dataDir, {}, cardTemplates});
    };
    const auto readFleetState = [&dataDir] {
        QFile f(dataDir + QStringLiteral("/fleet/state.json"));
        return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object()
                                           : QJsonObject();
    };

    // Technician maintenance menu: PINs in the data folder, audit in the store.
    kiosk::ui::MaintenanceMenu maintenanceMenu(nullptr);
    {
        kiosk::maintenance::TechnicianAuth::Options ao;
        ao.file = kiosk::maintenance::TechnicianAuth::defaultFile(dataDir);
        ao.audit = [&queue](const QString& e, const QString& s, const QString& d) {
            if (queue) {
                (void)(*queue)->store().audit(e, s, d);
            }
        };
        if (auto auth = kiosk::maintenance::TechnicianAuth::open(ao)) {
            maintenanceMenu.setAuth(
                std::make_unique<kiosk::maintenance::TechnicianAuth>(std::move(*auth)));
        } else {
            qCWarning(lcAppMain).noquote()
                << "maintenance sign-in unavailable:" << auth.error().message;
        }
        using kiosk::ui::MaintenanceItem;
        kiosk::ui::MaintenanceMenu::Backend b;
        b.deviceStatus = [selfTest] {
            QList<MaintenanceItem> items;
            for (const auto& c : selfTest()) {
                items.append({c.name, c.detail,
                              c.status == kiosk::os::SelfCheck::Status::Pass ? QStringLiteral("ok")
                              : c.status == kiosk::os::SelfCheck::Status::Warn
                                  ? QStringLiteral("warning")
                                  : QStringLiteral("error")});
            }
            return items;
        };
        b.outbox = [&queue] {
            QList<MaintenanceItem> items;
            if (!queue) {
                items.append({QStringLiteral("Outbox"), queue.error(), QStringLiteral("error")});
                return items;
            }
            const QJsonObject stats = (*queue)->stats();
            const QJsonObject ob = stats.value(QLatin1String("outbox")).toObject();
            for (auto it = ob.begin(); it != ob.end(); ++it) {
                items.append({it.key(), it.value().toVariant().toString(), QStringLiteral("info")});
            }
            return items;
        };
        b.configVersion = [readFleetState] {
            return QString::number(
                readFleetState().value(QLatin1String("config_version")).toInteger());
        };
        b.configHistory = [readFleetState] {
            QList<MaintenanceItem> items;
            for (const auto& h : readFleetState().value(QLatin1String("history")).toArray()) {
                const QJsonObject o = h.toObject();
                const QString outcome = o.value(QLatin1String("outcome")).toString();
                items.prepend(
                    {QStringLiteral("v%1").arg(o.value(QLatin1String("version")).toInteger()),
                     outcome + QLatin1Char(' ') + o.value(QLatin1String("at")).toString() +
                         QLatin1Char(' ') + o.value(QLatin1String("reason")).toString(),
                     outcome == QLatin1String("committed") ? QStringLiteral("ok")
                                                           : QStringLiteral("error")});
            }
            return items;
        };
        b.selfTest = [selfTest](const QString& test) -> MaintenanceItem {
            // The card test uses the reader daemon's check until the reader screen lands.
            const QString wanted = test == QLatin1String("card") ? QStringLiteral("pcscd") : test;
            for (const auto& c : selfTest()) {
                if (c.name == wanted) {
                    return {test, c.detail,
                            c.status == kiosk::os::SelfCheck::Status::Fail ? QStringLiteral("error")
                                                                           : QStringLiteral("ok")};
                }
            }
            return {test, QStringLiteral("not available on this kiosk yet"),
                    QStringLiteral("warning")};
        };
        b.retryOutbox = [&queue] {
            if (!queue) {
                return false;
            }
            (*queue)->wakeDelivery();
            return true;
        };
        b.restart = [restartWhenIdle] { restartWhenIdle(QStringLiteral("technician")); };
        // The self-tests, device status, logs and outbox rows on the real parts.
        auto parts =
            kiosk::maintenance::menuPartsFromConfig(config, dataDir, receiptPort.printer());
        parts.outboxStats = [&queue] {
            return queue ? (*queue)->stats()
                         : QJsonObject{{QStringLiteral("error"), queue.error()}};
        };
        kiosk::maintenance::useRealParts(b, parts);
        maintenanceMenu.setBackend(b);
        kiosk::ui::MaintenanceMenu::setInstance(&maintenanceMenu);
    }

    // Fleet agent on its own thread; the UI only hands it snapshots.
    std::unique_ptr<kiosk::fleet::FleetRuntime> fleet;
    QTimer fleetStatus;
    if (config.fleet.enabled) {
        fleet = std::make_unique<kiosk::fleet::FleetRuntime>(config, dataDir);
        // Runs on the fleet thread: the checks only read files and probe sockets.
        fleet->setSelfTest([configPath, dataDir, cardTemplates] {
            const auto checks = kiosk::os::runSelfTest({configPath, dataDir, {}, cardTemplates});
            for (const auto& c : checks) {
                qCInfo(lcAppMain).noquote()
                    << "remote self-test" << c.name << kiosk::os::SelfCheck::statusName(c.status)
                    << c.detail;
            }
            return kiosk::os::selfTestJson(checks);
        });
        QObject::connect(fleet.get(), &kiosk::fleet::FleetRuntime::restartRequested, &shell,
                         restartWhenIdle);
        QObject::connect(
            fleet.get(), &kiosk::fleet::FleetRuntime::liveConfig, &shell, [](const QJsonObject& c) {
                auto parsed = kiosk::ConfigLoader::parse(QJsonDocument(c).toJson());
                if (parsed) {
                    kiosk::logging::install(
                        {parsed->logging.traces, parsed->logging.rules.join(QLatin1Char('\n'))});
                }
            });
        QObject::connect(fleet.get(), &kiosk::fleet::FleetRuntime::commandReceived, &shell,
                         [&](const QString& name, const QJsonObject&) {
                             if (name == QLatin1String("restart")) {
                                 restartWhenIdle(QStringLiteral("fleet command"));
                             } else if (name == QLatin1String("retry-outbox") && queue) {
                                 (*queue)->wakeDelivery();
                             }
                         });
        // Device checks are slower than the outbox counts: refreshed once a minute.
        auto devices = std::make_shared<QJsonObject>();
        auto snapshots = std::make_shared<int>(0);
        const auto snapshot = [&, devices, snapshots] {
            if ((*snapshots)++ % 6 == 0) {
                QJsonObject d;
                for (const auto& c : selfTest()) {
                    d.insert(c.name, kiosk::os::SelfCheck::statusName(c.status));
                }
                *devices = d;
            }
            QJsonObject s{{QStringLiteral("screen"), shell.screenName()},
                          {QStringLiteral("devices"), *devices}};
            if (queue) {
                s.insert(QStringLiteral("outbox"), (*queue)->stats());
            }
            fleet->setStatus(s);
        };
        snapshot();
        QObject::connect(&fleetStatus, &QTimer::timeout, &shell, snapshot);
        fleetStatus.start(10000);
        fleet->start();
    }

    QQmlApplicationEngine engine;
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreationFailed, &app,
        [] { QCoreApplication::exit(3); }, Qt::QueuedConnection);
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Kiosk/Main.qml")));
    auto* window = engine.rootObjects().isEmpty()
                       ? nullptr
                       : qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
    if (!window) {
        err << "smart-kiosk: the user interface failed to load\n";
        return 3;
    }

    // systemd: ready once the first screen is up; the watchdog pings come from
    // this (GUI) thread, so a frozen interface gets the kiosk restarted.
    kiosk::os::ServiceNotifier notifier;
    notifier.ready(
        queue ? QStringLiteral("screen %1").arg(shell.screenName())
              : QStringLiteral("screen %1; offline queue unavailable").arg(shell.screenName()));
    QObject::connect(&shell, &kiosk::ui::Shell::screenChanged, &notifier,
                     [&] { notifier.status(QStringLiteral("screen %1").arg(shell.screenName())); });
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &notifier, [&] { notifier.stopping(); });

    // On the simulators (the autopilot, or a windowed demo under kiosk-sim)
    // portal-sim stands in for the installer, who enrols the kiosk's key with
    // the IdP, and for the phone that receives the binding code: the code is
    // printed on the console for whoever plays the citizen.
    const bool onSimulators = realParts && (cli.isSet(autopilotOpt) ||
                                            !qEnvironmentVariableIsEmpty("KIOSK_SIM_MANIFEST"));
    if (onSimulators) {
        auto hooks = std::make_shared<kiosk::journey::SimPortalHooks>(config);
        if (auto id = kiosk::os::readIdentity(dataDir)) {
            if (auto enrolled = hooks->enrolDevice(config.kiosk.id, id->signingPublic); !enrolled) {
                qCWarning(lcAppMain).noquote() << "device enrolment:" << enrolled.error();
            }
        }
        if (!cli.isSet(autopilotOpt)) {
            QObject::connect(portalPort.get(), &kiosk::journey::CitizenPortalPort::bindingCodeSent,
                             &app, [hooks](const QString& challengeId) {
                                 auto code = hooks->bindingCode(challengeId);
                                 QTextStream(stdout)
                                     << "simulated SMS to the citizen: binding code "
                                     << (code ? *code : QStringLiteral("unavailable")) << '\n';
                             });
        }
    }

    std::unique_ptr<kiosk::ui::Autopilot> autopilot;
    if (cli.isSet(autopilotOpt)) {
        const QString outDir = autopilotDir;
        kiosk::ui::AutopilotOptions ao;
        if (realParts) {
            ao.realParts = true;
            ao.demoMode = [&cameraPort] { return cameraPort->demoMode(); };
            // The simulators stand in for the SMS with the binding code.
            auto hooks = std::make_shared<kiosk::journey::SimPortalHooks>(config);
            ao.bindingCode = [hooks, &portalPort]() -> QString {
                auto code = hooks->bindingCode(portalPort->bindingChallenge());
                return code ? *code : QString();
            };
        }
        autopilot = std::make_unique<kiosk::ui::Autopilot>(
            window, &shell, &session, &fakes, outDir, cli.value(walkOpt) != QLatin1String("short"),
            ao);
        if (realParts) {
            autopilot->addRunInfo(QStringLiteral("camera"), [&cameraPort]() -> QJsonValue {
                return cameraPort->sourceDescription();
            });
        }
        autopilot->addRunInfo(QStringLiteral("receipts_printed"),
                              [&receiptPort]() -> QJsonValue { return receiptPort.printed(); });
        autopilot->addRunInfo(QStringLiteral("offline_queue"), [&queue]() -> QJsonValue {
            return queue ? QJsonValue((*queue)->stats()) : QJsonValue(queue.error());
        });
        QObject::connect(autopilot.get(), &kiosk::ui::Autopilot::finished, &app, [&](bool ok) {
            QTextStream(stdout) << "autopilot " << (ok ? "passed" : "FAILED")
                                << "; screenshots and run log in " << outDir << '\n';
            QCoreApplication::exit(ok ? 0 : 1);
        });
        autopilot->start();
    }
    return QGuiApplication::exec();
}
