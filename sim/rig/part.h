// One real part a test or the demo needs (pcscd, Mosquitto, portal-sim),
// started in its own work directory on free loopback ports.
#pragma once

#include "result.h"
#include "sim_error.h"

#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>

namespace kiosk::sim {

class Part {
public:
    virtual ~Part() = default;
    virtual QString name() const = 0;
    // Starts the part and returns once it answers on its real protocol.
    virtual Result<void, SimError> start() = 0;
    virtual void stop() = 0;
    virtual bool isRunning() = 0;
    // Endpoints and files, for the run manifest.
    virtual QJsonObject describe() const = 0;
    // Variables a client process needs to reach the part.
    virtual void exportTo(QProcessEnvironment& env) const = 0;
};

}  // namespace kiosk::sim
