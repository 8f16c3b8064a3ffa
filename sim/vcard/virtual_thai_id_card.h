// The virtual Thai ID card: answers command APDUs the way the real applet
// does (T=0 style 61xx + GET RESPONSE, or direct T=1 answers), with profiles
// that reproduce the awkward cards a kiosk meets. The applet layout is kept
// separate from drivers/smartcard on purpose, so a wrong offset on either side
// shows up in the integration tests.
#pragma once

#include "result.h"
#include "virtual_citizen.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace kiosk::sim::vcard {

struct CardProfile {
    QString name = QStringLiteral("standard");
    bool atr3B67 = false;       // 3B 67 ATR; GET RESPONSE must use P2 = 01
    bool t1Direct = false;      // T=1 ATR; data returned directly, never 61xx
    bool corruptPhoto = false;  // photo without SOI/EOI
    int delayMs = 0;            // added to every APDU
    int removeAtApdu = 0;       // 1-based APDU at which the card leaves vpcd (0: never)
    int garbageAtApdu = 0;      // 1-based APDU answered with one meaningless byte (0: never)
    bool noLaser = false;       // the chip has no extension applet
    // Data overrides (BE YYYYMMDD), empty to keep the card file's.
    QString birthDate;
    QString issueDate;
    QString expiryDate;

    // standard, atr-3b67, t1-direct, expired, unknown-birth-day, corrupt-photo,
    // slow, remove-at, garbage, no-laser
    static Result<CardProfile, QString> named(const QString& name);
    static QStringList names();
};

class VirtualThaiIdCard {
public:
    static Result<VirtualThaiIdCard, QString> create(VirtualCitizen citizen, CardProfile profile);

    QByteArray atr() const { return m_atr; }
    const CardProfile& profile() const { return m_profile; }
    // Power on / reset: forgets the selected applet and any pending response.
    void reset();
    // One command APDU in, one response APDU out.
    QByteArray process(const QByteArray& command);

    // The applet's file as built (tests compare against it).
    const QByteArray& file() const { return m_file; }

private:
    VirtualThaiIdCard() = default;
    QByteArray answer(QByteArray data);  // 61xx under T=0, data+9000 under T=1

    enum class Applet { None, Main, Extension };
    CardProfile m_profile;
    QByteArray m_atr;
    QByteArray m_file;
    QByteArray m_laserRecord;
    QByteArray m_pending;
    Applet m_selected = Applet::None;
};

}  // namespace kiosk::sim::vcard
