#include "ocr_printed_card_source.h"

#include "evidence.h"
#include "field_reader.h"
#include "ocr_engine.h"
#include "ocr_image.h"

#include <QFile>

namespace kiosk::evidence {

namespace {

QString describe(const ocr::OcrError& e) {
    return e.detail.isEmpty() ? ocr::errcName(e.code)
                              : QStringLiteral("%1: %2").arg(ocr::errcName(e.code), e.detail);
}

}  // namespace

struct OcrPrintedCardSource::Reader {
    ocr::FieldReader fields;
};

OcrPrintedCardSource::OcrPrintedCardSource(std::unique_ptr<Reader> reader)
    : m_reader(std::move(reader)) {}

OcrPrintedCardSource::~OcrPrintedCardSource() = default;

Result<std::unique_ptr<OcrPrintedCardSource>, QString> OcrPrintedCardSource::create(
    const QString& templatesDir) {
    auto locator = ocr::CardLocator::create(templatesDir);
    if (!locator) {
        return fail(QStringLiteral("card templates: ") + describe(locator.error()));
    }
    auto engine = ocr::TesseractEngine::create();
    if (!engine) {
        return fail(QStringLiteral("Tesseract: ") + describe(engine.error()));
    }
    auto reader =
        std::make_unique<Reader>(Reader{ocr::FieldReader(std::move(*locator), std::move(*engine))});
    return std::unique_ptr<OcrPrintedCardSource>(new OcrPrintedCardSource(std::move(reader)));
}

Result<proofing::PrintedCardReading, QString> OcrPrintedCardSource::read(const QString& frontImage,
                                                                         const QString& backImage) {
    QByteArray bytes[2];
    const QString* paths[] = {&frontImage, &backImage};
    for (int i = 0; i < 2; ++i) {
        QFile f(*paths[i]);
        if (!f.open(QIODevice::ReadOnly)) {
            return fail(QStringLiteral("%1 image: %2")
                            .arg(QLatin1String(i == 0 ? "front" : "back"), f.errorString()));
        }
        bytes[i] = f.readAll();
    }
    return readEncoded(bytes[0], bytes[1]);
}

Result<proofing::PrintedCardReading, QString> OcrPrintedCardSource::readEncoded(
    const QByteArray& frontImage, const QByteArray& backImage) {
    struct Side {
        const QByteArray& bytes;
        ocr::Side side;
        const char* name;
    };
    const Side sides[] = {{frontImage, ocr::Side::Front, "front"},
                          {backImage, ocr::Side::Back, "back"}};
    proofing::PrintedCardReading out;
    out.source = proofing::PrintedCardReading::Source::Ocr;
    for (const Side& s : sides) {
        const QString name = QString::fromLatin1(s.name);
        auto image = ocr::decodeImage(s.bytes);
        if (!image) {
            return fail(QStringLiteral("%1 image: %2").arg(name, describe(image.error())));
        }
        auto reading = m_reader->fields.read(*image, s.side);
        if (!reading) {
            return fail(QStringLiteral("%1 image: %2").arg(name, describe(reading.error())));
        }
        if (reading->document != ocr::DocumentKind::ThaiId) {
            return fail(QStringLiteral("%1 image shows no Thai national ID card (%2)")
                            .arg(name, ocr::documentName(reading->document)));
        }
        if (s.side == ocr::Side::Front) {
            if (!reading->front || reading->front->cid.isEmpty()) {
                return fail(QStringLiteral("front image: the CID could not be read"));
            }
            const ocr::FrontFields& fr = *reading->front;
            out.cid = fr.cid;
            out.firstNameTh = fr.nameTh.first;
            out.lastNameTh = fr.nameTh.last;
            out.birthDateBe = fr.birthDate ? fr.birthDate->toBuddhistYmd() : QString();
            out.frontImageSha256 = proofing::sha256Hex(s.bytes);
        } else {
            if (!reading->back || reading->back->laserCode.isEmpty()) {
                return fail(QStringLiteral("back image: the laser code could not be read"));
            }
            out.laserCode = reading->back->laserCode;
            out.backImageSha256 = proofing::sha256Hex(s.bytes);
        }
    }
    return out;
}

}  // namespace kiosk::evidence
