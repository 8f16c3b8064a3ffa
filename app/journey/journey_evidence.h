// What one citizen session gathered from the parts for proofing, kept apart
// from the screens' CitizenData: the chip data as the driver read it, the
// card's front and back as the camera step read them and the liveness
// session's result (with the frame to match from inside the challenge
// sequence). Personal data, in memory only: wiped when the session ends, a
// new read starts or the card leaves.
#pragma once

#include "card_data.h"
#include "liveness_session.h"
#include "secure_wipe.h"

#include <QByteArray>
#include <QMutex>
#include <QString>
#include <memory>
#include <optional>

namespace kiosk::journey {

// The camera frames the card's sides were read from, PNG-encoded (lossless:
// proofing's OCR sees the pixels the step saw). Never written to disk; shared
// by the evidence and a proofing run, zeroed when the last of them lets go.
struct CardImages {
    QByteArray front;
    QByteArray back;

    CardImages(QByteArray frontPng, QByteArray backPng)
        : front(std::move(frontPng)), back(std::move(backPng)) {}
    CardImages(const CardImages&) = delete;
    CardImages& operator=(const CardImages&) = delete;
    ~CardImages() { wipe(); }
    void wipe() {
        zeroize(front);
        zeroize(back);
    }
};

class JourneyEvidence {
public:
    struct Snapshot {
        std::optional<card::CardData> card;
        std::shared_ptr<const CardImages> cardImages;  // null: the step kept none
        QString laserCode;                             // read from the back by OCR
        std::optional<vision::LivenessResult> liveness;
    };

    void setCard(const card::CardData& card) {
        QMutexLocker lock(&m_mutex);
        m_data.card = card;
    }
    void setCardImages(std::shared_ptr<const CardImages> images, const QString& laserCode) {
        QMutexLocker lock(&m_mutex);
        m_data.cardImages = std::move(images);
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
        // Zeroed here, or by a proofing run still holding them when it ends.
        m_data.cardImages.reset();
        m_data = Snapshot{};
    }

private:
    mutable QMutex m_mutex;
    Snapshot m_data;
};

}  // namespace kiosk::journey
