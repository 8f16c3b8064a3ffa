#include "evidence.h"

#include "cid.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QRegularExpression>

namespace kiosk::proofing {

namespace {

// Scores as fixed-precision strings: the record's hash must not depend on
// how a platform prints a double.
QString fixed(double v) {
    return QString::number(v, 'f', 4);
}

QString sourceName(PrintedCardEvidence::Source s) {
    return s == PrintedCardEvidence::Source::Ocr ? QStringLiteral("ocr") : QStringLiteral("typed");
}

// Thai names compared without surrounding or doubled spaces.
QString simplify(const QString& s) {
    return s.simplified();
}

}  // namespace

QString sha256Hex(const QByteArray& bytes) {
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QJsonObject ChipEvidence::toJson() const {
    return {{QStringLiteral("complete"), complete},
            {QStringLiteral("missing"), QJsonArray::fromStringList(missing)},
            {QStringLiteral("cid"), cid},
            {QStringLiteral("prefix_th"), prefixTh},
            {QStringLiteral("first_name_th"), firstNameTh},
            {QStringLiteral("last_name_th"), lastNameTh},
            {QStringLiteral("first_name_en"), firstNameEn},
            {QStringLiteral("last_name_en"), lastNameEn},
            {QStringLiteral("birth_date_be"), birthDateBe},
            {QStringLiteral("photo_sha256"), photoSha256},
            {QStringLiteral("chip_laser_code"), chipLaserCode}};
}

QJsonObject PrintedCardEvidence::toJson() const {
    QJsonArray list;
    for (const auto& m : mismatches) {
        list.append(
            QJsonObject{{QStringLiteral("field"), m.field}, {QStringLiteral("reason"), m.reason}});
    }
    return {{QStringLiteral("source"), sourceName(source)},
            {QStringLiteral("consistent_with_chip"),
             consistentWithChip ? QJsonValue(*consistentWithChip) : QJsonValue()},
            {QStringLiteral("mismatches"), list},
            {QStringLiteral("laser_code"), laserCode},
            {QStringLiteral("front_image_sha256"), frontImageSha256},
            {QStringLiteral("back_image_sha256"), backImageSha256}};
}

QString normalizeLaserCode(const QString& text) {
    QString out;
    for (const QChar c : text) {
        if (c.isLetterOrNumber() && c.unicode() < 128) {
            out.append(c.toUpper());
        }
    }
    return out;
}

bool isLaserCodeWellFormed(const QString& text) {
    static const QRegularExpression re(QStringLiteral("^[A-Z]{2}[0-9]{10}$"));
    return re.match(normalizeLaserCode(text)).hasMatch();
}

PrintedCardEvidence crossCheckPrintedCard(const ChipEvidence& chip,
                                          const PrintedCardReading& printed) {
    PrintedCardEvidence e;
    e.source = printed.source == PrintedCardReading::Source::Ocr
                   ? PrintedCardEvidence::Source::Ocr
                   : PrintedCardEvidence::Source::Typed;
    e.laserCode = normalizeLaserCode(printed.laserCode);
    e.frontImageSha256 = printed.frontImageSha256;
    e.backImageSha256 = printed.backImageSha256;
    const bool anyPrinted = !printed.cid.isEmpty() || !printed.firstNameTh.isEmpty() ||
                            !printed.lastNameTh.isEmpty() || !printed.birthDateBe.isEmpty();
    if (!printed.laserCode.isEmpty() && !isLaserCodeWellFormed(printed.laserCode)) {
        e.mismatches.append(
            {QStringLiteral("laser_code"), QStringLiteral("not 2 letters and 10 digits")});
    }
    if (!chip.chipLaserCode.isEmpty() && !e.laserCode.isEmpty() &&
        normalizeLaserCode(chip.chipLaserCode) != e.laserCode) {
        e.mismatches.append(
            {QStringLiteral("laser_code"), QStringLiteral("differs from the chip")});
    }
    if (!anyPrinted) {
        // Only a laser code: nothing printed to compare with the chip. A
        // code that differs from the chip's is evidence; a malformed one is
        // a typing slip (DOPA is then not asked) and decides nothing.
        for (const auto& m : e.mismatches) {
            if (m.reason == QLatin1String("differs from the chip")) {
                e.consistentWithChip = false;
            }
        }
        return e;
    }
    auto compare = [&](const QString& field, const QString& printedValue,
                       const QString& chipValue) {
        if (printedValue.isEmpty()) {
            e.mismatches.append({field, QStringLiteral("not readable on the printed card")});
        } else if (simplify(printedValue) != simplify(chipValue)) {
            e.mismatches.append({field, QStringLiteral("differs from the chip")});
        }
    };
    compare(QStringLiteral("cid"), cid::normalize(printed.cid), chip.cid);
    compare(QStringLiteral("first_name_th"), printed.firstNameTh, chip.firstNameTh);
    compare(QStringLiteral("last_name_th"), printed.lastNameTh, chip.lastNameTh);
    compare(QStringLiteral("birth_date"), printed.birthDateBe, chip.birthDateBe);
    e.consistentWithChip = e.mismatches.isEmpty();
    return e;
}

QJsonObject CardStatusEvidence::toJson() const {
    return {{QStringLiteral("code"), code},
            {QStringLiteral("description"), description},
            {QStringLiteral("valid"), valid},
            {QStringLiteral("request_sha256"), requestSha256}};
}

QJsonObject FaceEvidence::toJson() const {
    return {{QStringLiteral("score"), fixed(score)},
            {QStringLiteral("distance"), fixed(distance)},
            {QStringLiteral("threshold"), fixed(threshold)},
            {QStringLiteral("match"), match},
            {QStringLiteral("quality_ok"), qualityOk},
            {QStringLiteral("quality_reasons"), QJsonArray::fromStringList(qualityReasons)},
            {QStringLiteral("probe_frame_sha256"), probeFrameSha256}};
}

QString decisionName(LivenessEvidence::Decision d) {
    switch (d) {
        case LivenessEvidence::Decision::Live:
            return QStringLiteral("live");
        case LivenessEvidence::Decision::Attack:
            return QStringLiteral("attack");
        case LivenessEvidence::Decision::Inconclusive:
            break;
    }
    return QStringLiteral("inconclusive");
}

QJsonObject LivenessEvidence::toJson() const {
    QJsonObject cues;
    for (auto it = cueScores.cbegin(); it != cueScores.cend(); ++it) {
        cues.insert(it.key(), fixed(it.value()));
    }
    QJsonArray log;
    for (const auto& c : challenges) {
        log.append(QJsonObject{{QStringLiteral("name"), c.name},
                               {QStringLiteral("passed"), c.passed},
                               {QStringLiteral("at_ms"), c.atMs}});
    }
    return {{QStringLiteral("decision"), decisionName(decision)},
            {QStringLiteral("cue_scores"), cues},
            {QStringLiteral("challenges"), log}};
}

QJsonObject ConsentEvidence::toJson() const {
    return {{QStringLiteral("text_version"), textVersion},
            {QStringLiteral("at"), at.toUTC().toString(Qt::ISODateWithMs)},
            {QStringLiteral("action"),
             action == Action::Accepted ? QStringLiteral("accepted") : QStringLiteral("declined")},
            {QStringLiteral("channel"), channel}};
}

}  // namespace kiosk::proofing
