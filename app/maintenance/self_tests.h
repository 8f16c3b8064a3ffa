// The maintenance menu's self-tests and device status on the kiosk's real
// parts: the card reader (PC/SC), the camera (V4L2 or a recorded clip) with
// face detection, landmarks and the quality gate, the receipt printer, the
// network, the disk and the backend. Every function blocks: the menu runs
// them on a worker thread, never on the GUI thread. Results never contain a
// name, an address or a full CID.
#pragma once

#include "card_reader.h"
#include "printer.h"

#include <QImage>
#include <QList>
#include <QPointF>
#include <QRect>
#include <QString>
#include <QUrl>
#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace kiosk::maintenance {

struct CheckResult {
    QString name;    // "Card reader", "card", "camera", ...
    QString state;   // ok | warning | error
    QString detail;  // for the technician, in English
};

// Reads the test card in `reader` (empty: the first reader holding a card).
// ok: read and the CID's check digit is right; warning: no card inserted;
// error: no reader, pcscd down, or the read failed.
CheckResult cardSelfTest(card::CardReader& reader, const QString& readerName, int readTimeoutMs);

// Prints a short test receipt (kiosk id, time, Thai and English text).
CheckResult receiptSelfTest(printer::Printer* printer, const QString& kioskId);

struct CameraFrame {
    QImage image;                    // the frame, at most 640 px wide
    QRect face;                      // largest face, in `image` pixels (null: none)
    std::vector<QPointF> landmarks;  // 68 points of that face (empty: none)
    int faces = 0;
    bool qualityOk = false;
    QString verdict;  // "ok", or the quality gate's issue names ("too-small, turned")
};

struct CameraTestOptions {
    QString input;          // /dev/videoN, v4l2:..., a clip, an image or a folder
    int durationMs = 6000;  // how long the preview runs
    QString landmarksPath;  // empty: FaceAligner::defaultLandmarksPath()
    double minInterEyePx = 40.0;
};

// Shows frames (onFrame, on the calling thread) with the face found in each,
// until `stop`, the duration or the end of a clip. ok: a face passed the
// quality gate; warning: frames but no face passed (someone must stand in
// front); error: no camera, no frames, or the face model is missing.
CheckResult cameraSelfTest(const CameraTestOptions& options, const std::atomic_bool& stop,
                           const std::function<void(const CameraFrame&)>& onFrame);

struct DeviceStatusOptions {
    std::function<std::unique_ptr<card::CardReader>()> cardReader;  // made on the worker thread
    QString cameraInput;
    printer::Printer* printer = nullptr;
    QString dataDir;
    QUrl backendUrl;
    int backendTimeoutMs = 2000;
};

// Card reader, Camera, Printer, Network, Disk, Backend, in that order.
QList<CheckResult> deviceStatus(const DeviceStatusOptions& options);

// The single checks behind deviceStatus.
CheckResult readerStatus(card::CardReader* reader);
CheckResult cameraStatus(const QString& input);
CheckResult printerStatus(printer::Printer* printer);
CheckResult networkStatus();
CheckResult diskStatus(const QString& dataDir);
CheckResult backendStatus(const QUrl& url, int timeoutMs);

}  // namespace kiosk::maintenance
