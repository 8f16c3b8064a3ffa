#include "frame_source.h"

#include <QDir>
#include <QFileInfo>
#include <QImageReader>
#include <QLoggingCategory>
#include <chrono>
#include <cmath>
#include <exception>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

Q_LOGGING_CATEGORY(lcCamera, "kiosk.drivers.camera")

namespace kiosk::camera {
namespace {

using Code = CameraError::Code;

QString what(const std::exception& e) {
    return QStringLiteral("opencv: ") + QString::fromLocal8Bit(e.what());
}

// 3-channel 8-bit BGR whatever the decoder gave (grey PGM, BGRA PNG).
cv::Mat toBgr(const cv::Mat& in) {
    if (in.type() == CV_8UC3)
        return in;
    cv::Mat out;
    if (in.channels() == 1)
        cv::cvtColor(in, out, cv::COLOR_GRAY2BGR);
    else if (in.channels() == 4)
        cv::cvtColor(in, out, cv::COLOR_BGRA2BGR);
    else
        in.convertTo(out, CV_8UC3);
    return out;
}

// Digit runs compare by value, everything else by character; QCollator's
// numeric mode depends on the locale backend, this does not.
bool naturalLess(const QString& a, const QString& b) {
    int i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i].isDigit() && b[j].isDigit()) {
            int ei = i, ej = j;
            while (ei < a.size() && a[ei].isDigit())
                ++ei;
            while (ej < b.size() && b[ej].isDigit())
                ++ej;
            const QString na = a.mid(i, ei - i), nb = b.mid(j, ej - j);
            const qulonglong va = na.toULongLong(), vb = nb.toULongLong();
            if (va != vb)
                return va < vb;
            i = ei;
            j = ej;
        } else {
            if (a[i] != b[j])
                return a[i] < b[j];
            ++i;
            ++j;
        }
    }
    return a.size() - i < b.size() - j;
}

}  // namespace

QImage toQImage(const cv::Mat& bgr) {
    if (bgr.empty())
        return {};
    cv::Mat rgb;
    cv::cvtColor(toBgr(bgr), rgb, cv::COLOR_BGR2RGB);
    QImage view(rgb.data, rgb.cols, rgb.rows, int(rgb.step), QImage::Format_RGB888);
    return view.copy();  // detach from the Mat's buffer
}

cv::Mat fromQImage(const QImage& image) {
    if (image.isNull())
        return {};
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    cv::Mat view(rgb.height(), rgb.width(), CV_8UC3, const_cast<uchar*>(rgb.constBits()),
                 size_t(rgb.bytesPerLine()));
    cv::Mat bgr;
    cv::cvtColor(view, bgr, cv::COLOR_RGB2BGR);
    return bgr;
}

bool isImageFile(const QString& path) {
    return ImageSequenceSource::imageSuffixes().contains(QFileInfo(path).suffix().toLower());
}

// --- VideoFileSource -------------------------------------------------------

struct VideoFileSource::State {
    cv::VideoCapture capture;
    double fps = 0;
    QSize size;
    qint64 index = 0;
    qint64 lastMs = -1;
};

VideoFileSource::VideoFileSource(QString path) : m_path(std::move(path)) {}
VideoFileSource::~VideoFileSource() = default;

Result<void, CameraError> VideoFileSource::open() {
    close();
    if (!QFileInfo(m_path).isFile())
        return fail(
            cameraError(Code::NotFound, QStringLiteral("no such video file: %1").arg(m_path)));
    try {
        auto state = std::make_unique<State>();
        if (!state->capture.open(m_path.toStdString(), cv::CAP_FFMPEG) ||
            !state->capture.isOpened())
            return fail(cameraError(Code::Unreadable,
                                    QStringLiteral("cannot decode video: %1").arg(m_path)));
        state->fps = state->capture.get(cv::CAP_PROP_FPS);
        if (!(state->fps > 0 && state->fps < 1000))
            state->fps = 0;
        state->size = QSize(int(state->capture.get(cv::CAP_PROP_FRAME_WIDTH)),
                            int(state->capture.get(cv::CAP_PROP_FRAME_HEIGHT)));
        m_state = std::move(state);
        return {};
    } catch (const std::exception& e) {
        return fail(cameraError(Code::Internal, what(e)));
    }
}

