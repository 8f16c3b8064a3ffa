// kioskctl ocr IMAGE [--side front|back] [--json]: reads a Thai national ID card
// from a photo or scan with the kiosk's own OCR pipeline (locator, guidance,
// field reader), so a technician can check the camera set-up and Tesseract data.
#include "commands.h"
#include "field_reader.h"
#include "ocr_image.h"
#include "proof_support.h"

#include <QDir>
#include <QJsonDocument>

namespace kiosk::cli {

namespace {

int ocrError(Output& out, const ocr::OcrError& e) {
    QString code = ocr::errcName(e.code);
    code.replace(QLatin1Char('-'), QLatin1Char('_'));
    return out.error(code, e.detail);
}

QString nameText(const card::PersonName& n) {
    return n.isEmpty() ? QStringLiteral("-") : n.display();
}

}  // namespace

int ocrImage(const QStringList& argsIn, const GlobalOptions&, Output& out) {
    QStringList args = argsIn;
    ocr::Side side = ocr::Side::Unknown;
    bool bad = false;
    const qsizetype at = args.indexOf(QStringLiteral("--side"));
    if (at >= 0) {
        const QString value = args.value(at + 1);
        if (value == QLatin1String("front")) {
            side = ocr::Side::Front;
        } else if (value == QLatin1String("back")) {
            side = ocr::Side::Back;
        } else {
            bad = true;
        }
        args.remove(at, std::min<qsizetype>(2, args.size() - at));
    }
    if (bad || args.size() != 1 || args.first().startsWith(QLatin1String("--"))) {
        return out.error(QStringLiteral("usage"),
                         QStringLiteral("usage: kioskctl ocr IMAGE [--side front|back] [--json]"),
                         kUsage);
    }
    const auto image = ocr::loadImageFile(args.first());
    if (!image) {
        return ocrError(out, image.error());
    }
    auto locator = ocr::CardLocator::create(cardTemplatesDir());
    if (!locator) {
        return ocrError(out, locator.error());
    }
    auto engine = ocr::TesseractEngine::create();
    if (!engine) {
        return ocrError(out, engine.error());
    }
    ocr::FieldReader reader(std::move(*locator), std::move(*engine));
    const auto r = reader.read(*image, side);
    if (!r) {
        return ocrError(out, r.error());
    }
    if (out.json()) {
        out.emitJson(r->toJson());
    } else {
        QTextStream& t = out.text();
        t << "Document:    " << ocr::documentName(r->document) << '\n'
          << "Side:        " << ocr::sideName(r->side) << '\n'
          << "Guidance:    " << ocr::guidanceName(r->guidance) << '\n';
        if (r->front) {
            const auto& f = *r->front;
            t << "CID:         " << (f.cid.isEmpty() ? QStringLiteral("-") : f.cid)
              << (f.cid.isEmpty() || f.cidValid ? "" : "  (check digit WRONG)") << '\n'
              << "Name (TH):   " << nameText(f.nameTh) << '\n'
              << "Name (EN):   " << nameText(f.nameEn) << '\n'
              << "Born:        " << (f.birthDate ? f.birthDate->toIso() : QStringLiteral("-"))
              << '\n'
              << "Expires:     "
              << (f.lifelong ? QStringLiteral("never (lifelong)")
                             : (f.expiryDate ? f.expiryDate->toIso() : QStringLiteral("-")))
              << '\n';
        }
        if (r->back) {
            t << "Laser code:  "
              << (r->back->laserCode.isEmpty() ? QStringLiteral("-")
                                               : ocr::formatLaserCode(r->back->laserCode))
              << '\n';
        }
        t << "Time:        " << qRound(r->ms) << " ms\n";
    }
    // No Thai ID card in the picture is an answer, but not a successful read.
    return r->document == ocr::DocumentKind::ThaiId ? kOk : kFailed;
}

}  // namespace kiosk::cli
