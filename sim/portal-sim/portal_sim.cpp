#include "portal_sim.h"

namespace kiosk::sim {

PortalSim::PortalSim() {
    registerHealthApi(m_router, *this);
    registerOutboxApi(m_router, *this);
}

}  // namespace kiosk::sim
