#include "journey_image_provider.h"

#include "qr_code.h"
#include "session.h"

#include <QUrl>

namespace kiosk::ui {

JourneyImageProvider::JourneyImageProvider(Session* session)
    : QQuickImageProvider(QQuickImageProvider::Image), m_session(session) {}

QImage JourneyImageProvider::requestImage(const QString& id, QSize* size,
                                          const QSize& requestedSize) {
    QImage image;
    const qsizetype slash = id.indexOf(QLatin1Char('/'));
    const QString kind = id.left(slash);
    const QString arg = slash < 0 ? QString() : id.mid(slash + 1);
    if (kind == QLatin1String("qr")) {
        image = renderQrCode(QUrl::fromPercentEncoding(arg.toUtf8()), 8);
    } else if (m_session && kind == QLatin1String("frame")) {
        image = m_session->frame();
    } else if (m_session && kind == QLatin1String("photo")) {
        image = m_session->photo();
    }
    if (image.isNull()) {
        image = QImage(4, 4, QImage::Format_ARGB32);
        image.fill(Qt::transparent);
    }
    if (size) {
        *size = image.size();
    }
    if (requestedSize.isValid() && kind != QLatin1String("qr")) {
        image = image.scaled(requestedSize, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    }
    return image;
}

}  // namespace kiosk::ui
