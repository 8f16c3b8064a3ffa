#include "outbox_transport.h"

#include <memory>

namespace kiosk::store {

void OutboxTransport::deliverBatch(const QList<Delivery>& deliveries, BatchDone done) {
    struct Gather {
        QList<DeliveryOutcome> outcomes;
        QList<bool> seen;
        qsizetype pending = 0;
        BatchDone done;
    };
    auto gather = std::make_shared<Gather>();
    gather->outcomes.resize(deliveries.size());
    gather->seen.fill(false, deliveries.size());
    gather->pending = deliveries.size();
    gather->done = std::move(done);
    for (qsizetype i = 0; i < deliveries.size(); ++i) {
        deliver(deliveries[i], [gather, i](const DeliveryOutcome& outcome) {
            if (gather->seen[i]) {
                return;  // a repeated callback
            }
            gather->seen[i] = true;
            gather->outcomes[i] = outcome;
            if (--gather->pending == 0) {
                gather->done(gather->outcomes);
            }
        });
    }
}

}  // namespace kiosk::store
