// What one citizen session gathered from the parts for proofing, kept apart
// from the screens' CitizenData: the chip data as the driver read it, the
// card images the camera step saw and the liveness session's result (with
// the frame to match from inside the challenge sequence). Personal data:
// wiped when a new read starts or the card leaves.
#pragma once

#include "card_data.h"
#include "liveness_session.h"

#include <QMutex>
#include <QString>
#include <optional>

namespace kiosk::journey {

class JourneyEvidence {
public:
    struct Snapshot {
        std::optional<card::CardData> card;
        QString cardFrontImage;  // files of the card's photos, when the step kept them
        QString cardBackImage;
        QString laserCode;  // read from the back by OCR
        std::optional<vision::LivenessResult> liveness;
    };

    void setCard(const card::CardData& card) {
        QMutexLocker lock(&m_mutex);
        m_data.card = card;
    }
    void setCardImages(const QString& front, const QString& back, const QString& laserCode) {
        QMutexLocker lock(&m_mutex);
        m_data.cardFrontImage = front;
        m_data.cardBackImage = back;
        m_data.laserCode = laserCode;
    }
    void setLiveness(const vision::LivenessResult& result) {
        QMutexLocker lock(&m_mutex);
        m_data.liveness = result;
    }
    Snapshot snapshot() const {
        QMutexLocker lock(&m_mutex);
        return m_data;
    }
    void wipe() {
        QMutexLocker lock(&m_mutex);
        if (m_data.card) {
            m_data.card->clear();
        }
        if (m_data.liveness) {
            m_data.liveness->matchChip.fill(0);
            m_data.liveness->matchFrame.fill(0);
        }
        m_data = Snapshot{};
    }

private:
    mutable QMutex m_mutex;
    Snapshot m_data;
};

}  // namespace kiosk::journey
