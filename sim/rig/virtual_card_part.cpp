#include "virtual_card_part.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace kiosk::sim {

VirtualCardPart::VirtualCardPart(QString workDir, QString program, quint16 vpcdPort, Card card,
                                 std::function<bool()> readerSawCard)
    : m_dir(std::move(workDir) + QStringLiteral("/virtual-card")),
      m_program(std::move(program)),
      m_port(vpcdPort),
      m_card(std::move(card)),
      m_readerSawCard(std::move(readerSawCard)) {}

Result<void, SimError> VirtualCardPart::start() {
    if (findProgram(m_program).isEmpty()) {
        return fail(SimError{
            name(),
            QStringLiteral("%1 not found (build the project first: it is target thai-vcard)")
                .arg(m_program),
            {}});
    }
    if (!QFileInfo::exists(m_card.file)) {
        return fail(SimError{name(), QStringLiteral("no card file %1").arg(m_card.file), {}});
    }
    if (!QDir().mkpath(m_dir)) {
        return fail(SimError{name(), QStringLiteral("cannot create %1").arg(m_dir), {}});
    }
    // One log per insertion, so a test can tell them apart.
    const QString log = m_dir + QStringLiteral("/thai-vcard-%1.log").arg(++m_insertions);
    const QStringList args{QStringLiteral("--card"),    m_card.file,
                           QStringLiteral("--profile"), m_card.profile,
                           QStringLiteral("--port"),    QString::number(m_port)};
    if (auto r = m_process.start(ManagedProcess::Spec::make(name(), m_program, args, log)); !r) {
        return r;
    }
    // thai-vcard says "inserted" once vpcd took the card; pcscd notices at its
    // next poll. Clients may read only after both.
    return m_process.waitUntil(
        [&] {
            QFile f(log);
            return f.open(QIODevice::ReadOnly) && f.readAll().contains("thai-vcard: inserted") &&
                   (!m_readerSawCard || m_readerSawCard());
        },
        10000, QStringLiteral("pcscd saw the card in the vpcd reader on port %1").arg(m_port));
}

void VirtualCardPart::stop() {
    m_process.stop();
}

QJsonObject VirtualCardPart::describe() const {
    return {
        {QStringLiteral("card"), m_card.file},
        {QStringLiteral("profile"), m_card.profile},
        {QStringLiteral("vpcd_port"), m_port},
        {QStringLiteral("log"), m_dir + QStringLiteral("/thai-vcard-%1.log").arg(m_insertions)}};
}

}  // namespace kiosk::sim
