// Errors from starting or probing a simulated part.
#pragma once

#include <QString>

namespace kiosk::sim {

struct SimError {
    QString part;     // "pcscd", "mosquitto", "portal-sim", ...
    QString message;  // what went wrong and, where known, how to fix it
    QString logTail;  // last lines the part printed, if it ran at all

    QString summary() const {
        QString s = part + QStringLiteral(": ") + message;
        if (!logTail.isEmpty()) {
            s +=
                QStringLiteral("\n--- last output of ") + part + QStringLiteral(" ---\n") + logTail;
        }
        return s;
    }
};

}  // namespace kiosk::sim
