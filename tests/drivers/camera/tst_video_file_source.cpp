#include "frame_source.h"
#include "test_env.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <opencv2/core.hpp>

using namespace kiosk::camera;

class TestVideoFileSource : public QObject {
    Q_OBJECT

private:
    static QString clip(const char* name) {
        return kiosk::test::sharedDataDir() + QStringLiteral("/video/") + QLatin1String(name);
    }

private slots:
    void open_clip_reportsSizeAndFps() {
        const QString path = clip("katie_hill_talk.mp4");
        QVERIFY2(QFileInfo::exists(path), qPrintable(QStringLiteral("missing test clip ") + path));
        VideoFileSource source(path);
        auto opened = source.open();
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().summary()));
        QCOMPARE(source.frameSize(), QSize(512, 512));
        QVERIFY(qAbs(source.nominalFps() - 25.0) < 0.01);
    }

    void next_wholeClip_timestampsFollowFileTimes() {
        const QString path = clip("katie_hill_talk.mp4");
        QVERIFY2(QFileInfo::exists(path), qPrintable(QStringLiteral("missing test clip ") + path));
        VideoFileSource source(path);
        QVERIFY(source.open());
        qint64 count = 0, lastMs = -1;
        for (;;) {
            auto frame = source.next();
            if (!frame) {
                QCOMPARE(frame.error().code, CameraError::Code::EndOfStream);
                break;
            }
            QCOMPARE(frame->index, count);
            QCOMPARE(frame->image.type(), CV_8UC3);
            QCOMPARE(frame->image.cols, 512);
            QVERIFY(frame->timestampMs > lastMs);
            // 25 fps: frame n is shown at n * 40 ms (the container's times).
            QVERIFY2(
                qAbs(frame->timestampMs - count * 40) <= 1,
                qPrintable(QStringLiteral("frame %1 at %2 ms").arg(count).arg(frame->timestampMs)));
            lastMs = frame->timestampMs;
            ++count;
        }
        QCOMPARE(count, qint64(200));  // 8.0 s at 25 fps
        // Reading on after the end stays at the end.
        QCOMPARE(source.next().error().code, CameraError::Code::EndOfStream);
    }

    void next_beforeOpen_notOpen() {
        VideoFileSource source(clip("katie_hill_talk.mp4"));
        auto frame = source.next();
        QVERIFY(!frame);
        QCOMPARE(frame.error().codeName(), QStringLiteral("not_open"));
    }

    void open_missingFile_notFound() {
        VideoFileSource source(QStringLiteral("/nonexistent/clip.mp4"));
        auto opened = source.open();
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, CameraError::Code::NotFound);
        QVERIFY(!opened.error().isRetryable());
    }

    void open_notAVideo_unreadable() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("junk.mp4"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        VideoFileSource source(path);
        auto opened = source.open();
        if (opened) {
            // Some FFmpeg builds accept the container and fail on the first frame.
            auto frame = source.next();
            QVERIFY(!frame);
        } else {
            QCOMPARE(opened.error().code, CameraError::Code::Unreadable);
        }
    }

    void makeFrameSource_videoPath_isVideoSource() {
        auto source = makeFrameSource(clip("webcam_turns.mp4"));
        QVERIFY(dynamic_cast<VideoFileSource*>(source.get()));
        QVERIFY(source->open());
        auto frame = source->next();
        QVERIFY(frame);
        QCOMPARE(frame->image.cols, 400);
        QCOMPARE(frame->image.rows, 300);
        const QImage q = toQImage(frame->image);
        QCOMPARE(q.size(), QSize(400, 300));
        const cv::Mat back = fromQImage(q);
        QCOMPARE(cv::norm(back, frame->image, cv::NORM_INF), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestVideoFileSource)
#include "tst_video_file_source.moc"
