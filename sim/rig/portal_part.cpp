#include "portal_part.h"

#include "https_probe.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace kiosk::sim {

namespace {

// portal-sim announces its port as one JSON line: {"event":"listening","port":N}.
quint16 announcedPort(const QString& logFile) {
    QFile f(logFile);
    if (!f.open(QIODevice::ReadOnly)) {
        return 0;
    }
    while (!f.atEnd()) {
        const QJsonObject o = QJsonDocument::fromJson(f.readLine()).object();
        if (o.value(QLatin1String("event")).toString() == QLatin1String("listening")) {
            return static_cast<quint16>(o.value(QLatin1String("port")).toInt());
        }
    }
    return 0;
}

}  // namespace

PortalPart::PortalPart(QString workDir, QString program, Data data)
    : m_dir(std::move(workDir) + QStringLiteral("/portal-sim")),
      m_program(std::move(program)),
      m_data(std::move(data)) {
    if (m_data.citizensFile.isEmpty()) {
        m_data.citizensFile = QStringLiteral(KIOSK_SOURCE_DIR "/sim/portal-sim/citizens.json");
    }
}

Result<void, SimError> PortalPart::start() {
    if (findProgram(m_program).isEmpty()) {
        return fail(SimError{
            name(),
            QStringLiteral("%1 not found (build the project first: it is target portal-sim)")
                .arg(m_program),
            {}});
    }
    if (!QDir().mkpath(m_dir)) {
        return fail(SimError{name(), QStringLiteral("cannot create %1").arg(m_dir), {}});
    }
    auto pki = TestPki::create(m_dir);
    if (!pki) {
        return fail(SimError{name(), QStringLiteral("test PKI: ") + pki.error(), {}});
    }
    m_pki = *pki;
    const QString log = m_dir + QStringLiteral("/portal-sim.log");
    // A restart in the same folder (state kept) must not read the previous
    // run's port announcement: keep that log aside.
    if (QFile::exists(log)) {
        QFile::remove(log + QStringLiteral(".1"));
        QFile::rename(log, log + QStringLiteral(".1"));
    }
    QStringList args = {QStringLiteral("--listen"),    QStringLiteral("127.0.0.1:0"),
                        QStringLiteral("--cert"),      m_pki.serverCert,
                        QStringLiteral("--key"),       m_pki.serverKey,
                        QStringLiteral("--client-ca"), m_pki.caCert,
                        QStringLiteral("--citizens"),  m_data.citizensFile,
                        QStringLiteral("--state"),     stateFile()};
    if (!m_data.devicesFile.isEmpty()) {
        args << QStringLiteral("--devices") << m_data.devicesFile;
    }
    if (auto r = m_process.start(ManagedProcess::Spec::make(name(), m_program, args, log)); !r) {
        return r;
    }
    if (auto r = m_process.waitUntil([&] { return (m_port = announcedPort(log)) != 0; }, 10000,
                                     QStringLiteral("it announced its port"));
        !r) {
        return r;
    }
    const TlsFiles tls{m_pki.caCert, m_pki.clientCert, m_pki.clientKey};
    return m_process.waitUntil(
        [&] {
            const auto reply =
                httpsGet(QStringLiteral("127.0.0.1"), m_port, QStringLiteral("/health"), tls, 1000);
            return reply && reply->status == 200;
        },
        10000, QStringLiteral("GET /health over mutual TLS returned 200"));
}

void PortalPart::stop() {
    m_process.stop();
}

QJsonObject PortalPart::describe() const {
    return {{QStringLiteral("url"), baseUrl()},
            {QStringLiteral("ca"), m_pki.caCert},
            {QStringLiteral("client_cert"), m_pki.clientCert},
            {QStringLiteral("client_key"), m_pki.clientKey},
            {QStringLiteral("log"), m_dir + QStringLiteral("/portal-sim.log")}};
}

void PortalPart::exportTo(QProcessEnvironment& env) const {
    env.insert(QStringLiteral("KIOSK_SIM_PORTAL_URL"), baseUrl());
    env.insert(QStringLiteral("KIOSK_SIM_PORTAL_CA"), m_pki.caCert);
    env.insert(QStringLiteral("KIOSK_SIM_CLIENT_CERT"), m_pki.clientCert);
    env.insert(QStringLiteral("KIOSK_SIM_CLIENT_KEY"), m_pki.clientKey);
}

}  // namespace kiosk::sim
