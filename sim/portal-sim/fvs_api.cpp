// Face Verification Service: CID + face image + consent -> similarity (%).
//
//   POST /fvs/v1/verify  {"cid", "image_base64", "consent": {"text_version", "at"}}
//        200 {"similarity": 0-100, "transaction_id"}
//        422 without consent or without a JPEG; 404 unknown CID.
// The similarity is the citizen record's `fvs_similarity` (a simulator
// cannot compare with a registry photo it does not have).
#include "portal_sim.h"

#include <QJsonDocument>
#include <QUuid>

namespace kiosk::sim {

void registerFvsApi(Router& router, PortalSim& sim) {
    router.add("POST", "/fvs/v1/verify", [&sim](const HttpRequest& request) {
        return sim.state().serve(QStringLiteral("fvs"), [&] {
            const QJsonObject o = QJsonDocument::fromJson(request.body).object();
            const QJsonObject consent = o.value(QLatin1String("consent")).toObject();
            if (consent.value(QLatin1String("text_version")).toString().isEmpty() ||
                consent.value(QLatin1String("at")).toString().isEmpty()) {
                return HttpResponse::error(422, QStringLiteral("no_consent"),
                                           QStringLiteral("face verification needs consent"));
            }
            const QByteArray jpeg = QByteArray::fromBase64(
                o.value(QLatin1String("image_base64")).toString().toLatin1());
            if (!jpeg.startsWith("\xFF\xD8")) {
                return HttpResponse::error(422, QStringLiteral("bad_image"),
                                           QStringLiteral("image must be a JPEG"));
            }
            const Citizen* c = sim.state().citizen(o.value(QLatin1String("cid")).toString());
            if (!c) {
                return HttpResponse::error(404, QStringLiteral("unknown_cid"),
                                           QStringLiteral("no such citizen"));
            }
            return HttpResponse::json(
                200, compactJson({{QStringLiteral("similarity"), c->fvsSimilarity},
                                  {QStringLiteral("transaction_id"),
                                   QUuid::createUuid().toString(QUuid::WithoutBraces)}}));
        });
    });
}

}  // namespace kiosk::sim
