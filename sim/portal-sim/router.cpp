#include "router.h"

namespace kiosk::sim {

void Router::add(const QByteArray& method, const QByteArray& path, Handler handler) {
    m_routes[path][method] = std::move(handler);
}

HttpResponse Router::handle(const HttpRequest& request) const {
    const auto path = m_routes.constFind(request.path());
    if (path == m_routes.constEnd()) {
        return HttpResponse::error(
            404, QStringLiteral("not_found"),
            QStringLiteral("no such endpoint: %1").arg(QString::fromUtf8(request.path())));
    }
    const auto handler = path->constFind(request.method);
    if (handler == path->constEnd()) {
        QStringList allowed;
        for (const auto& m : path->keys()) {
            allowed << QString::fromLatin1(m);
        }
        HttpResponse r =
            HttpResponse::error(405, QStringLiteral("method_not_allowed"),
                                QStringLiteral("use %1").arg(allowed.join(QLatin1String(", "))));
        r.headers.append({"allow", allowed.join(QLatin1String(", ")).toLatin1()});
        return r;
    }
    return (*handler)(request);
}

}  // namespace kiosk::sim
