#include "sim_rig.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QThread>

namespace kiosk::sim {

SimRig::SimRig() : m_dir(QDir::tempPath() + QStringLiteral("/kiosk-sim-XXXXXX")) {}

SimRig::~SimRig() {
    stop();
}

Result<std::unique_ptr<SimRig>, SimError> SimRig::start(const Options& options) {
    std::unique_ptr<SimRig> rig(new SimRig());
    if (!rig->m_dir.isValid()) {
        return fail(
            SimError{QStringLiteral("rig"),
                     QStringLiteral("cannot create a work directory in %1").arg(QDir::tempPath()),
                     {}});
    }
    rig->m_dir.setAutoRemove(!options.keepWorkDir);
    const QString dir = rig->m_dir.path();
    if (options.pcscd) {
        auto part = std::make_unique<PcscdPart>(dir);
        rig->m_pcscd = part.get();
        rig->m_parts.push_back(std::move(part));
    }
    if (options.mosquitto) {
        auto part = std::make_unique<MosquittoPart>(dir);
        rig->m_mosquitto = part.get();
        rig->m_parts.push_back(std::move(part));
    }
    if (options.portal) {
        QString program = options.portalProgram;
        if (program.isEmpty()) {
            program = qEnvironmentVariable("KIOSK_PORTAL_SIM",
                                           QStringLiteral(KIOSK_BUILD_BIN_DIR "/portal-sim"));
        }
        auto part = std::make_unique<PortalPart>(dir, program, options.portalData);
        rig->m_portal = part.get();
        rig->m_parts.push_back(std::move(part));
    }
    for (auto& part : rig->m_parts) {
        if (auto r = part->start(); !r) {
            rig->stop();
            return fail(r.error());
        }
    }
    if (options.card) {
        if (auto r = rig->insertCard(*options.card); !r) {
            rig->stop();
            return fail(r.error());
        }
    }
    rig->writeManifest();
    return rig;
}

Result<void, SimError> SimRig::insertCard(const VirtualCardPart::Card& card) {
    if (!m_pcscd) {
        return fail(SimError{QStringLiteral("virtual-card"),
                             QStringLiteral("the rig has no pcscd to insert into"),
                             {}});
    }
    removeCard();
    const QString program =
        qEnvironmentVariable("KIOSK_THAI_VCARD", QStringLiteral(KIOSK_BUILD_BIN_DIR "/thai-vcard"));
    PcscdPart* pcscd = m_pcscd;
    const int before = pcscd->cardInsertions(0);
    m_card = std::make_unique<VirtualCardPart>(
        workDir(), program, pcscd->vpcdPort(0), card,
        [pcscd, before] { return pcscd->cardInsertions(0) > before; });
    auto r = m_card->start();
    writeManifest();
    return r;
}

void SimRig::removeCard() {
    if (!m_card || !m_card->isRunning()) {
        return;
    }
    const int before = m_pcscd ? m_pcscd->cardRemovals(0) : 0;
    m_card->stop();
    // Return once pcscd has seen the card go, as a citizen's pulled card would be seen.
    QElapsedTimer clock;
    clock.start();
    while (m_pcscd && m_pcscd->isRunning() && m_pcscd->cardRemovals(0) <= before &&
           clock.elapsed() < 5000) {
        QThread::msleep(50);
    }
}

void SimRig::stop() {
    removeCard();
    for (auto it = m_parts.rbegin(); it != m_parts.rend(); ++it) {
        (*it)->stop();
    }
}

QJsonObject SimRig::manifest() const {
    QJsonObject parts;
    for (const auto& part : m_parts) {
        parts.insert(part->name(), part->describe());
    }
    if (m_card) {
        parts.insert(m_card->name(), m_card->describe());
    }
    return {{QStringLiteral("work_dir"), workDir()}, {QStringLiteral("parts"), parts}};
}

QString SimRig::writeManifest() const {
    const QString path = workDir() + QStringLiteral("/manifest.json");
    QSaveFile f(path);
    if (f.open(QIODevice::WriteOnly)) {
        f.write(QJsonDocument(manifest()).toJson());
        f.commit();
    }
    return path;
}

QProcessEnvironment SimRig::environment() const {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const auto& part : m_parts) {
        part->exportTo(env);
    }
    env.insert(QStringLiteral("KIOSK_SIM_MANIFEST"), workDir() + QStringLiteral("/manifest.json"));
    return env;
}

Result<QString, SimError> SimRig::writeKioskConfig(const QString& templatePath) const {
    QFile in(templatePath);
    if (!in.open(QIODevice::ReadOnly)) {
        return fail(SimError{QStringLiteral("rig"),
                             QStringLiteral("%1: %2").arg(templatePath, in.errorString()),
                             {}});
    }
    QJsonParseError err{};
    QJsonObject doc = QJsonDocument::fromJson(in.readAll(), &err).object();
    if (err.error != QJsonParseError::NoError) {
        return fail(SimError{QStringLiteral("rig"),
                             QStringLiteral("%1: %2").arg(templatePath, err.errorString()),
                             {}});
    }
    doc.remove(QStringLiteral("$schema"));
    if (m_portal) {
        QJsonObject backend = doc.value(QLatin1String("backend")).toObject();
        backend.insert(QStringLiteral("portal_url"), m_portal->baseUrl());
        backend.insert(QStringLiteral("ca_file"), m_portal->pki().caCert);
        backend.insert(QStringLiteral("client_cert"), m_portal->pki().clientCert);
        backend.insert(QStringLiteral("client_key"), m_portal->pki().clientKey);
        doc.insert(QStringLiteral("backend"), backend);
    }
    if (m_mosquitto) {
        QJsonObject fleet = doc.value(QLatin1String("fleet")).toObject();
        fleet.insert(QStringLiteral("broker_host"), QStringLiteral("127.0.0.1"));
        fleet.insert(QStringLiteral("broker_port"), m_mosquitto->port());
        doc.insert(QStringLiteral("fleet"), fleet);
    }
    const QString path = workDir() + QStringLiteral("/kiosk.json");
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly)) {
        return fail(SimError{
            QStringLiteral("rig"), QStringLiteral("%1: %2").arg(path, out.errorString()), {}});
    }
    out.write(QJsonDocument(doc).toJson());
    if (!out.commit()) {
        return fail(SimError{
            QStringLiteral("rig"), QStringLiteral("%1: %2").arg(path, out.errorString()), {}});
    }
    return path;
}

}  // namespace kiosk::sim
