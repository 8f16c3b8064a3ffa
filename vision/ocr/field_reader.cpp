#include "field_reader.h"

#include "cid.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <algorithm>
#include <opencv2/imgproc.hpp>
#include <tuple>
#include <vector>

namespace kiosk::ocr {

namespace {

// Field boxes in the 600 x 350 layout of the blank templates (field-boxes.yaml),
// padded so that a few pixels of warp error do not cut characters off.
cv::Rect2d box(double x0, double y0, double x1, double y1) {
    return {x0 / 600.0, y0 / 350.0, (x1 - x0) / 600.0, (y1 - y0) / 350.0};
}
const cv::Rect2d kCidBox = box(252, 34, 585, 76);
const cv::Rect2d kNameThBox = box(163, 72, 565, 110);
const cv::Rect2d kNameEnBox = box(220, 106, 470, 132);
const cv::Rect2d kLastEnBox = box(262, 131, 480, 156);
const cv::Rect2d kBirthThBox = box(255, 155, 430, 182);
const cv::Rect2d kBirthEnBox = box(292, 180, 460, 207);
const cv::Rect2d kExpiryThBox = box(325, 268, 450, 298);
const cv::Rect2d kExpiryEnBox = box(322, 308, 452, 332);
const cv::Rect2d kTitleBox = box(330, 4, 598, 36);
const cv::Rect2d kLaserBox = box(250, 292, 596, 345);

const QString kDigits = QStringLiteral("0123456789 ");
const QString kLatinName =
    QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.- ");
const QString kLatinDate =
    QStringLiteral("0123456789 .ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
const QString kLaser = QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");

constexpr int kBodyHeight = 34;  // main text band after scaling; Tesseract's LSTM likes ~30-40 px

// Finds the text line inside a field box: the band of rows with the most ink
// (dark print found by a local threshold), widened for Thai marks above and
// below, and the columns from the first to the last sizeable ink group. Label
// fragments and neighbouring lines cut by the box are dropped that way.
cv::Rect textExtent(const cv::Mat& gray) {
    cv::Mat ink;
    int block = std::max(3, (gray.rows / 2) | 1);
    cv::adaptiveThreshold(gray, ink, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, block,
                          12);
    std::vector<int> rows(size_t(ink.rows), 0);
    for (int y = 0; y < ink.rows; ++y) {
        rows[size_t(y)] = cv::countNonZero(ink.row(y));
    }
    const auto peak = std::max_element(rows.begin(), rows.end());
    if (*peak == 0) {
        return {0, 0, gray.cols, gray.rows};
    }
    // The text line is the run of inked rows with the most ink in total: the
    // densest single row may belong to the cut-off bottom of the line above.
    const int thr = std::max(1, *peak / 6);
    int top = int(peak - rows.begin());
    int bottom = top;
    long bestMass = -1;
    for (int y = 0; y < ink.rows;) {
        if (rows[size_t(y)] < thr) {
            ++y;
            continue;
        }
        const int start = y;
        long mass = 0;
        while (y < ink.rows && rows[size_t(y)] >= thr) {
            mass += rows[size_t(y)];
            ++y;
        }
        if (mass > bestMass) {
            bestMass = mass;
            top = start;
            bottom = y - 1;
        }
    }
    const int h = bottom - top + 1;
    top = std::max(0, top - h * 2 / 5);
    bottom = std::min(ink.rows - 1, bottom + h * 2 / 5);
    const cv::Mat band = ink.rowRange(top, bottom + 1);
    // Column groups separated by gaps wider than the text height.
    struct Group {
        int x0, x1, mass;
    };
    std::vector<Group> groups;
    int gap = 1 << 20;
    for (int x = 0; x < band.cols; ++x) {
        const int n = cv::countNonZero(band.col(x));
        if (n == 0) {
            ++gap;
            continue;
        }
        if (groups.empty() || gap > int(1.6 * h)) {
            groups.push_back({x, x, 0});
        }
        groups.back().x1 = x;
        groups.back().mass += n;
        gap = 0;
    }
    int maxMass = 0;
    for (const auto& g : groups) {
        maxMass = std::max(maxMass, g.mass);
    }
    int x0 = band.cols;
    int x1 = -1;
    for (const auto& g : groups) {
        // Slivers cut by the box edges are parts of labels or neighbouring
        // fields; a lone digit inside the box ("1 1017 ...") is text.
        const bool atEdge = g.x0 <= 1 || g.x1 >= band.cols - 2;
        const bool sliver = atEdge && ((g.x1 - g.x0 + 1) < h * 7 / 10 || g.mass < maxMass / 8);
        if (!sliver) {
            x0 = std::min(x0, g.x0);
            x1 = std::max(x1, g.x1);
        }
    }
    if (x1 < x0) {
        return {0, top, gray.cols, bottom - top + 1};
    }
    const int pad = h / 3;
    x0 = std::max(0, x0 - pad);
    x1 = std::min(gray.cols - 1, x1 + pad);
    return {x0, top, x1 - x0 + 1, bottom - top + 1};
}

// The red channel gives the best contrast for both black and navy print on the
// card's light-blue background; cut to the text line, scaled, stretched, padded.
cv::Mat prepareLine(const cv::Mat& card, const cv::Rect2d& rel, bool tight, int bodyHeight,
                    bool flatten) {
    const cv::Rect r(int(rel.x * card.cols), int(rel.y * card.rows), int(rel.width * card.cols),
                     int(rel.height * card.rows));
    const cv::Rect clipped = r & cv::Rect(0, 0, card.cols, card.rows);
    if (clipped.area() <= 0) {
        return {};
    }
    cv::Mat channels[3];
    cv::split(card(clipped), channels);
    const cv::Mat gray = channels[2];
    const cv::Rect text = tight ? textExtent(gray) : cv::Rect(0, 0, gray.cols, gray.rows);
    // The band is the body plus 2 x 40 % for marks: scale the body to kBodyHeight.
    const double body = text.height / 1.8;
    const double scale = std::clamp(bodyHeight / std::max(1.0, body), 0.3, 4.0);
    cv::Mat scaled;
    cv::resize(gray(text), scaled, cv::Size(), scale, scale,
               scale < 1 ? cv::INTER_AREA : cv::INTER_CUBIC);
    // Flat-field: divide by the paper's brightness (a closing removes the dark
    // print) so that a glare spot or a lighting gradient across the line does
    // not make Tesseract's global threshold drop half of it.
    if (flatten) {
        cv::Mat background;
        const int k = std::max(3, int(bodyHeight * 1.2) | 1);
        cv::morphologyEx(scaled, background, cv::MORPH_CLOSE,
                         cv::getStructuringElement(cv::MORPH_RECT, cv::Size(k, k)));
        cv::GaussianBlur(background, background, cv::Size(k, k), 0);
        cv::Mat flat;
        cv::divide(scaled, background, flat, 255.0);
        scaled = flat;
    }
    cv::normalize(scaled, scaled, 0, 255, cv::NORM_MINMAX);
    cv::Mat padded;
    cv::copyMakeBorder(scaled, padded, 10, 10, 14, 14, cv::BORDER_CONSTANT,
                       cv::Scalar(cv::mean(scaled)[0] > 128 ? 255 : 0));
    return padded;
}

QJsonObject nameJson(const PersonName& n) {
    return QJsonObject{{QStringLiteral("prefix"), n.prefix},
                       {QStringLiteral("first"), n.first},
                       {QStringLiteral("middle"), n.middle},
                       {QStringLiteral("last"), n.last}};
}

QJsonValue dateJson(const std::optional<CardDate>& d) {
    return d ? QJsonValue(d->toIso()) : QJsonValue(QJsonValue::Null);
}

}  // namespace

QJsonObject CardReading::toJson() const {
    QJsonObject fields;
    if (front) {
        fields.insert(QStringLiteral("cid"),
                      front->cid.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(front->cid));
        fields.insert(QStringLiteral("cid_valid"), front->cidValid);
        fields.insert(QStringLiteral("name_th"), nameJson(front->nameTh));
        fields.insert(QStringLiteral("name_en"), nameJson(front->nameEn));
        fields.insert(QStringLiteral("birth_date"), dateJson(front->birthDate));
        fields.insert(QStringLiteral("expiry_date"), front->lifelong
                                                         ? QJsonValue(QStringLiteral("lifelong"))
                                                         : dateJson(front->expiryDate));
    }
    if (back) {
        fields.insert(QStringLiteral("laser_code"), back->laserCode.isEmpty()
                                                        ? QJsonValue(QJsonValue::Null)
                                                        : QJsonValue(back->laserCode));
    }
    QJsonObject conf;
    for (auto it = confidence.begin(); it != confidence.end(); ++it) {
        conf.insert(it.key(), std::round(it.value() * 100) / 100);
    }
    return QJsonObject{
        {QStringLiteral("document"), documentName(document)},
        {QStringLiteral("side"), sideName(side)},
        {QStringLiteral("fields"), fields},
        {QStringLiteral("confidence"), conf},
        {QStringLiteral("guidance"), guidanceName(guidance)},
        {QStringLiteral("ms"), std::round(ms)},
    };
}

FieldReader::FieldReader(CardLocator locator, std::unique_ptr<OcrEngine> engine)
    : m_locator(std::move(locator)), m_engine(std::move(engine)) {}

Result<OcrLine, OcrError> FieldReader::readField(const cv::Mat& card, const cv::Rect2d& rel,
                                                 const LineRequest& request, bool tight,
                                                 int bodyHeight, bool flatten) {
    cv::Mat line;
    try {
        line = prepareLine(card, rel, tight, bodyHeight, flatten);
    } catch (const cv::Exception& e) {
        return fail(OcrError{OcrErrc::Internal, QString::fromStdString(e.msg)});
    }
    if (line.empty()) {
        return fail(OcrError{OcrErrc::EngineFailed, QStringLiteral("empty field box")});
    }
    return m_engine->readLine(line, request);
}

bool FieldReader::hasThaiIdTitle(const cv::Mat& card) {
    const auto title = readField(card, kTitleBox, {Script::Latin, {}});
    if (!title) {
        return false;
    }
    const QString t = normalizeEnglish(title->text);
    return t.contains(QLatin1String("national")) || t.contains(QLatin1String("idcard")) ||
           editDistance(t, u"thainationalidcard") <= 4;
}

FrontFields FieldReader::readFront(const cv::Mat& card, CardReading& into) {
    FrontFields f;
    // A CID read is trusted at once when it passes the check digit and its
    // digits are grouped as printed. Otherwise the box is read again,
    // independently (the whole box, a larger scale), and the reads vote: the
    // valid CID read most often wins; on a tie, the read grouped as printed,
    // then the surer one. The check
    // digit alone is weak (a misread third digit never changes it, and some
    // misreads of other digits collide), a misread rarely repeats, and a
    // printed CID that is really wrong fails every read and stays flagged.
    struct Attempt {
        bool tight;
        int body;
    };
    struct Read {
        QString text;
        QString cid;
        bool valid;
        bool grouped;
        double confidence;
    };
    std::vector<Read> reads;
    for (const Attempt a : {Attempt{true, kBodyHeight}, Attempt{false, kBodyHeight},
                            Attempt{true, kBodyHeight + 12}}) {
        auto line = readField(card, kCidBox, {Script::Latin, kDigits}, a.tight, a.body);
        if (!line) {
            continue;
        }
        const auto parsed = findCid(line->text);
        if (!parsed) {
            continue;
        }
        const bool valid = cid::isValid(parsed->cid);
        reads.push_back({line->text, parsed->cid, valid, parsed->printedGroups, line->confidence});
        if (reads.size() == 1 && valid && parsed->printedGroups) {
            break;
        }
    }
    const Read* chosen = reads.empty() ? nullptr : &reads.front();
    auto votes = [&reads](const Read& r) {
        return std::count_if(reads.begin(), reads.end(),
                             [&r](const Read& o) { return o.valid && o.cid == r.cid; });
    };
    for (const Read& r : reads) {
        if (!r.valid) {
            continue;
        }
        if (!chosen->valid || std::tuple(votes(r), r.grouped, r.confidence) >
                                  std::tuple(votes(*chosen), chosen->grouped, chosen->confidence)) {
            chosen = &r;
        }
    }
    if (chosen) {
        into.raw.insert(QStringLiteral("cid"), chosen->text);
        f.cid = chosen->cid;
        f.cidValid = chosen->valid;
        into.confidence.insert(QStringLiteral("cid"), chosen->confidence);
    }
    // The Thai name is read flat-fielded and as printed, and the surer read
    // wins: flat-fielding rescues lines under glare, yet on evenly lit paper
    // it sometimes makes the recogniser double a consonant.
    for (bool tight : {true, false}) {
        std::optional<OcrLine> best;
        for (bool flatten : {true, false}) {
            auto th = readField(card, kNameThBox, {Script::Thai, {}}, tight, kBodyHeight, flatten);
            if (th && (!best || th->confidence > best->confidence)) {
                best = *th;
            }
        }
        if (best) {
            into.raw.insert(QStringLiteral("name_th"), best->text);
            f.nameTh = parseThaiName(best->text);
            into.confidence.insert(QStringLiteral("name_th"), best->confidence);
            if (!f.nameTh.first.isEmpty() && !f.nameTh.last.isEmpty()) {
                break;
            }
        }
    }
    auto en = readField(card, kNameEnBox, {Script::Latin, kLatinName});
    auto last = readField(card, kLastEnBox, {Script::Latin, kLatinName});
    if (en && last) {
        into.raw.insert(QStringLiteral("name_en"), en->text + QStringLiteral(" / ") + last->text);
        f.nameEn = parseEnglishName(en->text, last->text);
        into.confidence.insert(QStringLiteral("name_en"),
                               std::min(en->confidence, last->confidence));
    }
    // Dates: the English line first (digits and Latin letters read best), the
    // Thai line when it does not parse.
    auto readDate = [&](const cv::Rect2d& enBox, const cv::Rect2d& thBox, const QString& key,
                        bool* lifelong) -> std::optional<CardDate> {
        if (auto line = readField(card, enBox, {Script::Latin, kLatinDate}); line) {
            into.raw.insert(key + QStringLiteral("_en"), line->text);
            if (lifelong && isLifelong(line->text)) {
                *lifelong = true;
                into.confidence.insert(key, line->confidence);
                return std::nullopt;
            }
            if (auto d = parseEnglishDate(line->text); d) {
                into.confidence.insert(key, line->confidence);
                return *d;
            }
        }
        if (auto line = readField(card, thBox, {Script::Thai, {}}); line) {
            into.raw.insert(key + QStringLiteral("_th"), line->text);
            if (lifelong && isLifelong(line->text)) {
                *lifelong = true;
                into.confidence.insert(key, line->confidence);
                return std::nullopt;
            }
            if (auto d = parseThaiDate(line->text); d) {
                into.confidence.insert(key, line->confidence);
                return *d;
            }
        }
        return std::nullopt;
    };
    f.birthDate = readDate(kBirthEnBox, kBirthThBox, QStringLiteral("birth_date"), nullptr);
    f.expiryDate = readDate(kExpiryEnBox, kExpiryThBox, QStringLiteral("expiry_date"), &f.lifelong);
    return f;
}

BackFields FieldReader::readBack(const cv::Mat& card, CardReading& into) {
    BackFields b;
    if (auto line = readField(card, kLaserBox, {Script::Latin, kLaser}); line) {
        into.raw.insert(QStringLiteral("laser_code"), line->text);
        if (auto code = parseLaserCode(line->text); code) {
            b.laserCode = *code;
            into.confidence.insert(QStringLiteral("laser_code"), line->confidence);
        }
    }
    return b;
}

Result<CardReading, OcrError> FieldReader::read(const cv::Mat& frameBgr, Side side) {
    QElapsedTimer timer;
    timer.start();
    CardReading r;
    if (frameBgr.empty() || frameBgr.type() != CV_8UC3) {
        return fail(OcrError{OcrErrc::ImageUnreadable, QStringLiteral("frame must be 8-bit BGR")});
    }
    r.located = m_locator.locate(frameBgr);
    r.document = r.located.document;
    r.side = side != Side::Unknown ? side : r.located.side;
    if (r.document == DocumentKind::None) {
        r.guidance = Guidance::NoCard;
        r.ms = double(timer.nsecsElapsed()) / 1e6;
        return r;
    }
    // The outline fit can be off by a few pixels (or put a corner on the
    // background); registration on the template's fixed print puts the field
    // boxes on the text.
    m_locator.refine(frameBgr, r.located);
    r.document = r.located.document;
    if (side == Side::Unknown) {
        r.side = r.located.side;
    }
    cv::Mat card = m_locator.warp(frameBgr, r.located);
    if (card.empty()) {
        return fail(OcrError{OcrErrc::Internal, QStringLiteral("cannot warp the card")});
    }
    // The layout match is a fast first opinion; a printed title settles a
    // card whose design differs from the reference (older or specimen cards).
    if (r.document == DocumentKind::Other && hasThaiIdTitle(card)) {
        r.document = DocumentKind::ThaiId;
        r.located.document = DocumentKind::ThaiId;
        if (side == Side::Unknown) {
            r.side = Side::Front;
        }
    }
    r.guidance = m_locator.guide(r.located, side);
    if (r.document == DocumentKind::ThaiId) {
        // Only the front has a title; a "back" with one is the front.
        if (r.side == Side::Back && side == Side::Unknown &&
            std::abs(r.located.frontScore - r.located.backScore) < 0.15 && hasThaiIdTitle(card)) {
            r.side = Side::Front;
        }
        if (r.side == Side::Front) {
            r.front = readFront(card, r);
        } else {
            r.back = readBack(card, r);
        }
    }
    r.ms = double(timer.nsecsElapsed()) / 1e6;
    return r;
}

}  // namespace kiosk::ocr
