#include "maintenance_parts.h"

#include "pcsc_card_reader.h"
#include "self_tests.h"

#include <QJsonObject>

namespace kiosk::maintenance {

namespace {

ui::MaintenanceItem toItem(const CheckResult& r) {
    return {r.name, r.detail, r.state};
}

}  // namespace

MenuPartsOptions menuPartsFromConfig(const KioskConfig& config, const QString& dataDir,
                                     printer::Printer* printer) {
    MenuPartsOptions o;
    o.kioskId = config.kiosk.id;
    o.dataDir = dataDir;
    o.cardReader = config.card.reader;
    o.cardReadTimeoutMs = config.card.readTimeoutMs;
    const QJsonObject m = config.document.value(QLatin1String("maintenance")).toObject();
    o.cameraInput = m.value(QLatin1String("camera")).toString(QStringLiteral("/dev/video0"));
    o.cameraTestMs = m.value(QLatin1String("camera_test_s")).toInt(8) * 1000;
    o.minInterEyePx = config.face.probeMinInterEyePx;
    o.printer = printer;
    o.backendUrl = config.backend.portalUrl;
    return o;
}

void useRealParts(ui::MaintenanceMenu::Backend& backend, const MenuPartsOptions& options) {
    // The kiosk's own checks (configuration, data folder, models, fonts) stay
    // below the devices.
    backend.deviceStatus = [options, installChecks = backend.deviceStatus] {
        DeviceStatusOptions d;
        // A PC/SC context belongs to its thread: made on the worker.
        d.cardReader = [] { return std::make_unique<card::PcscCardReader>(); };
        d.cameraInput = options.cameraInput;
        d.printer = options.printer;
        d.dataDir = options.dataDir;
        d.backendUrl = options.backendUrl;
        d.backendTimeoutMs = options.backendTimeoutMs;
        QList<ui::MaintenanceItem> items;
        for (const CheckResult& r : deviceStatus(d)) {
            items.append(toItem(r));
        }
        if (installChecks) {
            items.append(installChecks());
        }
        return items;
    };
    backend.selfTest = [options](const QString& test) -> ui::MaintenanceItem {
        if (test == QLatin1String("card")) {
            card::PcscCardReader reader;
            return toItem(cardSelfTest(reader, options.cardReader, options.cardReadTimeoutMs));
        }
        if (test == QLatin1String("printer")) {
            return toItem(receiptSelfTest(options.printer, options.kioskId));
        }
        return {test, QStringLiteral("unknown self-test"), QStringLiteral("error")};
    };
    backend.cameraTest =
        [options](const std::atomic_bool& stop,
                  const std::function<void(const ui::MaintenancePreviewFrame&)>& onFrame) {
            CameraTestOptions c;
            c.input = options.cameraInput;
            c.durationMs = options.cameraTestMs;
            c.landmarksPath = options.landmarksPath;
            c.minInterEyePx = options.minInterEyePx;
            return toItem(cameraSelfTest(c, stop, [&onFrame](const CameraFrame& f) {
                ui::MaintenancePreviewFrame p;
                p.image = f.image;
                p.face = f.face;
                p.landmarks = QList<QPointF>(f.landmarks.begin(), f.landmarks.end());
                p.faces = f.faces;
                p.qualityOk = f.qualityOk;
                p.verdict = f.verdict;
                onFrame(p);
            }));
        };
}

}  // namespace kiosk::maintenance
