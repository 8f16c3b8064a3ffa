// Ground truth for a generated card image, in the shape `kioskctl ocr --json`
// prints its fields (CE dates, laser code without dashes) plus the scene facts.
#pragma once

#include "card_identity.h"
#include "card_renderer.h"
#include "card_scene.h"

#include <QJsonObject>

namespace kiosk::cardgen {

QJsonObject groundTruth(const CardIdentity& id, CardSide side, Degradation level,
                        const Scene& scene);

// One generated sample: identity i of a set is a pure function of (seed, i), so
// a set can be regenerated anywhere without storing images.
struct Sample {
    CardIdentity identity;
    CardSide side;
    Scene scene;
    QJsonObject truth;
};
Sample generateSample(quint64 seed, int index, CardSide side, Degradation level,
                      const CardTemplates& templates, const QStringList& photos);

}  // namespace kiosk::cardgen
