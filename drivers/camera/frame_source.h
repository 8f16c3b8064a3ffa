// FrameSource: where camera frames come from. The kiosk reads a V4L2 webcam;
// tests, the demo and the evaluation programs read recorded clips and image
// sequences through the same interface, so a result never depends on which one
// (or on how fast the machine is: file sources stamp frames with the file's own
// times, not the wall clock).
#pragma once

#include "camera_error.h"
#include "result.h"

#include <QImage>
#include <QSize>
#include <QString>
#include <QStringList>
#include <memory>
#include <opencv2/core/mat.hpp>

namespace kiosk::camera {

struct Frame {
    cv::Mat image;           // 8-bit BGR (CV_8UC3), owned by the frame
    qint64 timestampMs = 0;  // monotonic within one source, starts near 0
    qint64 index = 0;        // 0-based position in the stream
};

// RGB888 copy of a frame's image, for the Qt-based parts (vision/face, the UI).
QImage toQImage(const cv::Mat& bgr);
// BGR copy of a QImage (any format).
cv::Mat fromQImage(const QImage& image);

// Not thread-safe: one reader thread per source. next() blocks for a live
// device (until a frame or a read error), never for files.
class FrameSource {
public:
    virtual ~FrameSource() = default;

    virtual Result<void, CameraError> open() = 0;
    // The next frame, EndOfStream after the last one of a file source.
    virtual Result<Frame, CameraError> next() = 0;
    virtual void close() = 0;
    virtual bool isOpen() const = 0;

    // Frames per second the source says it delivers (0 when unknown).
    virtual double nominalFps() const = 0;
    // Size of the frames once open (invalid when unknown).
    virtual QSize frameSize() const = 0;
    // For logs: a path or device, never content.
    virtual QString description() const = 0;
};

// A recorded clip through OpenCV's VideoCapture (FFmpeg). Timestamps are the
// file's presentation times.
class VideoFileSource final : public FrameSource {
public:
    explicit VideoFileSource(QString path);
    ~VideoFileSource() override;

    Result<void, CameraError> open() override;
    Result<Frame, CameraError> next() override;
    void close() override;
    bool isOpen() const override;
    double nominalFps() const override;
    QSize frameSize() const override;
    QString description() const override;

private:
    struct State;
    QString m_path;
    std::unique_ptr<State> m_state;
};

// Still images played as a stream at a given rate: a folder (files sorted by
// name, numbers in natural order) or an explicit list. A single image is a
// one-frame sequence. EXIF orientation is applied.
class ImageSequenceSource final : public FrameSource {
public:
    static constexpr qint64 kMaxPixels = 24'000'000;

    ImageSequenceSource(QString folder, double fps);
    ImageSequenceSource(QStringList files, double fps);
    ~ImageSequenceSource() override;

    Result<void, CameraError> open() override;
    Result<Frame, CameraError> next() override;
    void close() override;
    bool isOpen() const override;
    double nominalFps() const override { return m_fps; }
    QSize frameSize() const override { return m_size; }
    QString description() const override;

    QStringList files() const { return m_files; }

    // Image file suffixes a folder is scanned for.
    static QStringList imageSuffixes();

private:
    QString m_folder;
    QStringList m_files;
    double m_fps;
    qint64 m_next = -1;  // -1: closed
    QSize m_size;
};

// A V4L2 webcam through OpenCV (CAP_V4L2). Timestamps come from the monotonic
// clock at capture, relative to open().
class V4l2Source final : public FrameSource {
public:
    struct Options {
        QSize size{640, 480};
        double fps = 30;
    };

    // `device` is a node such as /dev/video0.
    explicit V4l2Source(QString device, Options options);
    explicit V4l2Source(QString device) : V4l2Source(std::move(device), Options{}) {}
    ~V4l2Source() override;

    Result<void, CameraError> open() override;
    Result<Frame, CameraError> next() override;
    void close() override;
    bool isOpen() const override;
    double nominalFps() const override;
    QSize frameSize() const override;
    QString description() const override { return m_device; }

private:
    struct State;
    QString m_device;
    Options m_options;
    std::unique_ptr<State> m_state;
};

// Picks the source for a command-line input: /dev/video* or "v4l2:/dev/videoN"
// -> V4l2Source; a folder or an image file -> ImageSequenceSource at `fps`;
// anything else -> VideoFileSource. Not opened yet.
std::unique_ptr<FrameSource> makeFrameSource(const QString& input, double imageFps = 25);

// True when `path` names a still image by its suffix.
bool isImageFile(const QString& path);

}  // namespace kiosk::camera
