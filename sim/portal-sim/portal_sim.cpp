#include "portal_sim.h"

namespace kiosk::sim {

PortalSim::PortalSim() {
    registerHealthApi(m_router, *this);
    registerOutboxApi(m_router, *this);
    registerDopaApi(m_router, *this);
    registerFvsApi(m_router, *this);
    registerIdpApi(m_router, *this);
    registerPortalApi(m_router, *this);
}

}  // namespace kiosk::sim
