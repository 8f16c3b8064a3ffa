#include "key_store.h"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>
#include <QDir>
#include <QFileInfo>
#include <QMessageAuthenticationCode>
#include <cerrno>
#include <cstring>

namespace kiosk::store {

DeviceKey::~DeviceKey() {
    secureWipe(m_bytes.data(), m_bytes.size());
}

Result<DeviceKey, StoreError> DeviceKey::generate() {
    DeviceKey key;
    std::size_t filled = 0;
    while (filled < kSize) {
        const ssize_t n = ::getrandom(key.m_bytes.data() + filled, kSize - filled, 0);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return fail(StoreError{StoreError::Code::KeyStore,
                                   QStringLiteral("no random bytes for a new key: %1")
                                       .arg(QString::fromLocal8Bit(std::strerror(errno)))});
        }
        filled += static_cast<std::size_t>(n);
    }
    return key;
}

DeviceKey DeviceKey::fromBytes(const std::array<std::uint8_t, kSize>& bytes) {
    DeviceKey key;
    key.m_bytes = bytes;
    return key;
}

QByteArray DeviceKey::checkValue() const {
    const QByteArray keyBytes(reinterpret_cast<const char*>(m_bytes.data()), kSize);
    QByteArray mac = QMessageAuthenticationCode::hash("smart-kiosk store key check v1", keyBytes,
                                                      QCryptographicHash::Sha256);
    QByteArray out = mac.left(16).toHex();
    secureWipe(mac.data(), static_cast<std::size_t>(mac.size()));
    return out;
}

bool DeviceKey::operator==(const DeviceKey& other) const {
    return m_bytes == other.m_bytes;
}

namespace {

StoreError keyError(const QString& what, int err) {
    return {StoreError::Code::KeyStore,
            QStringLiteral("%1: %2").arg(what, QString::fromLocal8Bit(std::strerror(err)))};
}

Result<void, StoreError> fsyncDir(const QString& dir) {
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        return fail(keyError(dir, errno));
    }
    ::fsync(fd);
    ::close(fd);
    return {};
}

}  // namespace

FileKeyStore::FileKeyStore(QString path) : m_path(std::move(path)) {}

QString FileKeyStore::defaultPath(const QString& dataDir) {
    return dataDir + QStringLiteral("/keys/store.key");
}

Result<std::optional<DeviceKey>, StoreError> FileKeyStore::read(const QString& path) {
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        if (errno == ENOENT) {
            return std::optional<DeviceKey>{};
        }
        return fail(keyError(path, errno));
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int e = errno;
        ::close(fd);
        return fail(keyError(path, e));
    }
    if ((st.st_mode & 077) != 0) {
        ::close(fd);
        return fail(StoreError{StoreError::Code::KeyStore,
                               QStringLiteral("%1: others may read the key file (mode %2); it must "
                                              "be 0600 and the key should be rotated")
                                   .arg(path)
                                   .arg(st.st_mode & 0777, 4, 8, QLatin1Char('0'))});
    }
    std::array<std::uint8_t, DeviceKey::kSize> bytes{};
    std::size_t got = 0;
    while (got < bytes.size()) {
        const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        got += static_cast<std::size_t>(n);
    }
    std::uint8_t extra = 0;
    const bool trailing = got == bytes.size() && ::read(fd, &extra, 1) > 0;
    ::close(fd);
    if (got != bytes.size() || trailing) {
        secureWipe(bytes.data(), bytes.size());
        return fail(
            StoreError{StoreError::Code::KeyStore,
                       QStringLiteral("%1: not a %2-byte key").arg(path).arg(DeviceKey::kSize)});
    }
    std::optional<DeviceKey> key = DeviceKey::fromBytes(bytes);
    secureWipe(bytes.data(), bytes.size());
    return key;
}

// Writes a temporary file (0600), fsyncs it, then publishes it: link() when
// the target must not exist yet (two processes racing to create a key agree on
// one), rename() when replacing.
Result<void, StoreError> FileKeyStore::write(const QString& path, const DeviceKey& key,
                                             bool replace) {
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir)) {
        return fail(
            StoreError{StoreError::Code::KeyStore, QStringLiteral("cannot create %1").arg(dir)});
    }
    ::chmod(QFile::encodeName(dir).constData(), 0700);
    const QString tmp = path + QStringLiteral(".tmp-%1").arg(::getpid());
    const QByteArray nativeTmp = QFile::encodeName(tmp);
    ::unlink(nativeTmp.constData());
    const int fd = ::open(nativeTmp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        return fail(keyError(tmp, errno));
    }
    const auto& bytes = key.bytes();
    const bool ok = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()) &&
                    ::fsync(fd) == 0;
    const int writeErr = errno;
    ::close(fd);
    if (!ok) {
        ::unlink(nativeTmp.constData());
        return fail(keyError(tmp, writeErr));
    }
    const QByteArray nativePath = QFile::encodeName(path);
    const int rc = replace ? ::rename(nativeTmp.constData(), nativePath.constData())
                           : ::link(nativeTmp.constData(), nativePath.constData());
    const int publishErr = errno;
    ::unlink(nativeTmp.constData());
    if (rc != 0) {
        if (!replace && publishErr == EEXIST) {
            return fail(
                StoreError{StoreError::Code::KeyStore,
                           QStringLiteral("%1 exists already; not overwriting a key").arg(path)});
        }
        return fail(keyError(path, publishErr));
    }
    return fsyncDir(dir);
}

Result<std::optional<DeviceKey>, StoreError> FileKeyStore::load() {
    return read(m_path);
}

Result<void, StoreError> FileKeyStore::create(const DeviceKey& key) {
    return write(m_path, key, false);
}

Result<void, StoreError> FileKeyStore::stage(const DeviceKey& next) {
    return write(stagedPath(), next, true);
}

Result<std::optional<DeviceKey>, StoreError> FileKeyStore::staged() {
    return read(stagedPath());
}

Result<void, StoreError> FileKeyStore::promoteStaged() {
    if (::rename(QFile::encodeName(stagedPath()).constData(),
                 QFile::encodeName(m_path).constData()) != 0) {
        return fail(keyError(stagedPath(), errno));
    }
    return fsyncDir(QFileInfo(m_path).absolutePath());
}

Result<void, StoreError> FileKeyStore::discardStaged() {
    if (::unlink(QFile::encodeName(stagedPath()).constData()) != 0 && errno != ENOENT) {
        return fail(keyError(stagedPath(), errno));
    }
    return {};
}

}  // namespace kiosk::store
