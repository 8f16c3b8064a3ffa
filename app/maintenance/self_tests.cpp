#include "self_tests.h"

#include "cid.h"
#include "face_aligner.h"
#include "face_quality.h"
#include "frame_source.h"
#include "receipt.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QNetworkInterface>
#include <QStorageInfo>
#include <QTcpSocket>
#include <QThread>

Q_LOGGING_CATEGORY(lcMaintenanceSelfTest, "kiosk.maintenance.selftest")

namespace kiosk::maintenance {

namespace {

const QString kOk = QStringLiteral("ok");
const QString kWarning = QStringLiteral("warning");
const QString kError = QStringLiteral("error");

constexpr int kPreviewMaxWidth = 640;

QImage previewSized(const QImage& frame) {
    return frame.width() > kPreviewMaxWidth
               ? frame.scaledToWidth(kPreviewMaxWidth, Qt::SmoothTransformation)
               : frame;
}

}  // namespace

CheckResult cardSelfTest(card::CardReader& reader, const QString& readerName, int readTimeoutMs) {
    const QString name = QStringLiteral("card");
    auto readers = reader.readers();
    if (!readers) {
        return {name, kError, QStringLiteral("card reader service: ") + readers.error().summary()};
    }
    if (readers->isEmpty()) {
        return {name, kError, QStringLiteral("no card reader attached")};
    }
    auto withCard = reader.readersWithCard();
    if (!withCard) {
        return {name, kError, withCard.error().summary()};
    }
    const QString wanted = readerName.isEmpty() ? QString() : readerName;
    if (withCard->isEmpty() || (!wanted.isEmpty() && !withCard->contains(wanted))) {
        return {name, kWarning,
                QStringLiteral("no card in %1: insert the test card")
                    .arg(wanted.isEmpty() ? readers->first() : wanted)};
    }
    card::ReadOptions options;
    options.readTimeoutMs = readTimeoutMs;
    QElapsedTimer t;
    t.start();
    card::ApduStats stats;
    auto data = reader.read(wanted, options, &stats);
    if (!data) {
        return {name, kError, QStringLiteral("read failed: ") + data.error().summary()};
    }
    const QString used = wanted.isEmpty() ? withCard->first() : wanted;
    // The masked CID tells the technician it is the test card, nothing more.
    const QString detail =
        QStringLiteral("%1: card %2 read in %3 ms, %4 commands, check digit %5, photo %6")
            .arg(used, cid::mask(data->cid))
            .arg(t.elapsed())
            .arg(stats.apdus)
            .arg(data->cidValid() ? QStringLiteral("right") : QStringLiteral("WRONG"),
                 data->photoJpeg.isEmpty()
                     ? QStringLiteral("missing")
                     : QStringLiteral("%1 KB").arg(data->photoJpeg.size() / 1024));
    return {name, data->cidValid() && card::isCompleteJpeg(data->photoJpeg) ? kOk : kError, detail};
}

CheckResult receiptSelfTest(printer::Printer* printer, const QString& kioskId) {
    const QString name = QStringLiteral("printer");
    if (!printer) {
        return {name, kError, QStringLiteral("no receipt printer connected")};
    }
    printer::ReceiptContent r;
    r.title = QStringLiteral("ใบทดสอบ / Test receipt");
    r.lines = {{QStringLiteral("Kiosk"), kioskId},
               {QStringLiteral("Time (UTC)"),
                QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))},
               {QStringLiteral("ภาษาไทย"), QStringLiteral("กขค ทดสอบ")}};
    r.reference = QStringLiteral("SELF-TEST");
    r.footer = QStringLiteral("Not a receipt for any service");
    const QByteArray job = printer::encodeReceipt(r, printer::PrinterProfile{});
    auto written = printer->write(job);
    if (!written) {
        return {name, kError,
                QStringLiteral("%1: %2%3")
                    .arg(printer->description(), printer::errorName(written.error()),
                         printer::isRetryable(written.error())
                             ? QStringLiteral(" (check paper and cover)")
                             : QString())};
    }
    return {name, kOk,
            QStringLiteral("test receipt sent to %1 (%2 bytes): check the paper")
                .arg(printer->description())
                .arg(job.size())};
}

