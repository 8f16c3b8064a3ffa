// Plugs the kiosk's real parts into the maintenance menu: device status and
// the self-tests (test card over PC/SC, camera preview with the face overlay
// and quality verdict, test receipt). smart-kiosk calls useRealParts() once
// when it builds the menu's backend.
#pragma once

#include "config.h"
#include "maintenance_menu.h"
#include "printer.h"

#include <QJsonObject>
#include <QUrl>
#include <functional>

namespace kiosk::maintenance {

struct MenuPartsOptions {
    QString kioskId;
    QString dataDir;
    QString cardReader;  // card.reader ("" = the first reader holding a card)
    int cardReadTimeoutMs = 20000;
    QString cameraInput;                  // maintenance.camera
    int cameraTestMs = 8000;              // maintenance.camera_test_s
    double minInterEyePx = 40.0;          // face.probe_min_inter_eye_px
    QString landmarksPath;                // "" = Debian's libdlib-data file
    printer::Printer* printer = nullptr;  // the receipt printer (not owned)
    QUrl backendUrl;                      // backend.portal_url
    // The offline queue's stats (OfflineQueue::stats()); when set, the
    // outbox page shows them as readable rows (outboxItems).
    std::function<QJsonObject()> outboxStats;
    int backendTimeoutMs = 2000;
};

// The outbox page's rows from OfflineQueue::stats(): waiting (and due),
// oldest, next attempt, failed for good, delivered, storage, delivery.
QList<ui::MaintenanceItem> outboxItems(const QJsonObject& queueStats);

MenuPartsOptions menuPartsFromConfig(const KioskConfig& config, const QString& dataDir,
                                     printer::Printer* printer);

// Sets backend.deviceStatus (the devices first, then what deviceStatus
// listed before, if anything), backend.selfTest, backend.cameraTest and,
// with options.outboxStats, backend.outbox.
void useRealParts(ui::MaintenanceMenu::Backend& backend, const MenuPartsOptions& options);

}  // namespace kiosk::maintenance
