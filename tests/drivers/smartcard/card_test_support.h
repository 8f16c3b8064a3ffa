// Shared helpers of the smart card suites: virtual cards from sim/cards and a
// CardTransport that talks to a VirtualThaiIdCard in-process (no pcscd).
#pragma once

#include "card_transport.h"
#include "test_env.h"
#include "virtual_thai_id_card.h"
#include "vpcd_client.h"

#include <QDebug>
#include <QList>
#include <memory>

namespace kiosk::test {

// sim/cards/<file> with its photo from the shared data, as `profile`.
inline Result<sim::vcard::VirtualThaiIdCard, QString> virtualCard(
    const QString& profile, const QString& file = QStringLiteral("somchai.json")) {
    auto p = sim::vcard::CardProfile::named(profile);
    if (!p) {
        return fail(p.error());
    }
    auto citizen =
        sim::vcard::VirtualCitizen::fromFile(sourceDir() + QStringLiteral("/sim/cards/") + file);
    if (!citizen) {
        return fail(citizen.error());
    }
    if (auto r = citizen->loadPhoto(sharedDataDir()); !r) {
        return fail(r.error());
    }
    return sim::vcard::VirtualThaiIdCard::create(*citizen, *p);
}

// That card inserted into the vpcd reader on `vpcdPort`; nullptr, with the
// reason logged, when the card cannot be built or inserted.
inline std::unique_ptr<sim::vcard::VirtualCardSession> insertVirtualCard(
    quint16 vpcdPort, const QString& profile,
    const QString& file = QStringLiteral("somchai.json")) {
    auto card = virtualCard(profile, file);
    if (!card) {
        qWarning().noquote() << card.error();
        return nullptr;
    }
    auto session = sim::vcard::VirtualCardSession::insert(std::move(*card), vpcdPort);
    if (!session) {
        qWarning().noquote() << session.error();
        return nullptr;
    }
    return std::move(*session);
}

// The virtual card behind the CardTransport seam, with the profile's
// removal and garbage behaviour mapped to what PC/SC would report.
class VirtualCardTransport : public card::CardTransport {
public:
    explicit VirtualCardTransport(sim::vcard::VirtualThaiIdCard card) : m_card(std::move(card)) {}

    Result<QByteArray, card::CardError> transmit(const QByteArray& command) override {
        commands.append(command);
        const int n = commands.size();
        const auto& p = m_card.profile();
        if (p.removeAtApdu > 0 && n >= p.removeAtApdu) {
            return fail(
                card::makeError(card::CardError::Code::CardRemoved, QStringLiteral("removed")));
        }
        if (resetAtApdu > 0 && n == resetAtApdu) {
            m_card.reset();
            return fail(card::makeError(card::CardError::Code::CardReset, QStringLiteral("reset")));
        }
        if (p.garbageAtApdu > 0 && n == p.garbageAtApdu) {
            return QByteArray(1, '\x5A');
        }
        return m_card.process(command);
    }
    QByteArray atr() const override { return m_card.atr(); }
    card::Protocol protocol() const override {
        return m_card.profile().t1Direct ? card::Protocol::T1 : card::Protocol::T0;
    }
    Result<void, card::CardError> reconnect() override {
        ++reconnects;
        m_card.reset();
        return {};
    }

    QList<QByteArray> commands;
    int resetAtApdu = 0;
    int reconnects = 0;

private:
    sim::vcard::VirtualThaiIdCard m_card;
};

}  // namespace kiosk::test