Result<Frame, CameraError> VideoFileSource::next() {
    if (!m_state)
        return fail(cameraError(Code::NotOpen, QStringLiteral("video source not open")));
    try {
        Frame frame;
        if (!m_state->capture.read(frame.image) || frame.image.empty())
            return fail(cameraError(Code::EndOfStream, QStringLiteral("end of %1").arg(m_path)));
        frame.image = toBgr(frame.image);
        frame.index = m_state->index++;
        // The container's presentation time of this frame; a stream without
        // usable times falls back to index / fps, still independent of speed.
        const double posMs = m_state->capture.get(cv::CAP_PROP_POS_MSEC);
        qint64 ms = qint64(std::llround(posMs));
        if (!(posMs >= 0) || ms <= m_state->lastMs)
            ms = m_state->fps > 0 ? qint64(std::llround(frame.index * 1000.0 / m_state->fps))
                                  : m_state->lastMs + 40;
        if (ms <= m_state->lastMs)
            ms = m_state->lastMs + 1;
        frame.timestampMs = ms;
        m_state->lastMs = ms;
        return frame;
    } catch (const std::exception& e) {
        return fail(cameraError(Code::Internal, what(e)));
    }
}

void VideoFileSource::close() {
    m_state.reset();
}

bool VideoFileSource::isOpen() const {
    return bool(m_state);
}

double VideoFileSource::nominalFps() const {
    return m_state ? m_state->fps : 0;
}

QSize VideoFileSource::frameSize() const {
    return m_state ? m_state->size : QSize();
}

QString VideoFileSource::description() const {
    return m_path;
}

// --- ImageSequenceSource ---------------------------------------------------

QStringList ImageSequenceSource::imageSuffixes() {
    return {QStringLiteral("jpg"),  QStringLiteral("jpeg"), QStringLiteral("png"),
            QStringLiteral("bmp"),  QStringLiteral("pgm"),  QStringLiteral("ppm"),
            QStringLiteral("webp"), QStringLiteral("tif"),  QStringLiteral("tiff")};
}

ImageSequenceSource::ImageSequenceSource(QString folder, double fps)
    : m_folder(std::move(folder)), m_fps(fps) {}

ImageSequenceSource::ImageSequenceSource(QStringList files, double fps)
    : m_files(std::move(files)), m_fps(fps) {}

ImageSequenceSource::~ImageSequenceSource() = default;

Result<void, CameraError> ImageSequenceSource::open() {
    close();
    if (!(m_fps > 0))
        return fail(cameraError(Code::BadArgument, QStringLiteral("image sequence needs fps > 0")));
    if (!m_folder.isEmpty()) {
        QDir dir(m_folder);
        if (!dir.exists())
            return fail(
                cameraError(Code::NotFound, QStringLiteral("no such folder: %1").arg(m_folder)));
        QStringList filters;
        for (const QString& s : imageSuffixes())
            filters << QStringLiteral("*.") + s << QStringLiteral("*.") + s.toUpper();
        QStringList names = dir.entryList(filters, QDir::Files);
        std::sort(names.begin(), names.end(), naturalLess);  // frame2 before frame10
        m_files.clear();
        for (const QString& n : names)
            m_files << dir.filePath(n);
    }
    if (m_files.isEmpty())
        return fail(cameraError(Code::BadArgument, QStringLiteral("no images in the sequence")));
    for (const QString& f : m_files)
        if (!QFileInfo(f).isFile())
            return fail(cameraError(Code::NotFound, QStringLiteral("no such image: %1").arg(f)));
    m_next = 0;
    m_size = QSize();
    return {};
}

Result<Frame, CameraError> ImageSequenceSource::next() {
    if (m_next < 0)
        return fail(cameraError(Code::NotOpen, QStringLiteral("image sequence not open")));
    if (m_next >= m_files.size())
        return fail(cameraError(Code::EndOfStream, QStringLiteral("end of image sequence")));
    const QString path = m_files.at(int(m_next));
    // The header tells the size before any pixel is decoded.
    QImageReader header(path);
    const QSize declared = header.size();
    if (declared.isValid() && qint64(declared.width()) * declared.height() > kMaxPixels)
        return fail(cameraError(Code::TooLarge,
                                QStringLiteral("image over the pixel limit: %1").arg(path)));
    try {
        cv::Mat img = cv::imread(path.toStdString(), cv::IMREAD_COLOR);  // applies EXIF orientation
        if (img.empty())
            return fail(
                cameraError(Code::Unreadable, QStringLiteral("cannot decode image: %1").arg(path)));
        Frame frame;
        frame.image = toBgr(img);
        frame.index = m_next;
        frame.timestampMs = qint64(std::llround(m_next * 1000.0 / m_fps));
        m_size = QSize(frame.image.cols, frame.image.rows);
        ++m_next;
        return frame;
    } catch (const std::exception& e) {
        return fail(cameraError(Code::Internal, what(e)));
    }
}

