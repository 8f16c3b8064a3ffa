// A fictional card holder as printed on a synthetic Thai national ID card:
// random identities (valid CID check digit, well-formed laser code) or the
// fictional citizens of sim/cards/*.json, so the demo can show the camera the
// same person the virtual chip holds.
#pragma once

#include "result.h"
#include "thai_id_fields.h"

#include <QDate>
#include <QImage>
#include <QString>
#include <QStringList>
#include <random>

namespace kiosk::cardgen {

struct CardIdentity {
    QString cid;  // 13 digits
    card::PersonName nameTh;
    card::PersonName nameEn;
    card::CardDate birthDate;  // CE; month/day 0 when unknown
    QDate issueDate;
    QDate expiryDate;  // invalid when lifelong
    bool lifelong = false;
    QString religion;   // Thai text
    QString address;    // one line of Thai text
    QString laserCode;  // 2 letters + 10 digits, no dashes; empty when unknown
    QString photoPath;  // absolute path of a face image; empty for the silhouette
    QImage photo;       // the portrait itself, when it does not come from photoPath
};

// A random fictional identity; `photos` are absolute face image paths (may be empty).
CardIdentity randomIdentity(std::mt19937& rng, const QStringList& photos);

// A citizen card file from sim/cards/; its photo path is relative to `sharedDataDir`.
Result<CardIdentity, QString> identityFromCitizenFile(const QString& path,
                                                      const QString& sharedDataDir);

// A valid 13-digit CID with the mod-11 check digit.
QString randomCid(std::mt19937& rng);
QString randomLaserCode(std::mt19937& rng);

// Face images under sharedDataDir/faces usable as card photos.
QStringList facePhotos(const QString& sharedDataDir);

}  // namespace kiosk::cardgen
