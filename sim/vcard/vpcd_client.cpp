#include "vpcd_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cerrno>
#include <chrono>

namespace kiosk::sim::vcard {

namespace {
enum Control : quint8 { kPowerOff = 0x00, kPowerOn = 0x01, kReset = 0x02, kGetAtr = 0x04 };
}

VpcdClient::~VpcdClient() {
    closeSocket();
}

Result<void, QString> VpcdClient::connectTo(quint16 port, int timeoutMs) {
    using namespace std::chrono;
    const auto until = steady_clock::now() + milliseconds(timeoutMs);
    for (;;) {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            return fail(QStringLiteral("socket: %1").arg(QString::fromLocal8Bit(strerror(errno))));
        }
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
            const int one = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // APDUs are tiny
            m_fd = fd;
            return {};
        }
        const int err = errno;
        ::close(fd);
        if (steady_clock::now() >= until) {
            return fail(QStringLiteral(
                            "cannot reach vpcd on 127.0.0.1:%1: %2 (is pcscd with vpcd running?)")
                            .arg(port)
                            .arg(QString::fromLocal8Bit(strerror(err))));
        }
        std::this_thread::sleep_for(milliseconds(50));
    }
}

bool VpcdClient::readExact(char* into, size_t n) {
    size_t got = 0;
    while (got < n) {
        // vpcd writes the length and the body with separate send() calls on a
        // socket with Nagle on: unless we ACK the length at once, the body waits
        // for our delayed ACK (~40 ms per message). QUICKACK is not sticky, so
        // it is set before every read.
        const int one = 1;
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
        const ssize_t r = ::recv(m_fd, into + got, n - got, 0);
        if (r <= 0) {
            if (r < 0 && errno == EINTR) {
                continue;
            }
            return false;
        }
        got += static_cast<size_t>(r);
    }
    return true;
}

bool VpcdClient::writeMessage(const QByteArray& payload) {
    QByteArray msg;
    msg.append(static_cast<char>((payload.size() >> 8) & 0xFF));
    msg.append(static_cast<char>(payload.size() & 0xFF));
    msg.append(payload);
    qsizetype sent = 0;
    while (sent < msg.size()) {
        const ssize_t r = ::send(m_fd, msg.constData() + sent,
                                 static_cast<size_t>(msg.size() - sent), MSG_NOSIGNAL);
        if (r <= 0) {
            if (r < 0 && errno == EINTR) {
                continue;
            }
            return false;
        }
        sent += r;
    }
    return true;
}

QString VpcdClient::serve() {
    const CardProfile& profile = m_card.profile();
    QString reason = QStringLiteral("vpcd closed the connection");
    while (!m_stopping) {
        unsigned char header[2];
        if (!readExact(reinterpret_cast<char*>(header), 2)) {
            break;
        }
        const size_t length = (static_cast<size_t>(header[0]) << 8) | header[1];
        QByteArray payload(static_cast<qsizetype>(length), '\0');
        if (length > 0 && !readExact(payload.data(), length)) {
            break;
        }
        if (length == 1) {
            switch (static_cast<quint8>(payload[0])) {
                case kPowerOff:
                case kPowerOn:
                case kReset:
                    m_card.reset();  // no answer expected
                    break;
                case kGetAtr:
                    if (!writeMessage(m_card.atr())) {
                        reason = QStringLiteral("write failed");
                        m_stopping = true;
                    }
                    break;
                default:
                    break;  // unknown controls are ignored, as vicc does
            }
            continue;
        }
        const int n = ++m_apdus;
        if (profile.removeAtApdu > 0 && n == profile.removeAtApdu) {
            reason = QStringLiteral("removed at APDU %1 (profile %2)").arg(n).arg(profile.name);
            break;
        }
        if (profile.delayMs > 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(profile.delayMs));
        }
        const QByteArray response = profile.garbageAtApdu > 0 && n == profile.garbageAtApdu
                                        ? QByteArray(1, '\x5A')
                                        : m_card.process(payload);
        if (!writeMessage(response)) {
            reason = QStringLiteral("write failed");
            break;
        }
    }
    if (m_stopping) {
        reason = QStringLiteral("stopped");
    }
    closeSocket();
    return reason;
}

void VpcdClient::stop() {
    m_stopping = true;
    const int fd = m_fd.load();
    if (fd >= 0) {
        ::shutdown(fd, SHUT_RDWR);  // wakes a blocking recv in serve()
    }
}

void VpcdClient::closeSocket() {
    const int fd = m_fd.exchange(-1);
    if (fd >= 0) {
        ::close(fd);
    }
}

Result<std::unique_ptr<VirtualCardSession>, QString> VirtualCardSession::insert(
    VirtualThaiIdCard card, quint16 port, int timeoutMs) {
    std::unique_ptr<VirtualCardSession> s(new VirtualCardSession);
    s->m_client = std::make_unique<VpcdClient>(std::move(card));
    if (auto r = s->m_client->connectTo(port, timeoutMs); !r) {
        return fail(r.error());
    }
    VirtualCardSession* raw = s.get();
    s->m_thread = std::thread([raw] {
        raw->m_reason = raw->m_client->serve();
        raw->m_finished = true;
    });
    return s;
}

void VirtualCardSession::remove() {
    if (m_client) {
        m_client->stop();
    }
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

QString VirtualCardSession::endReason() const {
    return m_finished ? m_reason : QString();
}

}  // namespace kiosk::sim::vcard
