// Renders a fictional Thai national ID card, front or back, on the blank
// templates in ../shared/data/cards/templates. Text goes through QPainter so
// Thai is shaped correctly (stacked vowels and tone marks); the card is drawn
// at ID-1 proportions (85.6 x 54 mm). Needs a QGuiApplication (fonts).
#pragma once

#include "card_identity.h"
#include "result.h"

#include <QImage>

namespace kiosk::cardgen {

inline constexpr int kCardWidth = 1024;  // 85.6 mm at about 300 dpi
inline constexpr int kCardHeight = 646;  // 54 mm

enum class CardSide { Front, Back };

struct CardTemplates {
    QImage front;
    QImage back;
};

// Loads the blank templates; fails naming the missing file.
Result<CardTemplates, QString> loadTemplates(const QString& sharedDataDir);

// The flat card, kCardWidth x kCardHeight, RGB888.
QImage renderCard(const CardIdentity& id, CardSide side, const CardTemplates& templates);

// How the card prints dates: "15 ม.ค. 2530" (Buddhist era) and "15 Jan. 1987".
QString thaiCardDate(const card::CardDate& date);
QString englishCardDate(const card::CardDate& date);
// "1 1017 00230 70 8"
QString groupedCid(const QString& cid);

}  // namespace kiosk::cardgen