void ImageSequenceSource::close() {
    m_next = -1;
}

bool ImageSequenceSource::isOpen() const {
    return m_next >= 0;
}

QString ImageSequenceSource::description() const {
    if (!m_folder.isEmpty())
        return m_folder;
    return m_files.size() == 1 ? m_files.front() : QStringLiteral("%1 images").arg(m_files.size());
}

// --- V4l2Source ------------------------------------------------------------

struct V4l2Source::State {
    cv::VideoCapture capture;
    std::chrono::steady_clock::time_point start;
    qint64 index = 0;
    qint64 lastMs = -1;
    double fps = 0;
    QSize size;
};

V4l2Source::V4l2Source(QString device, Options options)
    : m_device(std::move(device)), m_options(options) {}
V4l2Source::~V4l2Source() = default;

Result<void, CameraError> V4l2Source::open() {
    close();
    if (!QFileInfo::exists(m_device))
        return fail(cameraError(Code::NoDevice, QStringLiteral("no camera at %1").arg(m_device)));
    try {
        auto state = std::make_unique<State>();
        if (!state->capture.open(m_device.toStdString(), cv::CAP_V4L2) ||
            !state->capture.isOpened())
            return fail(
                cameraError(Code::Busy, QStringLiteral("cannot open camera %1 (in use, or not a "
                                                       "capture device)")
                                            .arg(m_device)));
        state->capture.set(cv::CAP_PROP_FRAME_WIDTH, m_options.size.width());
        state->capture.set(cv::CAP_PROP_FRAME_HEIGHT, m_options.size.height());
        state->capture.set(cv::CAP_PROP_FPS, m_options.fps);
        state->capture.set(cv::CAP_PROP_BUFFERSIZE, 1);  // latest frame, not a backlog
        state->fps = state->capture.get(cv::CAP_PROP_FPS);
        state->size = QSize(int(state->capture.get(cv::CAP_PROP_FRAME_WIDTH)),
                            int(state->capture.get(cv::CAP_PROP_FRAME_HEIGHT)));
        state->start = std::chrono::steady_clock::now();
        qCInfo(lcCamera) << "camera" << m_device << "open at" << state->size << state->fps << "fps";
        m_state = std::move(state);
        return {};
    } catch (const std::exception& e) {
        return fail(cameraError(Code::Internal, what(e)));
    }
}

Result<Frame, CameraError> V4l2Source::next() {
    if (!m_state)
        return fail(cameraError(Code::NotOpen, QStringLiteral("camera not open")));
    try {
        Frame frame;
        if (!m_state->capture.read(frame.image) || frame.image.empty())
            return fail(cameraError(Code::ReadFailed,
                                    QStringLiteral("camera %1 delivered no frame").arg(m_device)));
        const auto now = std::chrono::steady_clock::now();
        qint64 ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(now - m_state->start).count();
        if (ms <= m_state->lastMs)
            ms = m_state->lastMs + 1;
        m_state->lastMs = ms;
        frame.image = toBgr(frame.image);
        frame.timestampMs = ms;
        frame.index = m_state->index++;
        return frame;
    } catch (const std::exception& e) {
        return fail(cameraError(Code::Internal, what(e)));
    }
}

void V4l2Source::close() {
    m_state.reset();
}

bool V4l2Source::isOpen() const {
    return bool(m_state);
}

double V4l2Source::nominalFps() const {
    return m_state ? m_state->fps : 0;
}

QSize V4l2Source::frameSize() const {
    return m_state ? m_state->size : QSize();
}

// --- factory ---------------------------------------------------------------

std::unique_ptr<FrameSource> makeFrameSource(const QString& input, double imageFps) {
    const QString v4l2Prefix = QStringLiteral("v4l2:");
    if (input.startsWith(v4l2Prefix))
        return std::make_unique<V4l2Source>(input.mid(v4l2Prefix.size()));
    if (input.startsWith(QStringLiteral("/dev/video")))
        return std::make_unique<V4l2Source>(input);
    if (QFileInfo(input).isDir())
        return std::make_unique<ImageSequenceSource>(input, imageFps);
    if (isImageFile(input))
        return std::make_unique<ImageSequenceSource>(QStringList{input}, imageFps);
    return std::make_unique<VideoFileSource>(input);
}

}  // namespace kiosk::camera