CheckResult cameraSelfTest(const CameraTestOptions& options, const std::atomic_bool& stop,
                           const std::function<void(const CameraFrame&)>& onFrame) {
    const QString name = QStringLiteral("camera");
    if (options.input.isEmpty()) {
        return {name, kError, QStringLiteral("no camera configured")};
    }
    auto source = camera::makeFrameSource(options.input, 10);
    if (auto opened = source->open(); !opened) {
        return {name, kError,
                QStringLiteral("%1: %2").arg(source->description(), opened.error().summary())};
    }
    auto aligner = vision::FaceAligner::load(options.landmarksPath.isEmpty()
                                                 ? vision::FaceAligner::defaultLandmarksPath()
                                                 : options.landmarksPath);
    if (!aligner) {
        return {name, kError, QStringLiteral("face model: ") + aligner.error().detail};
    }
    vision::QualityLimits limits = vision::QualityLimits::liveProbe();
    limits.minInterEyePx = options.minInterEyePx;

    QElapsedTimer clock;
    clock.start();
    int frames = 0;
    int withFace = 0;
    int passed = 0;
    QString lastIssues;
    const double fps = source->nominalFps() > 0 ? source->nominalFps() : 25.0;
    qint64 firstStampMs = -1;
    while (!stop.load() && clock.elapsed() < options.durationMs) {
        auto frame = source->next();
        if (!frame) {
            if (frame.error().code == camera::CameraError::Code::EndOfStream) {
                break;
            }
            if (frames == 0) {
                return {
                    name, kError,
                    QStringLiteral("%1: %2").arg(source->description(), frame.error().summary())};
            }
            break;
        }
        // A clip plays at its own pace (a file source would otherwise race
        // ahead); a live camera already delivers in real time.
        if (firstStampMs < 0) {
            firstStampMs = frame->timestampMs;
        }
        const qint64 due = frame->timestampMs - firstStampMs;
        if (due > clock.elapsed() + 2000) {
            continue;  // detection fell behind: skip to catch up
        }
        CameraFrame out;
        out.image = previewSized(camera::toQImage(frame->image));
        ++frames;
        auto faces = aligner->alignAll(out.image);
        if (faces && !faces->empty()) {
            ++withFace;
            const vision::AlignedFace& f = faces->front();
            out.faces = static_cast<int>(faces->size());
            out.face = f.box;
            out.landmarks = f.landmarks;
            const vision::FaceQuality q = faces->size() == 1
                                              ? vision::assessFace(out.image, f, limits)
                                              : vision::FaceQuality{};
            out.qualityOk = faces->size() == 1 && q.ok;
            out.verdict = faces->size() > 1 ? QStringLiteral("multiple-faces")
                                            : (q.ok ? QStringLiteral("ok")
                                                    : q.issueNames().join(QStringLiteral(", ")));
        } else {
            out.verdict = faces ? QStringLiteral("no-face") : faces.error().detail;
        }
        if (out.qualityOk) {
            ++passed;
        } else {
            lastIssues = out.verdict;
        }
        if (onFrame) {
            onFrame(out);
        }
        const qint64 wait = due - clock.elapsed();
        if (wait > 0 && source->nominalFps() > 0 && fps > 0) {
            QThread::msleep(static_cast<unsigned long>(std::min<qint64>(wait, 1000)));
        }
    }
    source->close();
    if (frames == 0) {
        return {name, kError, source->description() + QStringLiteral(": no frames")};
    }
    const QString counts = QStringLiteral("%1: %2 frames, face in %3, quality passed in %4")
                               .arg(source->description())
                               .arg(frames)
                               .arg(withFace)
                               .arg(passed);
    if (passed > 0) {
        return {name, kOk, counts};
    }
    return {name, kWarning,
            counts + QStringLiteral("; stand in front of the camera (last: %1)").arg(lastIssues)};
}

CheckResult readerStatus(card::CardReader* reader) {
    const QString name = QStringLiteral("Card reader");
    if (!reader) {
        return {name, kError, QStringLiteral("no card reader interface")};
    }
    auto readers = reader->readers();
    if (!readers) {
        return {name, kError, readers.error().summary()};
    }
    if (readers->isEmpty()) {
        return {name, kError, QStringLiteral("no reader attached")};
    }
    auto withCard = reader->readersWithCard();
    QStringList parts;
    for (const QString& r : *readers) {
        parts << r + (withCard && withCard->contains(r) ? QStringLiteral(": card inserted")
                                                        : QStringLiteral(": ready"));
    }
    return {name, kOk, parts.join(QStringLiteral("; "))};
}

