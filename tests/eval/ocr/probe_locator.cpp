#include <QGuiApplication>
#include <QJsonArray>
#include <chrono>
#include <cstdio>
#include <opencv2/imgcodecs.hpp>
#include "card_locator.h"
#include "card_truth.h"
#include "ocr_image.h"
using namespace kiosk;
int main(int argc, char** argv) {
    QGuiApplication app(argc, argv);
    const QString data = QStringLiteral(KIOSK_SHARED_DATA_DIR);
    auto loc = ocr::CardLocator::create(data + QStringLiteral("/cards/templates"));
    if (!loc) {
        std::printf("no locator\n");
        return 1;
    }
    auto tpl = cardgen::loadTemplates(data);
    const QStringList photos = cardgen::facePhotos(data);
    for (const char* spec :
         {"card1.jpg", "card2.jpg", "card4.jpg", "thai_id_card_real_size_with_positions.png"}) {
        auto img =
            ocr::loadImageFile(data + QStringLiteral("/cards/specimens/") + QLatin1String(spec));
        auto c = loc->locate(*img);
        std::printf(
            "%s doc=%s side=%s f=%.2f b=%.2f w=%.2f tilt=%.1f sharp=%.1f glare=%.3f whole=%d "
            "guide=%s\n",
            spec, qPrintable(ocr::documentName(c.document)), qPrintable(ocr::sideName(c.side)),
            c.frontScore, c.backScore, c.widthFraction, c.tiltDegrees, c.sharpness, c.glareFraction,
            c.wholeFrame, qPrintable(ocr::guidanceName(loc->guide(c))));
    }
    if (argc > 1 && argv[1][0] == '/') {
        auto img = ocr::loadImageFile(QString::fromLocal8Bit(argv[1]));
        auto c = loc->locate(*img);
        std::printf("doc=%s side=%s f=%.2f b=%.2f\n", qPrintable(ocr::documentName(c.document)),
                    qPrintable(ocr::sideName(c.side)), c.frontScore, c.backScore);
        return 0;
    }
    if (argc > 2 && argv[1][0] == 'g') {
        auto s = cardgen::generateSample(99, atoi(argv[2]), cardgen::CardSide::Front,
                                         cardgen::Degradation(atoi(argv[3])), *tpl, photos);
        cv::imwrite("/tmp/ocrv/g.png", s.scene.bgr);
        auto c = loc->locate(s.scene.bgr);
        std::printf("doc=%s side=%s f=%.2f b=%.2f\n", qPrintable(ocr::documentName(c.document)),
                    qPrintable(ocr::sideName(c.side)), c.frontScore, c.backScore);
        return 0;
    }
    const int n = argc > 1 ? atoi(argv[1]) : 20;
    for (auto level : {cardgen::Degradation::Clean, cardgen::Degradation::Mild,
                       cardgen::Degradation::Moderate, cardgen::Degradation::Severe}) {
        int found = 0, sideOk = 0, posOk = 0, total = 0;
        double ms = 0;
        std::map<QString, int> guides;
        for (int i = 0; i < n; ++i)
            for (auto side : {cardgen::CardSide::Front, cardgen::CardSide::Back}) {
                auto s = cardgen::generateSample(99, i, side, level, *tpl, photos);
                auto t0 = std::chrono::steady_clock::now();
                auto c = loc->locate(s.scene.bgr);
                auto g = loc->guide(c);
                ms +=
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                        .count();
                ++total;
                guides[ocr::guidanceName(g)]++;
                if (c.document == ocr::DocumentKind::ThaiId)
                    ++found;
                if ((c.side == ocr::Side::Front) == (side == cardgen::CardSide::Front) &&
                    c.document == ocr::DocumentKind::ThaiId)
                    ++sideOk;
                double d = 0;
                for (int k = 0; k < 4; ++k)
                    d += cv::norm(c.corners[k] - s.scene.corners[k]);
                d /= 4 * cv::norm(s.scene.corners[1] - s.scene.corners[0]);
                if (d < 0.03)
                    ++posOk;
                else if (argc > 2)
                    std::printf("  miss %d %d doc=%s f=%.2f b=%.2f d=%.2f up=%d\n", i, int(side),
                                qPrintable(ocr::documentName(c.document)), c.frontScore,
                                c.backScore, d, s.scene.upsideDown);
                if (argc > 3 && (int)level == atoi(argv[3]))
                    std::printf("   %d %d sharp=%.1f glare=%.3f tilt=%.1f g=%s\n", i, int(side),
                                c.sharpness, c.glareFraction, c.tiltDegrees,
                                qPrintable(ocr::guidanceName(g)));
            }
        std::printf("%s: found %d/%d side %d pos %d  %.1f ms/frame  ",
                    qPrintable(cardgen::degradationName(level)), found, total, sideOk, posOk,
                    ms / total);
        for (auto& [k, v] : guides)
            std::printf("%s=%d ", qPrintable(k), v);
        std::printf("\n");
    }
}
