// Fleet messages from the network: the input is tried as a whole envelope
// (size, JSON, signature checks) and, signed with a trusted test key, as a
// bundle and a command payload (schema, target, window, merge into kiosk.json).
#include "messages.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <cstddef>
#include <cstdint>

using namespace kiosk::fleet;

namespace {

const SigningKey& key() {
    static const SigningKey k = *SigningKey::generate();
    return k;
}

QJsonObject running() {
    return QJsonObject{{QStringLiteral("kiosk"),
                        QJsonObject{{QStringLiteral("id"), QStringLiteral("KIOSK-F-0001")}}}};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray input(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const QList<QByteArray> trusted{key().publicRaw()};
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1795000000, Qt::UTC);
    const Limits limits;
    (void)openEnvelope(input, limits.maxBundleBytes, trusted);
    auto sealed = seal(input, key());
    if (!sealed) {
        return 0;
    }
    auto opened = openEnvelope(*sealed, limits.maxBundleBytes, trusted);
    if (!opened) {
        return 0;
    }
    if (auto b = parseBundle(*opened, QStringLiteral("KIOSK-F-0001"), QStringLiteral("grp"), now)) {
        (void)candidateConfig(running(), *b);
    }
    if (auto c =
            parseCommand(*opened, QStringLiteral("KIOSK-F-0001"), QStringLiteral("grp"), now)) {
        ReplayGuard guard(4);
        (void)guard.admit(*c, now, 120);
        (void)guard.admit(*c, now, 120);
    }
    return 0;
}
