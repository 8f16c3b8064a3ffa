// A virtual Thai ID card (thai-vcard) inserted into the rig's vpcd reader.
// Starting the part inserts the card; stopping it pulls the card out, as a
// citizen would.
#pragma once

#include "part.h"
#include "process.h"

#include <functional>

namespace kiosk::sim {

class VirtualCardPart : public Part {
public:
    struct Card {
        QString file;                                  // JSON in sim/cards/
        QString profile = QStringLiteral("standard");  // thai-vcard --profile
    };

    // `program`: the thai-vcard binary; `vpcdPort`: the reader's port;
    // `readerSawCard`: true once the reader side (pcscd) reports the card.
    VirtualCardPart(QString workDir, QString program, quint16 vpcdPort, Card card,
                    std::function<bool()> readerSawCard);
    ~VirtualCardPart() override { stop(); }

    QString name() const override { return QStringLiteral("virtual-card"); }
    Result<void, SimError> start() override;
    void stop() override;
    bool isRunning() override { return m_process.isRunning(); }
    QJsonObject describe() const override;
    void exportTo(QProcessEnvironment&) const override {}

private:
    QString m_dir;
    QString m_program;
    quint16 m_port;
    Card m_card;
    std::function<bool()> m_readerSawCard;
    ManagedProcess m_process;
    int m_insertions = 0;
};

}  // namespace kiosk::sim
