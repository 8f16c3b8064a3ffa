// The simulator's state and its API modules. Each module is a free function
// `registerXxxApi(Router&, PortalSim&)` in its own file, called from the
// PortalSim constructor; modules share SimState (citizens, device keys,
// faults, persistent state).
#pragma once

#include "router.h"
#include "sim_state.h"

namespace kiosk::sim {

class PortalSim {
public:
    PortalSim();
    HttpResponse handle(const HttpRequest& request) const { return m_router.handle(request); }
    Router& router() { return m_router; }
    SimState& state() { return m_state; }

private:
    SimState m_state;
    Router m_router;
};

void registerHealthApi(Router& router, PortalSim& sim);
void registerOutboxApi(Router& router, PortalSim& sim);
void registerDopaApi(Router& router, PortalSim& sim);
void registerFvsApi(Router& router, PortalSim& sim);
void registerIdpApi(Router& router, PortalSim& sim);
void registerPortalApi(Router& router, PortalSim& sim);

}  // namespace kiosk::sim
