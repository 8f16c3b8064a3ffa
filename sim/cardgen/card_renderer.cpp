#include "card_renderer.h"

#include "ocr_text.h"

#include <QDir>
#include <QFont>
#include <QPainter>
#include <QPainterPath>
#include <array>

namespace kiosk::cardgen {

namespace {

// The field layout is given in the 600 x 350 pixel space of the templates
// (see field-boxes.yaml); it is scaled to the ID-1 canvas when drawing.
constexpr double kTemplateW = 600.0;
constexpr double kTemplateH = 350.0;
constexpr double kSx = kCardWidth / kTemplateW;
constexpr double kSy = kCardHeight / kTemplateH;
constexpr double kFontScale = (kSx + kSy) / 2.0;

// Thai cards print in a Sarabun-like face; Laksaman (fonts-tlwg-laksaman) is the
// free font of that family in Debian.
const QString& cardFamily() {
    static const QString family = QStringLiteral("Laksaman");
    return family;
}

QFont cardFont(double templatePx, bool bold) {
    QFont f(cardFamily());
    f.setPixelSize(int(templatePx * kFontScale + 0.5));
    f.setBold(bold);
    f.setHintingPreference(QFont::PreferNoHinting);
    return f;
}

void text(QPainter& p, double x, double baseline, const QString& s, double px, bool bold,
          QColor color) {
    p.setFont(cardFont(px, bold));
    p.setPen(color);
    p.drawText(QPointF(x * kSx, baseline * kSy), s);
}

constexpr std::array<const char16_t*, 12> kThaiMonthAbbrev{u"ม.ค.", u"ก.พ.", u"มี.ค.", u"เม.ย.",
                                                           u"พ.ค.", u"มิ.ย.", u"ก.ค.", u"ส.ค.",
                                                           u"ก.ย.", u"ต.ค.", u"พ.ย.", u"ธ.ค."};
constexpr std::array<const char*, 12> kEnglishMonthAbbrev{
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sep.", "Oct.", "Nov.", "Dec."};

card::CardDate fromQDate(const QDate& d) {
    return d.isValid() ? card::CardDate{d.year(), d.month(), d.day()} : card::CardDate{};
}

void drawPhoto(QPainter& p, const QImage& given, const QString& path) {
    const QRectF box(452 * kSx, 171 * kSy, 140 * kSx, 146 * kSy);
    const QImage photo = given.isNull() ? QImage(path) : given;
    if (photo.isNull()) {
        return;  // the template's silhouette stays
    }
    // Crop to the box's aspect around the centre, as a card photo is framed.
    const double want = box.width() / box.height();
    QRectF src(0, 0, photo.width(), photo.height());
    if (src.width() / src.height() > want) {
        const double w = src.height() * want;
        src = QRectF((src.width() - w) / 2, 0, w, src.height());
    } else {
        const double h = src.width() / want;
        src = QRectF(0, (src.height() - h) / 2, src.width(), h);
    }
    p.drawImage(box, photo, src);
}

}  // namespace

QString thaiCardDate(const card::CardDate& date) {
    if (date.year == 0) {
        return {};
    }
    const QString year = QString::number(date.year + 543);
    if (date.month == 0) {
        return year;
    }
    return QString::number(date.day) + QLatin1Char(' ') +
           QString::fromUtf16(kThaiMonthAbbrev[size_t(date.month - 1)]) + QLatin1Char(' ') + year;
}

QString englishCardDate(const card::CardDate& date) {
    if (date.year == 0) {
        return {};
    }
    if (date.month == 0) {
        return QString::number(date.year);
    }
    return QString::number(date.day) + QLatin1Char(' ') +
           QLatin1String(kEnglishMonthAbbrev[size_t(date.month - 1)]) + QLatin1Char(' ') +
           QString::number(date.year);
}

QString groupedCid(const QString& cid) {
    if (cid.size() != 13) {
        return cid;
    }
    return cid.left(1) + QLatin1Char(' ') + cid.mid(1, 4) + QLatin1Char(' ') + cid.mid(5, 5) +
           QLatin1Char(' ') + cid.mid(10, 2) + QLatin1Char(' ') + cid.mid(12, 1);
}

Result<CardTemplates, QString> loadTemplates(const QString& sharedDataDir) {
    const QDir dir(QDir(sharedDataDir).filePath(QStringLiteral("cards/templates")));
    CardTemplates t;
    const QString front = dir.filePath(QStringLiteral("personal-card-template.jpg"));
    const QString back = dir.filePath(QStringLiteral("personal-card-back-template.jpg"));
    t.front.load(front);
    t.back.load(back);
    if (t.front.isNull()) {
        return fail(QStringLiteral("card template missing or unreadable: ") + front);
    }
    if (t.back.isNull()) {
        return fail(QStringLiteral("card template missing or unreadable: ") + back);
    }
    return t;
}

QImage renderCard(const CardIdentity& id, CardSide side, const CardTemplates& templates) {
    const QImage& tpl = side == CardSide::Front ? templates.front : templates.back;
    QImage card =
        tpl.convertToFormat(QImage::Format_RGB888)
            .scaled(kCardWidth, kCardHeight, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    QPainter p(&card);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    const QColor black(20, 20, 25);
    const QColor navy(25, 40, 120);

    if (side == CardSide::Back) {
        if (!id.laserCode.isEmpty()) {
            text(p, 318, 326, ocr::formatLaserCode(id.laserCode), 22, true, black);
        }
        return card;
    }

    text(p, 262, 66, groupedCid(id.cid), 25, true, black);
    text(p, 170, 101, id.nameTh.display(), 24, true, black);
    QString first = id.nameEn.prefix;
    for (const QString* part : {&id.nameEn.first, &id.nameEn.middle}) {
        if (!part->isEmpty()) {
            first += (first.isEmpty() ? QString() : QStringLiteral(" ")) + *part;
        }
    }
    text(p, 228, 125, first, 17, true, navy);
    text(p, 270, 150, id.nameEn.last, 17, true, navy);
    text(p, 262, 175, thaiCardDate(id.birthDate), 18, true, black);
    text(p, 300, 201, englishCardDate(id.birthDate), 17, true, navy);
    text(p, 262, 224, id.religion, 16, false, navy);
    p.setFont(cardFont(13, true));
    p.setPen(black);
    p.drawText(QRectF(92 * kSx, 236 * kSy, 350 * kSx, 40 * kSy),
               Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, id.address);
    text(p, 52, 292, thaiCardDate(fromQDate(id.issueDate)), 15, true, black);
    text(p, 52, 324, englishCardDate(fromQDate(id.issueDate)), 14, true, navy);
    if (id.lifelong) {
        text(p, 335, 292, QStringLiteral("ตลอดชีพ"), 15, true, black);
        text(p, 330, 324, QStringLiteral("LIFELONG"), 14, true, navy);
    } else {
        text(p, 335, 292, thaiCardDate(fromQDate(id.expiryDate)), 15, true, black);
        text(p, 330, 324, englishCardDate(fromQDate(id.expiryDate)), 14, true, navy);
    }
    drawPhoto(p, id.photo, id.photoPath);
    return card;
}

}  // namespace kiosk::cardgen
