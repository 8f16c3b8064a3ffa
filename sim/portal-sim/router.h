// Routes requests by method and exact path to handler functions. Each API
// module of portal-sim (health, outbox delivery, DOPA, FVS, IdP, portal)
// registers its own routes, so modules live in their own files.
#pragma once

#include "http_message.h"

#include <QMap>
#include <functional>

namespace kiosk::sim {

class Router {
public:
    using Handler = std::function<HttpResponse(const HttpRequest&)>;

    void add(const QByteArray& method, const QByteArray& path, Handler handler);
    // A route for every path that starts with `prefix` (e.g. "/idp/v1/bindings/"),
    // tried when no exact path matches; the longest prefix wins.
    void addPrefix(const QByteArray& method, const QByteArray& prefix, Handler handler);
    // 404 for an unknown path, 405 for a known path with another method.
    HttpResponse handle(const HttpRequest& request) const;

private:
    QMap<QByteArray, QMap<QByteArray, Handler>> m_routes;    // path -> method -> handler
    QMap<QByteArray, QMap<QByteArray, Handler>> m_prefixes;  // prefix -> method -> handler
};

}  // namespace kiosk::sim
