// Images for the journey screens: the live camera frame, the chip photo and
// QR codes (image://journey/frame/<n>, photo/<n>, qr/<percent-encoded payload>).
// Served from memory only; nothing is written to disk.
#pragma once

#include <QPointer>
#include <QQuickImageProvider>

namespace kiosk::ui {

class Session;

class JourneyImageProvider : public QQuickImageProvider {
public:
    explicit JourneyImageProvider(Session* session);
    QImage requestImage(const QString& id, QSize* size, const QSize& requestedSize) override;

private:
    QPointer<Session> m_session;
};

}  // namespace kiosk::ui
