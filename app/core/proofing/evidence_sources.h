// The seams through which the vision stack feeds proofing. The kiosk (and
// kioskctl proof) hold at most one of each; without one, the checks it would
// feed are reported "not performed" and the level is lowered with that reason
// (never a made-up score).
#pragma once

#include "evidence.h"
#include "result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace kiosk::proofing {

// Face match against the chip photo plus liveness, from a camera or a clip.
class BiometricEvidenceSource {
public:
    struct Request {
        QByteArray chipPhotoJpeg;  // reference face (personal data: one session only)
        QString videoFile;         // a clip for kioskctl proof; empty: the live camera
        QStringList challenges;    // active liveness challenges, in order; empty: the source picks
    };
    struct Outcome {
        std::optional<FaceEvidence> face;
        std::optional<LivenessEvidence> liveness;
        // The best frame, ICAO-cropped JPEG, for the Face Verification Service.
        // Held in memory only; the record keeps FaceEvidence::probeFrameSha256.
        QByteArray probeFaceJpeg;
        QString notPerformedReason;  // when face/liveness are missing
    };
    virtual ~BiometricEvidenceSource() = default;
    virtual Outcome collect(const Request& request) = 0;
};

// Reads the printed fields from photos of the card's front and back (OCR).
class PrintedCardSource {
public:
    virtual ~PrintedCardSource() = default;
    // Image files (kioskctl proof --card-image).
    virtual Result<PrintedCardReading, QString> read(const QString& frontImage,
                                                     const QString& backImage) = 0;
    // Encoded images (PNG, JPEG) held in memory, e.g. the kiosk camera's
    // frames: the card's pictures never touch the disk.
    virtual Result<PrintedCardReading, QString> readEncoded(const QByteArray& frontImage,
                                                            const QByteArray& backImage) = 0;
};

}  // namespace kiosk::proofing