CheckResult cameraStatus(const QString& input) {
    const QString name = QStringLiteral("Camera");
    if (input.isEmpty()) {
        return {name, kError, QStringLiteral("no camera configured")};
    }
    auto source = camera::makeFrameSource(input, 10);
    if (auto opened = source->open(); !opened) {
        return {name, kError,
                QStringLiteral("%1: %2").arg(source->description(), opened.error().summary())};
    }
    auto frame = source->next();
    source->close();
    if (!frame) {
        return {name, kError,
                QStringLiteral("%1: %2").arg(source->description(), frame.error().summary())};
    }
    return {name, kOk,
            QStringLiteral("%1: %2x%3")
                .arg(source->description())
                .arg(frame->image.cols)
                .arg(frame->image.rows)};
}

CheckResult printerStatus(printer::Printer* printer) {
    const QString name = QStringLiteral("Printer");
    if (!printer) {
        return {name, kError, QStringLiteral("not connected")};
    }
    // ESC/POS has no portable status query over a one-way USB stream: the
    // printer is there (opened); paper is checked with the test receipt.
    return {name, kOk, printer->description() + QStringLiteral(": connected")};
}

CheckResult networkStatus() {
    const QString name = QStringLiteral("Network");
    QStringList up;
    for (const QNetworkInterface& i : QNetworkInterface::allInterfaces()) {
        const auto f = i.flags();
        if (!f.testFlag(QNetworkInterface::IsUp) || !f.testFlag(QNetworkInterface::IsRunning) ||
            f.testFlag(QNetworkInterface::IsLoopBack)) {
            continue;
        }
        QStringList addresses;
        for (const QNetworkAddressEntry& e : i.addressEntries()) {
            if (!e.ip().isLinkLocal()) {
                addresses << e.ip().toString();
            }
        }
        if (!addresses.isEmpty()) {
            up << QStringLiteral("%1 %2").arg(i.humanReadableName(),
                                              addresses.join(QLatin1Char(' ')));
        }
    }
    if (up.isEmpty()) {
        return {name, kError, QStringLiteral("no network interface is up")};
    }
    return {name, kOk, up.join(QStringLiteral("; "))};
}

CheckResult diskStatus(const QString& dataDir) {
    const QString name = QStringLiteral("Disk");
    QStorageInfo s(dataDir);
    if (!s.isValid() || !s.isReady() || s.bytesTotal() <= 0) {
        return {name, kError, dataDir + QStringLiteral(": not mounted")};
    }
    const double freeShare =
        static_cast<double>(s.bytesAvailable()) / static_cast<double>(s.bytesTotal());
    const QString detail = QStringLiteral("%1 MB free of %2 MB (%3%)%4")
                               .arg(s.bytesAvailable() / (1024 * 1024))
                               .arg(s.bytesTotal() / (1024 * 1024))
                               .arg(qRound(freeShare * 100))
                               .arg(s.isReadOnly() ? QStringLiteral(", read-only") : QString());
    if (s.isReadOnly() || freeShare < 0.05) {
        return {name, kError, detail};
    }
    return {name, freeShare < 0.15 ? kWarning : kOk, detail};
}

CheckResult backendStatus(const QUrl& url, int timeoutMs) {
    const QString name = QStringLiteral("Backend");
    if (!url.isValid() || url.host().isEmpty()) {
        return {name, kError, QStringLiteral("no backend configured")};
    }
    const int port = url.port(url.scheme() == QLatin1String("http") ? 80 : 443);
    QTcpSocket socket;
    QElapsedTimer t;
    t.start();
    socket.connectToHost(url.host(), static_cast<quint16>(port));
    if (!socket.waitForConnected(timeoutMs)) {
        return {name, kError,
                QStringLiteral("%1:%2 unreachable: %3")
                    .arg(url.host())
                    .arg(port)
                    .arg(socket.errorString())};
    }
    const qint64 ms = t.elapsed();
    socket.abort();
    return {name, kOk,
            QStringLiteral("%1:%2 reachable in %3 ms").arg(url.host()).arg(port).arg(ms)};
}

QList<CheckResult> deviceStatus(const DeviceStatusOptions& options) {
    std::unique_ptr<card::CardReader> reader = options.cardReader ? options.cardReader() : nullptr;
    return {readerStatus(reader.get()),
            cameraStatus(options.cameraInput),
            printerStatus(options.printer),
            networkStatus(),
            diskStatus(options.dataDir),
            backendStatus(options.backendUrl, options.backendTimeoutMs)};
}

}  // namespace kiosk::maintenance
