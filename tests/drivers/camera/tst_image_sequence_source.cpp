#include "frame_source.h"
#include "test_env.h"

#include <QFileInfo>
#include <QImageReader>
#include <QTemporaryDir>
#include <QTest>
#include <opencv2/imgcodecs.hpp>

using namespace kiosk::camera;

class TestImageSequenceSource : public QObject {
    Q_OBJECT

private:
    // Writes the first `n` frames of a shared clip as frame1.png .. frameN.png.
    static bool writeFrames(const QString& dir, int n) {
        VideoFileSource clip(kiosk::test::sharedDataDir() +
                             QStringLiteral("/video/obama_talk_256.mp4"));
        if (!clip.open())
            return false;
        for (int i = 1; i <= n; ++i) {
            auto f = clip.next();
            if (!f)
                return false;
            cv::imwrite(QStringLiteral("%1/frame%2.png").arg(dir).arg(i).toStdString(), f->image);
        }
        return true;
    }

private slots:
    void next_folder_naturalOrderAndGivenFps() {
        QTemporaryDir dir;
        QVERIFY2(writeFrames(dir.path(), 12),
                 "cannot read ../shared/data/video/obama_talk_256.mp4");
        ImageSequenceSource source(dir.path(), 10.0);
        QVERIFY(source.open());
        QCOMPARE(source.files().size(), 12);
        // frame2 comes before frame10 (numeric, not lexical, order).
        QVERIFY(source.files().at(1).endsWith(QStringLiteral("frame2.png")));
        QVERIFY(source.files().at(9).endsWith(QStringLiteral("frame10.png")));
        for (int i = 0; i < 12; ++i) {
            auto frame = source.next();
            QVERIFY(frame);
            QCOMPARE(frame->index, qint64(i));
            QCOMPARE(frame->timestampMs, qint64(i * 100));
            QCOMPARE(frame->image.cols, 256);
        }
        QCOMPARE(source.next().error().code, CameraError::Code::EndOfStream);
        QCOMPARE(source.frameSize(), QSize(256, 256));
    }

    void next_exifRotatedPhoto_uprightFrame() {
        const QString path = kiosk::test::sharedDataDir() + QStringLiteral("/pad/image_T1.jpg");
        QVERIFY2(QFileInfo::exists(path), qPrintable(QStringLiteral("missing ") + path));
        QImageReader reader(path);
        reader.setAutoTransform(true);
        const QImage upright = reader.read();
        QVERIFY(!upright.isNull());
        auto source = makeFrameSource(path);
        QVERIFY(dynamic_cast<ImageSequenceSource*>(source.get()));
        QVERIFY(source->open());
        auto frame = source->next();
        QVERIFY(frame);
        QCOMPARE(QSize(frame->image.cols, frame->image.rows), upright.size());
        QCOMPARE(source->next().error().code, CameraError::Code::EndOfStream);
    }

    void open_emptyFolder_badArgument() {
        QTemporaryDir dir;
        ImageSequenceSource source(dir.path(), 25);
        auto opened = source.open();
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, CameraError::Code::BadArgument);
    }

    void open_zeroFps_badArgument() {
        ImageSequenceSource source(QStringList{QStringLiteral("/tmp/x.png")}, 0);
        QCOMPARE(source.open().error().code, CameraError::Code::BadArgument);
    }

    void open_missingListedImage_notFound() {
        ImageSequenceSource source(QStringList{QStringLiteral("/nonexistent/a.png")}, 25);
        QCOMPARE(source.open().error().code, CameraError::Code::NotFound);
    }

    void next_corruptImage_unreadable() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.jpg"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a jpeg at all");
        f.close();
        ImageSequenceSource source(QStringList{path}, 25);
        QVERIFY(source.open());
        QCOMPARE(source.next().error().code, CameraError::Code::Unreadable);
    }
};

QTEST_GUILESS_MAIN(TestImageSequenceSource)
#include "tst_image_sequence_source.moc"
