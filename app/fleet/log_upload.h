// The `upload-logs` remote command: the kiosk's recent log lines, redacted
// again (CIDs masked, Thai text, e-mail addresses and long numbers removed),
// kept as a file in <data>/fleet/logs/ for the operator and published in
// chunks on kiosk/v1/k/<id>/logs (QoS 1, not retained). `kiosk-fleet logs`
// collects the chunks and writes the bundle.
#pragma once

#include "fleet_transport.h"
#include "result.h"

#include <QJsonObject>
#include <QStringList>

namespace kiosk::fleet {

// Chunk payload size before base64: well under the broker's message limits.
inline constexpr int kLogChunkBytes = 32 * 1024;

struct LogUploadOptions {
    QString kioskId;
    QString folder;    // where the bundle file is kept (created, 0700)
    int maxFiles = 5;  // older bundle files are removed
};

// Builds the redacted bundle from `lines`, stores it and publishes it.
// Returns {"bundle", "lines", "bytes", "chunks", "topic", "stored"}; an error
// when the file cannot be written and the transport refuses the first chunk.
Result<QJsonObject, QString> uploadRedactedLogs(FleetTransport& transport,
                                                const LogUploadOptions& options,
                                                const QStringList& lines);

// Reassembles chunks ({"bundle","seq","of","data"}) into the bundle's JSON
// bytes; empty until every chunk of one bundle is there.
class LogChunkCollector {
public:
    // Returns true when this chunk completed its bundle.
    bool add(const QByteArray& chunkMessage);
    QByteArray bundle() const { return m_done; }

private:
    QString m_id;
    QList<QByteArray> m_parts;
    int m_have = 0;
    QByteArray m_done;
};

}  // namespace kiosk::fleet
