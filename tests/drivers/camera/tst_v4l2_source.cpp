#include "frame_source.h"

#include <QFileInfo>
#include <QTest>

using namespace kiosk::camera;

class TestV4l2Source : public QObject {
    Q_OBJECT

private slots:
    void open_noDevice_noDeviceError() {
        const QString device = QStringLiteral("/dev/video-kiosk-absent");
        QVERIFY(!QFileInfo::exists(device));
        V4l2Source source(device);
        auto opened = source.open();
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, CameraError::Code::NoDevice);
        QCOMPARE(opened.error().codeName(), QStringLiteral("no_device"));
        QVERIFY(opened.error().summary().contains(device));
        QVERIFY(!opened.error().isRetryable());
        QVERIFY(!source.isOpen());
    }

    void open_notACaptureDevice_busy() {
        // An existing node that is no camera: the open fails as "busy", a
        // retryable condition, not as a missing device.
        V4l2Source source(QStringLiteral("/dev/null"));
        auto opened = source.open();
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, CameraError::Code::Busy);
        QVERIFY(opened.error().isRetryable());
    }

    void next_notOpen_notOpenError() {
        V4l2Source source(QStringLiteral("/dev/video-kiosk-absent"));
        QCOMPARE(source.next().error().code, CameraError::Code::NotOpen);
    }

    void makeFrameSource_devicePaths_areV4l2() {
        QVERIFY(dynamic_cast<V4l2Source*>(makeFrameSource(QStringLiteral("/dev/video0")).get()));
        auto prefixed = makeFrameSource(QStringLiteral("v4l2:/dev/video3"));
        QVERIFY(dynamic_cast<V4l2Source*>(prefixed.get()));
        QCOMPARE(prefixed->description(), QStringLiteral("/dev/video3"));
    }
};

QTEST_GUILESS_MAIN(TestV4l2Source)
#include "tst_v4l2_source.moc"
