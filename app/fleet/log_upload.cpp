#include "log_upload.h"

#include "log_redaction.h"
#include "topics.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

namespace kiosk::fleet {

Result<QJsonObject, QString> uploadRedactedLogs(FleetTransport& transport,
                                                const LogUploadOptions& options,
                                                const QStringList& lines) {
    const QJsonObject bundle = maintenance::redactedLogBundle(options.kioskId, lines);
    const QByteArray bytes = QJsonDocument(bundle).toJson(QJsonDocument::Compact);
    const QString id =
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'-")) +
        QString::fromLatin1(
            QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().left(8));

    QString stored;
    if (QDir().mkpath(options.folder)) {
        QFile::setPermissions(options.folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                  QFileDevice::ExeOwner);
        QSaveFile f(options.folder + QStringLiteral("/logs-") + id + QStringLiteral(".json"));
        if (f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size() && f.commit()) {
            stored = f.fileName();
        }
        QDir dir(options.folder);
        const QStringList old =
            dir.entryList({QStringLiteral("logs-*.json")}, QDir::Files, QDir::Name);
        for (qsizetype i = 0; i + options.maxFiles < old.size(); ++i) {
            dir.remove(old.at(i));
        }
    }

    const QString topic = topics::kiosk(options.kioskId, "logs");
    const int count = static_cast<int>((bytes.size() + kLogChunkBytes - 1) / kLogChunkBytes);
    int sent = 0;
    for (int i = 0; i < count; ++i) {
        const QJsonObject chunk{
            {QStringLiteral("bundle"), id},
            {QStringLiteral("seq"), i},
            {QStringLiteral("of"), count},
            {QStringLiteral("data"),
             QString::fromLatin1(
                 bytes.mid(static_cast<qsizetype>(i) * kLogChunkBytes, kLogChunkBytes)
                     .toBase64())}};
        if (!transport.publish(topic, QJsonDocument(chunk).toJson(QJsonDocument::Compact), false,
                               1)) {
            break;
        }
        ++sent;
    }
    if (sent == 0 && stored.isEmpty()) {
        return fail(QStringLiteral("logs could neither be published nor stored"));
    }
    QJsonObject out{{QStringLiteral("bundle"), id},
                    {QStringLiteral("lines"), static_cast<int>(lines.size())},
                    {QStringLiteral("bytes"), static_cast<int>(bytes.size())},
                    {QStringLiteral("chunks"), count},
                    {QStringLiteral("published"), sent},
                    {QStringLiteral("topic"), topic}};
    if (!stored.isEmpty()) {
        out.insert(QStringLiteral("stored"), stored);
    }
    return out;
}

bool LogChunkCollector::add(const QByteArray& chunkMessage) {
    const QJsonObject o = QJsonDocument::fromJson(chunkMessage).object();
    const QString id = o.value(QLatin1String("bundle")).toString();
    const int seq = o.value(QLatin1String("seq")).toInt(-1);
    const int of = o.value(QLatin1String("of")).toInt(0);
    if (id.isEmpty() || of <= 0 || of > 4096 || seq < 0 || seq >= of) {
        return false;
    }
    if (id != m_id || m_parts.size() != of) {
        m_id = id;
        m_parts = QList<QByteArray>(of);
        m_have = 0;
        m_done.clear();
    }
    if (m_parts[seq].isNull()) {
        m_parts[seq] = QByteArray::fromBase64(o.value(QLatin1String("data")).toString().toLatin1());
        ++m_have;
    }
    if (m_have < of) {
        return false;
    }
    m_done = m_parts.join();
    return true;
}

}  // namespace kiosk::fleet
