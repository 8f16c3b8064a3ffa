#include "router.h"

namespace kiosk::sim {

void Router::add(const QByteArray& method, const QByteArray& path, Handler handler) {
    m_routes[path][method] = std::move(handler);
}

void Router::addPrefix(const QByteArray& method, const QByteArray& prefix, Handler handler) {
    m_prefixes[prefix][method] = std::move(handler);
}

HttpResponse Router::handle(const HttpRequest& request) const {
    const QMap<QByteArray, Handler>* methods = nullptr;
    if (const auto exact = m_routes.constFind(request.path()); exact != m_routes.constEnd()) {
        methods = &exact.value();
    } else {
        qsizetype best = -1;
        for (auto it = m_prefixes.constBegin(); it != m_prefixes.constEnd(); ++it) {
            if (request.path().startsWith(it.key()) && it.key().size() > best) {
                best = it.key().size();
                methods = &it.value();
            }
        }
    }
    if (!methods) {
        return HttpResponse::error(
            404, QStringLiteral("not_found"),
            QStringLiteral("no such endpoint: %1").arg(QString::fromUtf8(request.path())));
    }
    const auto handler = methods->constFind(request.method);
    if (handler == methods->constEnd()) {
        QStringList allowed;
        for (const auto& m : methods->keys()) {
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
