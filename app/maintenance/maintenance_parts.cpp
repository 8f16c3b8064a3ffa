#include "maintenance_parts.h"

#include "pcsc_card_reader.h"
#include "self_tests.h"

#include <QDateTime>
#include <QJsonObject>

namespace kiosk::maintenance {

namespace {

ui::MaintenanceItem toItem(const CheckResult& r) {
    return {r.name, r.detail, r.state};
}

}  // namespace

QList<ui::MaintenanceItem> outboxItems(const QJsonObject& stats) {
    const QString ok = QStringLiteral("ok");
    const QString warning = QStringLiteral("warning");
    const QString error = QStringLiteral("error");
    const QString info = QStringLiteral("info");
    QList<ui::MaintenanceItem> items;
    if (stats.contains(QLatin1String("error"))) {
        items.append(
            {QStringLiteral("Outbox"), stats.value(QLatin1String("error")).toString(), error});
    }
    const QJsonObject o = stats.value(QLatin1String("outbox")).toObject();
    if (o.isEmpty()) {
        if (items.isEmpty()) {
            items.append({QStringLiteral("Outbox"), QStringLiteral("unavailable"), error});
        }
        return items;
    }
    const auto n = [&o](const char* key) { return o.value(QLatin1String(key)).toInteger(); };
    const auto t = [&o](const char* key) {
        const QString iso = o.value(QLatin1String(key)).toString();
        const QDateTime at = QDateTime::fromString(iso, Qt::ISODate);
        return at.isValid() ? at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")) : iso;
    };
    items.append({QStringLiteral("Waiting"),
                  QStringLiteral("%1 (due now: %2)").arg(n("pending")).arg(n("due")),
                  n("pending") > 0 ? warning : ok});
    if (!t("oldest_created_at").isEmpty()) {
        items.append({QStringLiteral("Oldest"), t("oldest_created_at"), info});
    }
    if (!t("next_attempt_at").isEmpty()) {
        items.append({QStringLiteral("Next attempt"), t("next_attempt_at"), info});
    }
    items.append(
        {QStringLiteral("Failed for good"),
         QStringLiteral("%1 now, %2 in all").arg(n("dead_letter")).arg(n("dead_letter_total")),
         n("dead_letter") > 0 ? error : ok});
    items.append(
        {QStringLiteral("Delivered"),
         QStringLiteral("%1 (expired: %2)").arg(n("delivered_total")).arg(n("expired_total")),
         info});
    const bool accepting = o.value(QLatin1String("accepting_work")).toBool(true);
    items.append({QStringLiteral("Storage"),
                  QStringLiteral("%1 of %2 MB%3")
                      .arg(n("used_bytes") / (1024 * 1024))
                      .arg(n("limit_bytes") / (1024 * 1024))
                      .arg(accepting ? QString() : QStringLiteral(", full: no new work accepted")),
                  accepting ? ok : error});
    const QString problem = stats.value(QLatin1String("delivery_problem")).toString();
    items.append({QStringLiteral("Delivery"),
                  !problem.isEmpty()                                  ? problem
                  : stats.value(QLatin1String("delivering")).toBool() ? QStringLiteral("running")
                                                                      : QStringLiteral("idle"),
                  problem.isEmpty() ? ok : error});
    return items;
}

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
    if (options.outboxStats) {
        backend.outbox = [stats = options.outboxStats] { return outboxItems(stats()); };
    }
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
