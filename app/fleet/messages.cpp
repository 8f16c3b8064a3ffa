#include "messages.h"

#include "config.h"
#include "json_schema.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <mutex>

namespace kiosk::fleet {

namespace {

using Code = FleetError::Code;

const QLatin1String kFormat("smart-kiosk-signed-1");

QByteArray signedBytes(const QByteArray& payload) {
    return QByteArray(kSignatureContext) + payload;
}

const JsonSchema& schemaFor(bool bundle) {
    static std::once_flag once;
    static std::optional<JsonSchema> bundleSchema;
    static std::optional<JsonSchema> commandSchema;
    std::call_once(once, [] {
        // Compiled in (resources of kiosk_fleet); a broken schema is a build bug.
        auto b = JsonSchema::fromFile(QStringLiteral(":/kiosk/config/fleet-bundle.schema.json"));
        auto c = JsonSchema::fromFile(QStringLiteral(":/kiosk/config/fleet-command.schema.json"));
        Q_ASSERT(b && c);
        if (b) {
            bundleSchema = *b;
        }
        if (c) {
            commandSchema = *c;
        }
    });
    if (bundle && bundleSchema) {
        return *bundleSchema;
    }
    if (!bundle && commandSchema) {
        return *commandSchema;
    }
    // Unreachable in a correct build: a schema that accepts nothing.
    static const JsonSchema nothing =
        *JsonSchema::fromJson(QJsonObject{{QStringLiteral("type"), QStringLiteral("null")}});
    return nothing;
}

Result<void, FleetError> checkSchema(const QJsonObject& object, bool bundle) {
    const auto violations = schemaFor(bundle).validate(object);
    if (violations.isEmpty()) {
        return {};
    }
    const auto& v = violations.first();
    QString reason = (v.path.isEmpty() ? QStringLiteral("(payload)") : v.path) +
                     QStringLiteral(": ") + v.message;
    if (violations.size() > 1) {
        reason += QStringLiteral(" (and %1 more)").arg(violations.size() - 1);
    }
    return fail(fleetError(Code::Schema, reason));
}

Result<Target, FleetError> targetFrom(const QJsonObject& t) {
    Target target;
    target.kiosk = t.value(QLatin1String("kiosk")).toString();
    target.group = t.value(QLatin1String("group")).toString();
    if (target.kiosk.isEmpty() == target.group.isEmpty()) {
        return fail(fleetError(Code::Schema,
                               QStringLiteral("/target: exactly one of kiosk or group is needed")));
    }
    return target;
}

Result<void, FleetError> checkTarget(const Target& target, const QString& kioskId,
                                     const QString& group) {
    if (!target.matches(kioskId, group)) {
        return fail(fleetError(
            Code::WrongTarget,
            QStringLiteral("addressed to %1, this is kiosk:%2 in group:%3")
                .arg(target.describe(), kioskId, group.isEmpty() ? QStringLiteral("-") : group)));
    }
    return {};
}

}  // namespace

bool Target::matches(const QString& kioskId, const QString& kioskGroup) const {
    if (!kiosk.isEmpty()) {
        return kiosk == kioskId;
    }
    return !group.isEmpty() && group == kioskGroup;
}

QJsonObject Target::toJson() const {
    if (!kiosk.isEmpty()) {
        return {{QStringLiteral("kiosk"), kiosk}};
    }
    return {{QStringLiteral("group"), group}};
}

QString Target::describe() const {
    return kiosk.isEmpty() ? QStringLiteral("group:") + group : QStringLiteral("kiosk:") + kiosk;
}

Result<Target, FleetError> Target::parse(const QString& spec) {
    const int colon = spec.indexOf(QLatin1Char(':'));
    const QString kind = spec.left(colon);
    const QString name = spec.mid(colon + 1);
    Target t;
    if (colon > 0 && kind == QLatin1String("kiosk") && !name.isEmpty()) {
        t.kiosk = name;
    } else if (colon > 0 && kind == QLatin1String("group") && !name.isEmpty()) {
        t.group = name;
    } else {
        return fail(fleetError(
            Code::Malformed,
            QStringLiteral("target must be kiosk:ID or group:NAME (got \"%1\")").arg(spec)));
    }
    return t;
}

Result<QByteArray, FleetError> seal(const QByteArray& payload, const SigningKey& key) {
    auto sig = key.sign(signedBytes(payload));
    if (!sig) {
        return fail(sig.error());
    }
    const QJsonObject envelope{
        {QStringLiteral("format"), kFormat},
        {QStringLiteral("payload"), QString::fromLatin1(payload.toBase64())},
        {QStringLiteral("signatures"),
         QJsonArray{QJsonObject{{QStringLiteral("key_id"), key.keyId()},
                                {QStringLiteral("sig"), QString::fromLatin1(sig->toBase64())}}}}};
    return QJsonDocument(envelope).toJson(QJsonDocument::Compact);
}

Result<Opened, FleetError> openEnvelope(const QByteArray& wire, qsizetype maxBytes,
                                        const QList<QByteArray>& trustedKeys) {
    // The envelope is base64 (4/3) plus a few hundred bytes of framing.
    const qsizetype maxWire = maxBytes * 4 / 3 + 1024;
    if (wire.size() > maxWire) {
        return fail(fleetError(Code::Oversized,
                               QStringLiteral("%1 bytes, limit %2").arg(wire.size()).arg(maxWire)));
    }
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(wire, &perr);
    if (perr.error != QJsonParseError::NoError || !doc.isObject()) {
        return fail(
            fleetError(Code::Malformed, perr.error != QJsonParseError::NoError
                                            ? QStringLiteral("not JSON: ") + perr.errorString()
                                            : QStringLiteral("not a JSON object")));
    }
    const QJsonObject env = doc.object();
    if (env.value(QLatin1String("format")).toString() != kFormat ||
        !env.value(QLatin1String("payload")).isString()) {
        return fail(
            fleetError(Code::Malformed, QStringLiteral("not a smart-kiosk-signed-1 envelope")));
    }
    const QJsonArray sigs = env.value(QLatin1String("signatures")).toArray();
    if (sigs.isEmpty()) {
        return fail(fleetError(Code::Unsigned, QStringLiteral("the envelope has no signature")));
    }
    const auto decoded =
        QByteArray::fromBase64Encoding(env.value(QLatin1String("payload")).toString().toLatin1(),
                                       QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return fail(fleetError(Code::Malformed, QStringLiteral("payload is not base64")));
    }
    const QByteArray payload = *decoded;
    if (payload.size() > maxBytes) {
        return fail(fleetError(
            Code::Oversized,
            QStringLiteral("payload %1 bytes, limit %2").arg(payload.size()).arg(maxBytes)));
    }
    // A known key must have made a valid signature; the first one found decides.
    bool anyKnown = false;
    QString signer;
    for (const auto& s : sigs) {
        const QJsonObject so = s.toObject();
        const QString id = so.value(QLatin1String("key_id")).toString();
        for (const auto& key : trustedKeys) {
            if (keyIdOf(key) != id) {
                continue;
            }
            anyKnown = true;
            const QByteArray sig =
                QByteArray::fromBase64(so.value(QLatin1String("sig")).toString().toLatin1());
            if (verifyEd25519(key, signedBytes(payload), sig)) {
                signer = id;
            }
        }
        if (!signer.isEmpty()) {
            break;
        }
    }
    if (!anyKnown) {
        return fail(fleetError(Code::UnknownKey,
                               QStringLiteral("signed by no configured key (fleet.trusted_keys)")));
    }
    if (signer.isEmpty()) {
        return fail(fleetError(Code::BadSignature,
                               QStringLiteral("the signature does not match the payload")));
    }
    const QJsonDocument pdoc = QJsonDocument::fromJson(payload, &perr);
    if (perr.error != QJsonParseError::NoError || !pdoc.isObject()) {
        return fail(
            fleetError(Code::Malformed, QStringLiteral("signed payload is not a JSON object")));
    }
    return Opened{payload, pdoc.object(), signer};
}

QList<QByteArray> decodeTrustedKeys(const QStringList& base64Keys) {
    QList<QByteArray> keys;
    for (const auto& k : base64Keys) {
        const auto raw =
            QByteArray::fromBase64Encoding(k.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (raw && raw.decoded.size() == 32) {
            keys << raw.decoded;
        }
    }
    return keys;
}

Result<ConfigBundle, FleetError> parseBundle(const Opened& opened, const QString& kioskId,
                                             const QString& group, const QDateTime& now,
                                             const Limits& limits) {
    Q_UNUSED(limits);
    const QJsonObject& p = opened.object;
    if (p.value(QLatin1String("type")).toString() != QLatin1String("config")) {
        return fail(fleetError(Code::Malformed, QStringLiteral("not a configuration bundle")));
    }
    if (auto r = checkSchema(p, true); !r) {
        return fail(r.error());
    }
    auto target = targetFrom(p.value(QLatin1String("target")).toObject());
    if (!target) {
        return fail(target.error());
    }
    ConfigBundle b;
    b.version = static_cast<qint64>(p.value(QLatin1String("version")).toDouble());
    b.target = *target;
    b.notBefore = parseIsoUtc(p.value(QLatin1String("not_before")).toString());
    b.notAfter = parseIsoUtc(p.value(QLatin1String("not_after")).toString());
    b.description = p.value(QLatin1String("description")).toString();
    b.patch = p.value(QLatin1String("config")).toObject();
    b.digest = QString::fromLatin1(
        QCryptographicHash::hash(opened.payload, QCryptographicHash::Sha256).toHex());
    b.keyId = opened.keyId;
    if (!b.notBefore.isValid() || !b.notAfter.isValid() || b.notAfter <= b.notBefore) {
        return fail(
            fleetError(Code::Schema, QStringLiteral("/not_after: must be after not_before")));
    }
    if (auto r = checkTarget(b.target, kioskId, group); !r) {
        return fail(r.error());
    }
    if (now < b.notBefore) {
        return fail(fleetError(Code::NotYetValid,
                               QStringLiteral("valid from %1").arg(isoUtc(b.notBefore))));
    }
    if (now > b.notAfter) {
        return fail(
            fleetError(Code::Expired, QStringLiteral("expired at %1").arg(isoUtc(b.notAfter))));
    }
    return b;
}

Result<FleetCommand, FleetError> parseCommand(const Opened& opened, const QString& kioskId,
                                              const QString& group, const QDateTime& now,
                                              const Limits& limits) {
    const QJsonObject& p = opened.object;
    if (p.value(QLatin1String("type")).toString() != QLatin1String("command")) {
        return fail(fleetError(Code::Malformed, QStringLiteral("not a command")));
    }
    if (auto r = checkSchema(p, false); !r) {
        return fail(r.error());
    }
    auto target = targetFrom(p.value(QLatin1String("target")).toObject());
    if (!target) {
        return fail(target.error());
    }
    FleetCommand c;
    c.name = p.value(QLatin1String("command")).toString();
    c.args = p.value(QLatin1String("args")).toObject();
    c.target = *target;
    c.nonce = p.value(QLatin1String("nonce")).toString();
    c.issuedAt = parseIsoUtc(p.value(QLatin1String("issued_at")).toString());
    c.expiresAt = parseIsoUtc(p.value(QLatin1String("expires_at")).toString());
    c.keyId = opened.keyId;
    if (!c.issuedAt.isValid() || !c.expiresAt.isValid() || c.expiresAt <= c.issuedAt) {
        return fail(
            fleetError(Code::Schema, QStringLiteral("/expires_at: must be after issued_at")));
    }
    if (c.issuedAt.secsTo(c.expiresAt) > limits.maxCommandLifetimeS) {
        return fail(fleetError(
            Code::Schema,
            QStringLiteral("/expires_at: lifetime over %1 s").arg(limits.maxCommandLifetimeS)));
    }
    if (auto r = checkTarget(c.target, kioskId, group); !r) {
        return fail(r.error());
    }
    if (now.addSecs(limits.clockSkewS) < c.issuedAt) {
        return fail(
            fleetError(Code::NotYetValid,
                       QStringLiteral("issued in the future (%1)").arg(isoUtc(c.issuedAt))));
    }
    if (now.addSecs(-limits.clockSkewS) > c.expiresAt) {
        return fail(
            fleetError(Code::Expired, QStringLiteral("expired at %1").arg(isoUtc(c.expiresAt))));
    }
    return c;
}

QByteArray bundlePayload(qint64 version, const Target& target, const QDateTime& notBefore,
                         const QDateTime& notAfter, const QJsonObject& patch,
                         const QString& description) {
    QJsonObject p{{QStringLiteral("type"), QStringLiteral("config")},
                  {QStringLiteral("version"), version},
                  {QStringLiteral("target"), target.toJson()},
                  {QStringLiteral("not_before"), isoUtc(notBefore)},
                  {QStringLiteral("not_after"), isoUtc(notAfter)},
                  {QStringLiteral("config"), patch}};
    if (!description.isEmpty()) {
        p.insert(QStringLiteral("description"), description);
    }
    return QJsonDocument(p).toJson(QJsonDocument::Compact);
}

QByteArray commandPayload(const QString& name, const QJsonObject& args, const Target& target,
                          const QDateTime& issuedAt, const QDateTime& expiresAt,
                          QString* nonceOut) {
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    const QString nonce = QString::fromLatin1(
        QByteArray(reinterpret_cast<const char*>(words), sizeof(words)).toHex());
    if (nonceOut) {
        *nonceOut = nonce;
    }
    QJsonObject p{{QStringLiteral("type"), QStringLiteral("command")},
                  {QStringLiteral("command"), name},
                  {QStringLiteral("target"), target.toJson()},
                  {QStringLiteral("nonce"), nonce},
                  {QStringLiteral("issued_at"), isoUtc(issuedAt)},
                  {QStringLiteral("expires_at"), isoUtc(expiresAt)}};
    if (!args.isEmpty()) {
        p.insert(QStringLiteral("args"), args);
    }
    return QJsonDocument(p).toJson(QJsonDocument::Compact);
}

QJsonObject mergePatch(const QJsonObject& target, const QJsonObject& patch) {
    QJsonObject out = target;
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (it.value().isNull()) {
            out.remove(it.key());
        } else if (it.value().isObject()) {
            out.insert(it.key(), mergePatch(out.value(it.key()).toObject(), it.value().toObject()));
        } else {
            out.insert(it.key(), it.value());
        }
    }
    return out;
}

Result<QJsonObject, FleetError> candidateConfig(const QJsonObject& running,
                                                const ConfigBundle& bundle) {
    const QJsonObject candidate = mergePatch(running, bundle.patch);
    const auto idOf = [](const QJsonObject& c) {
        return c.value(QLatin1String("kiosk")).toObject().value(QLatin1String("id")).toString();
    };
    if (idOf(candidate) != idOf(running)) {
        return fail(
            fleetError(Code::Schema, QStringLiteral("/kiosk/id: a bundle may not change it")));
    }
    auto parsed = ConfigLoader::parse(QJsonDocument(candidate).toJson(QJsonDocument::Compact),
                                      QStringLiteral("bundle v%1").arg(bundle.version));
    if (!parsed) {
        return fail(fleetError(Code::Schema, parsed.error().summary()));
    }
    return candidate;
}

Result<void, FleetError> ReplayGuard::admit(const FleetCommand& command, const QDateTime& now,
                                            qint64 skewS) {
    prune(now.toMSecsSinceEpoch(), skewS * 1000);
    if (m_seen.contains(command.nonce)) {
        return fail(fleetError(Code::Replayed,
                               QStringLiteral("nonce %1 already used").arg(command.nonce.left(8))));
    }
    if (m_seen.size() >= m_capacity) {
        return fail(fleetError(Code::Busy, QStringLiteral("too many recent commands")));
    }
    m_seen.insert(command.nonce, command.expiresAt.toMSecsSinceEpoch());
    return {};
}

void ReplayGuard::prune(qint64 nowMs, qint64 skewMs) {
    for (auto it = m_seen.begin(); it != m_seen.end();) {
        // Past expiry (plus skew) the command is refused as expired anyway.
        it = it.value() + skewMs < nowMs ? m_seen.erase(it) : std::next(it);
    }
}

QJsonObject ReplayGuard::toJson() const {
    QJsonObject o;
    for (auto it = m_seen.begin(); it != m_seen.end(); ++it) {
        o.insert(it.key(), static_cast<double>(it.value()));
    }
    return o;
}

void ReplayGuard::restore(const QJsonObject& saved) {
    m_seen.clear();
    for (auto it = saved.begin(); it != saved.end(); ++it) {
        m_seen.insert(it.key(), static_cast<qint64>(it.value().toDouble()));
    }
}

QString isoUtc(const QDateTime& t) {
    return t.toUTC().toString(Qt::ISODate);
}

QDateTime parseIsoUtc(const QString& s) {
    QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!t.isValid()) {
        t = QDateTime::fromString(s, Qt::ISODate);
    }
    return t.toUTC();
}

}  // namespace kiosk::fleet
