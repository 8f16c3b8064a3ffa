#include "card_truth.h"

#include <QJsonArray>

namespace kiosk::cardgen {

namespace {

QJsonObject nameJson(const card::PersonName& n) {
    return QJsonObject{{QStringLiteral("prefix"), n.prefix},
                       {QStringLiteral("first"), n.first},
                       {QStringLiteral("middle"), n.middle},
                       {QStringLiteral("last"), n.last}};
}

}  // namespace

QJsonObject groundTruth(const CardIdentity& id, CardSide side, Degradation level,
                        const Scene& scene) {
    QJsonObject fields;
    if (side == CardSide::Front) {
        fields.insert(QStringLiteral("cid"), id.cid);
        fields.insert(QStringLiteral("name_th"), nameJson(id.nameTh));
        fields.insert(QStringLiteral("name_en"), nameJson(id.nameEn));
        fields.insert(QStringLiteral("birth_date"), id.birthDate.toIso());
        fields.insert(QStringLiteral("expiry_date"), id.lifelong
                                                         ? QStringLiteral("lifelong")
                                                         : id.expiryDate.toString(Qt::ISODate));
    } else {
        fields.insert(QStringLiteral("laser_code"), id.laserCode);
    }
    QJsonArray corners;
    for (const auto& c : scene.corners) {
        corners.append(QJsonArray{double(c.x), double(c.y)});
    }
    return QJsonObject{
        {QStringLiteral("document"), QStringLiteral("thai_id")},
        {QStringLiteral("side"),
         side == CardSide::Front ? QStringLiteral("front") : QStringLiteral("back")},
        {QStringLiteral("level"), degradationName(level)},
        {QStringLiteral("fields"), fields},
        {QStringLiteral("corners"), corners},
        {QStringLiteral("upside_down"), scene.upsideDown},
        {QStringLiteral("glare"), scene.glare},
        {QStringLiteral("fictional"), true},
    };
}

Sample generateSample(quint64 seed, int index, CardSide side, Degradation level,
                      const CardTemplates& templates, const QStringList& photos) {
    // The identity does not depend on the side or level: front and back of
    // sample i belong to the same person at every level.
    std::seed_seq idSeed{quint32(seed), quint32(seed >> 32), quint32(index)};
    std::mt19937 idRng(idSeed);
    Sample s;
    s.identity = randomIdentity(idRng, photos);
    s.side = side;
    std::seed_seq sceneSeed{quint32(seed), quint32(seed >> 32), quint32(index),
                            quint32(side == CardSide::Front ? 1 : 2), quint32(int(level) + 10)};
    std::mt19937 sceneRng(sceneSeed);
    s.scene = makeScene(renderCard(s.identity, side, templates), level, sceneRng);
    s.truth = groundTruth(s.identity, side, level, s.scene);
    return s;
}

}  // namespace kiosk::cardgen
