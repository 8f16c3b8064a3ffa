#include "local_socket.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <cstring>

namespace kiosk {

bool unixSocketAnswers(const QString& path) {
    const QByteArray native = path.toLocal8Bit();
    sockaddr_un addr{};
    if (native.size() >= static_cast<qsizetype>(sizeof(addr.sun_path))) {
        return false;
    }
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return false;
    }
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, native.constData(), static_cast<size_t>(native.size()));
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
    ::close(fd);
    return ok;
}

}  // namespace kiosk
