// GET /health: liveness of the simulator itself (readiness probe for rigs).
#include "portal_sim.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace kiosk::sim {

void registerHealthApi(Router& router, PortalSim&) {
    router.add("GET", "/health", [](const HttpRequest&) {
        const QJsonObject body{{QStringLiteral("status"), QStringLiteral("ok")},
                               {QStringLiteral("service"), QStringLiteral("portal-sim")},
                               {QStringLiteral("version"), QStringLiteral(KIOSK_VERSION)}};
        return HttpResponse::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
    });
}

}  // namespace kiosk::sim
