// Checks the printed card against the chip (the source of truth): CID exactly,
// names after normalisation, birth and expiry dates, the laser code when the
// chip exposes it. A printed card that disagrees with its own chip is a red
// flag for identity proofing; an unreadable field is only a reason to retry.
#pragma once

#include "card_data.h"
#include "field_reader.h"

#include <QJsonObject>
#include <QList>

namespace kiosk::ocr {

enum class CheckStatus {
    Match,        // equal after normalisation
    Approximate,  // within OCR noise (a character or two): not evidence of a mismatch
    Differs,      // the printed value is not the chip's: red flag
    Unreadable,   // OCR gave nothing usable: retry with a better frame
    NotChecked,   // the chip or the captured side does not carry this field
};

QString checkStatusName(CheckStatus s);  // "match", "approximate", "differs", ...

struct FieldCheck {
    QString field;  // "cid", "name_th", "name_en", "birth_date", "expiry_date", "laser_code"
    CheckStatus status = CheckStatus::NotChecked;
    QString reason;  // why, without personal data ("2 of 13 digits differ")
};

struct CrossCheckReport {
    QList<FieldCheck> checks;
    // No field differs and the printed CID passes its check digit.
    bool consistent() const;
    QList<FieldCheck> mismatches() const;  // Differs only
    QJsonObject toJson() const;
};

struct CrossCheckOptions {
    double maxNameCer = 0.2;  // up to this CER a name counts as approximate, not different
};

CrossCheckReport crossCheck(const std::optional<FrontFields>& front,
                            const std::optional<BackFields>& back, const card::CardData& chip,
                            const CrossCheckOptions& options = {});

}  // namespace kiosk::ocr
