// The simulator's state and its API modules. Each module is a free function
// `registerXxxApi(Router&, PortalSim&)` in its own file, called from the
// PortalSim constructor.
#pragma once

#include "router.h"

namespace kiosk::sim {

class PortalSim {
public:
    PortalSim();
    HttpResponse handle(const HttpRequest& request) const { return m_router.handle(request); }
    Router& router() { return m_router; }

private:
    Router m_router;
};

void registerHealthApi(Router& router, PortalSim& sim);
void registerOutboxApi(Router& router, PortalSim& sim);

}  // namespace kiosk::sim
