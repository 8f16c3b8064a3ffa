// MQTT topic layout. Per kiosk: kiosk/v1/k/<id>/{desired,command,reported,
// heartbeat,events,status}; per group: kiosk/v1/g/<group>/{desired,command}.
// "desired" and "reported" are retained, like a device shadow: a kiosk that
// connects gets its desired configuration, an operator who connects sees the
// last reported state of every kiosk.
#pragma once

#include <QString>

namespace kiosk::fleet::topics {

inline QString kiosk(const QString& id, const char* leaf) {
    return QStringLiteral("kiosk/v1/k/%1/%2").arg(id, QLatin1String(leaf));
}
inline QString group(const QString& name, const char* leaf) {
    return QStringLiteral("kiosk/v1/g/%1/%2").arg(name, QLatin1String(leaf));
}
// Every kiosk's `leaf`, for operators.
inline QString allKiosks(const char* leaf) {
    return QStringLiteral("kiosk/v1/k/+/%1").arg(QLatin1String(leaf));
}
// The kiosk id in kiosk/v1/k/<id>/..., or "".
inline QString kioskOf(const QString& topic) {
    const auto parts = topic.split(QLatin1Char('/'));
    return parts.size() == 5 && parts[2] == QLatin1String("k") ? parts[3] : QString();
}
inline QString leafOf(const QString& topic) {
    return topic.section(QLatin1Char('/'), -1);
}

}  // namespace kiosk::fleet::topics
