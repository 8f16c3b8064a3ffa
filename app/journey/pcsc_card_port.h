// CardPort over the PC/SC card driver (drivers/smartcard): the Thai ID
// applet read on a worker thread, progress per field group, errors mapped to
// the journey's StepError codes, and the reader monitor's insert / remove.
#pragma once

#include "card_error.h"
#include "journey_evidence.h"
#include "journey_ports.h"
#include "journey_worker.h"
#include "thai_id_applet.h"

#include <QObject>
#include <atomic>
#include <memory>

namespace kiosk::card {
class ReaderMonitor;
}

namespace kiosk::journey {

class PcscCardPort : public QObject, public CardPort {
    Q_OBJECT
public:
    struct Options {
        QString reader;  // empty: the first reader holding a card
        card::ReadOptions read;
        int minStepMs = 250;  // each field group stays on screen at least this long
    };
    PcscCardPort(Options options, JourneyEvidence* evidence, QObject* parent = nullptr);
    ~PcscCardPort() override;

    void read(std::function<void(const ReadProgress&)> progress,
              std::function<void(const CitizenData&)> done,
              std::function<void(const StepError&)> failed) override;
    // The session is wiped: a read in flight is dropped and the evidence it
    // gathered (chip data, card images, liveness) goes with the session.
    void cancel() override;

    // Watches the reader; insertions and removals in it (or in any reader
    // when none is configured) go to the callbacks, on this object's thread.
    void watch(std::function<void()> inserted, std::function<void()> removed);

    // The journey's error for a driver error ("card_unreadable", ...).
    static StepError stepError(const card::CardError& error);
    // What the screens may show, from the chip data.
    static CitizenData citizenData(const card::CardData& card);
    // The field groups reported as progress, in order.
    static QStringList fieldGroups();

private:
    Options m_options;
    JourneyEvidence* m_evidence;
    std::atomic<quint64> m_generation{0};
    card::ReaderMonitor* m_monitor = nullptr;
    JourneyWorker m_worker{QStringLiteral("card-read")};  // last: joined first
};

}  // namespace kiosk::journey
