// Every rejection rule for envelopes, bundles and commands, one by one.
#include "fleet_fixtures.h"
#include "messages.h"

#include <QJsonArray>
#include <QTest>

using kiosk::fail;
using kiosk::Result;
using namespace kiosk::fleet;
using namespace kiosk::fleet::test;
using Code = FleetError::Code;

class TstFleetMessages : public QObject {
    Q_OBJECT

    SigningKey m_key = newKey();
    SigningKey m_other = newKey();
    QDateTime m_now = QDateTime::currentDateTimeUtc();
    const QString m_id = QStringLiteral("KIOSK-T-0001");
    const QString m_group = QStringLiteral("bkk");

    QList<QByteArray> trusted() const { return {m_key.publicRaw()}; }

    Result<ConfigBundle, FleetError> bundleFrom(const QByteArray& wire) {
        auto opened = openEnvelope(wire, Limits{}.maxBundleBytes, trusted());
        if (!opened) {
            return fail(opened.error());
        }
        return parseBundle(*opened, m_id, m_group, m_now);
    }
    Result<FleetCommand, FleetError> commandFrom(const QByteArray& wire) {
        auto opened = openEnvelope(wire, Limits{}.maxCommandBytes, trusted());
        if (!opened) {
            return fail(opened.error());
        }
        return parseCommand(*opened, m_id, m_group, m_now);
    }
    static QByteArray withEnvelope(const QByteArray& wire,
                                   const std::function<void(QJsonObject&)>& edit) {
        QJsonObject env = QJsonDocument::fromJson(wire).object();
        edit(env);
        return QJsonDocument(env).toJson(QJsonDocument::Compact);
    }

private slots:
    void openEnvelope_validBundle_returnsPayloadAndSigner() {
        auto b = bundleFrom(signedBundle(m_key, 3, textScale(1.2), groupTarget(m_group), m_now));
        QVERIFY2(b, b ? "" : qPrintable(b.error().summary()));
        QCOMPARE(b->version, 3);
        QCOMPARE(b->keyId, m_key.keyId());
        QCOMPARE(textScaleOf(b->patch), 1.2);
        QCOMPARE(b->digest.size(), 64);
    }

    void openEnvelope_noSignature_rejectedUnsigned() {
        const QByteArray wire = withEnvelope(
            signedBundle(m_key, 3, textScale(1.2), groupTarget(m_group), m_now),
            [](QJsonObject& e) { e.insert(QStringLiteral("signatures"), QJsonArray()); });
        QCOMPARE(bundleFrom(wire).error().code, Code::Unsigned);
    }

    void openEnvelope_unknownKey_rejectedUnknownKey() {
        auto b = bundleFrom(signedBundle(m_other, 3, textScale(1.2), groupTarget(m_group), m_now));
        QCOMPARE(b.error().code, Code::UnknownKey);
    }

    void openEnvelope_tamperedPayload_rejectedBadSignature() {
        const QByteArray good = signedBundle(m_key, 3, textScale(1.2), groupTarget(m_group), m_now);
        const QByteArray otherPayload =
            QJsonDocument::fromJson(
                signedBundle(m_key, 4, textScale(2.0), groupTarget(m_group), m_now))
                .object()
                .value(QLatin1String("payload"))
                .toString()
                .toLatin1();
        const QByteArray wire = withEnvelope(good, [&](QJsonObject& e) {
            e.insert(QStringLiteral("payload"), QString::fromLatin1(otherPayload));
        });
        QCOMPARE(bundleFrom(wire).error().code, Code::BadSignature);
    }

    void openEnvelope_garbageSignature_rejectedBadSignature() {
        const QByteArray wire = withEnvelope(
            signedBundle(m_key, 3, textScale(1.2), groupTarget(m_group), m_now),
            [&](QJsonObject& e) {
                QJsonObject s = e.value(QLatin1String("signatures")).toArray().first().toObject();
                s.insert(QStringLiteral("sig"), QStringLiteral("AAAA"));
                e.insert(QStringLiteral("signatures"), QJsonArray{s});
            });
        QCOMPARE(bundleFrom(wire).error().code, Code::BadSignature);
    }

    void openEnvelope_oversized_rejectedOversized() {
        QJsonObject patch = textScale(1.2);
        patch.insert(QStringLiteral("padding"), QString(70 * 1024, QLatin1Char('x')));
        auto b = bundleFrom(signedBundle(m_key, 3, patch, groupTarget(m_group), m_now));
        QCOMPARE(b.error().code, Code::Oversized);
        QVERIFY(b.error().reason.contains(QLatin1String("limit")));
    }

    void openEnvelope_commandOverCommandLimit_rejectedOversized() {
        // A bundle-sized message on the command topic is refused by size first.
        QJsonObject patch = textScale(1.2);
        patch.insert(QStringLiteral("padding"), QString(8 * 1024, QLatin1Char('x')));
        auto c = commandFrom(signedBundle(m_key, 3, patch, groupTarget(m_group), m_now));
        QCOMPARE(c.error().code, Code::Oversized);
    }

    void openEnvelope_notJson_rejectedMalformed() {
        QCOMPARE(bundleFrom("{not json").error().code, Code::Malformed);
        QCOMPARE(bundleFrom("[1,2]").error().code, Code::Malformed);
        QCOMPARE(bundleFrom(R"({"format":"other","payload":"e30="})").error().code,
                 Code::Malformed);
    }

    void openEnvelope_payloadNotBase64_rejectedMalformed() {
        const QByteArray wire = withEnvelope(
            signedBundle(m_key, 3, textScale(1.2), groupTarget(m_group), m_now),
            [](QJsonObject& e) { e.insert(QStringLiteral("payload"), QStringLiteral("!!!")); });
        QCOMPARE(bundleFrom(wire).error().code, Code::Malformed);
    }

    void parseBundle_signedNonObjectPayload_rejectedMalformed() {
        auto wire = seal("[1]", m_key);
        QVERIFY(wire);
        QCOMPARE(bundleFrom(*wire).error().code, Code::Malformed);
    }

    void parseBundle_missingField_rejectedSchema() {
        QJsonObject p =
            QJsonDocument::fromJson(bundlePayload(3, groupTarget(m_group), m_now.addSecs(-5),
                                                  m_now.addSecs(60), textScale(1.2)))
                .object();
        p.remove(QStringLiteral("not_after"));
        auto wire = seal(QJsonDocument(p).toJson(QJsonDocument::Compact), m_key);
        auto b = bundleFrom(*wire);
        QCOMPARE(b.error().code, Code::Schema);
        QVERIFY2(b.error().reason.contains(QLatin1String("not_after")),
                 qPrintable(b.error().reason));
    }

    void parseBundle_bothTargets_rejectedSchema() {
        QJsonObject p =
            QJsonDocument::fromJson(bundlePayload(3, groupTarget(m_group), m_now.addSecs(-5),
                                                  m_now.addSecs(60), textScale(1.2)))
                .object();
        p.insert(QStringLiteral("target"),
                 QJsonObject{{QStringLiteral("group"), m_group}, {QStringLiteral("kiosk"), m_id}});
        auto b = bundleFrom(*seal(QJsonDocument(p).toJson(QJsonDocument::Compact), m_key));
        QCOMPARE(b.error().code, Code::Schema);
    }

    void parseBundle_otherGroup_rejectedWrongTarget() {
        auto b = bundleFrom(
            signedBundle(m_key, 3, textScale(1.2), groupTarget(QStringLiteral("cnx")), m_now));
        QCOMPARE(b.error().code, Code::WrongTarget);
    }

    void parseBundle_otherKiosk_rejectedWrongTarget() {
        auto b = bundleFrom(signedBundle(m_key, 3, textScale(1.2),
                                         kioskTarget(QStringLiteral("KIOSK-T-0002")), m_now));
        QCOMPARE(b.error().code, Code::WrongTarget);
    }

    void parseBundle_ownKiosk_accepted() {
        QVERIFY(bundleFrom(signedBundle(m_key, 3, textScale(1.2), kioskTarget(m_id), m_now)));
    }

    void parseBundle_beforeNotBefore_rejectedNotYetValid() {
        auto b =
            bundleFrom(signedBundle(m_key, 3, textScale(1.2), groupTarget(m_group), m_now, 600));
        QCOMPARE(b.error().code, Code::NotYetValid);
    }

    void parseBundle_afterNotAfter_rejectedExpired() {
        auto b = bundleFrom(
            signedBundle(m_key, 3, textScale(1.2), groupTarget(m_group), m_now, -7200, 3600));
        QCOMPARE(b.error().code, Code::Expired);
    }

    void candidateConfig_validPatch_mergesOverRunning() {
        auto b = bundleFrom(signedBundle(m_key, 3, textScale(1.4), groupTarget(m_group), m_now));
        auto c = candidateConfig(defaultConfig(), *b);
        QVERIFY2(c, c ? "" : qPrintable(c.error().summary()));
        QCOMPARE(textScaleOf(*c), 1.4);
        QCOMPARE(c->value(QLatin1String("card")), defaultConfig().value(QLatin1String("card")));
    }

    void candidateConfig_outOfRangeValue_rejectedSchema() {
        auto b = bundleFrom(signedBundle(m_key, 3, textScale(9.0), groupTarget(m_group), m_now));
        auto c = candidateConfig(defaultConfig(), *b);
        QCOMPARE(c.error().code, Code::Schema);
        QVERIFY2(c.error().reason.contains(QLatin1String("text_scale")),
                 qPrintable(c.error().reason));
    }

    void candidateConfig_changesKioskId_rejectedSchema() {
        const QJsonObject patch{{QStringLiteral("kiosk"),
                                 QJsonObject{{QStringLiteral("id"), QStringLiteral("EVIL-1")}}}};
        auto b = bundleFrom(signedBundle(m_key, 3, patch, groupTarget(m_group), m_now));
        QCOMPARE(candidateConfig(defaultConfig(), *b).error().code, Code::Schema);
    }

    void mergePatch_nullRemovesKey_nestedMerges() {
        const QJsonObject base{
            {QStringLiteral("a"), 1},
            {QStringLiteral("b"), QJsonObject{{QStringLiteral("c"), 2}, {QStringLiteral("d"), 3}}}};
        const QJsonObject patch{{QStringLiteral("a"), QJsonValue::Null},
                                {QStringLiteral("b"), QJsonObject{{QStringLiteral("d"), 4}}}};
        const QJsonObject out = mergePatch(base, patch);
        QVERIFY(!out.contains(QLatin1String("a")));
        QCOMPARE(out.value(QLatin1String("b")).toObject().value(QLatin1String("c")).toInt(), 2);
        QCOMPARE(out.value(QLatin1String("b")).toObject().value(QLatin1String("d")).toInt(), 4);
    }

    void parseCommand_valid_accepted() {
        QString nonce;
        auto c = commandFrom(
            signedCommand(m_key, QStringLiteral("restart"), kioskTarget(m_id), m_now, 300, &nonce));
        QVERIFY2(c, c ? "" : qPrintable(c.error().summary()));
        QCOMPARE(c->name, QStringLiteral("restart"));
        QCOMPARE(c->nonce, nonce);
    }

    void parseCommand_unknownCommand_rejectedSchema() {
        auto c = commandFrom(
            signedCommand(m_key, QStringLiteral("format-disk"), kioskTarget(m_id), m_now));
        QCOMPARE(c.error().code, Code::Schema);
    }

    void parseCommand_expired_rejectedExpired() {
        auto c = commandFrom(signedCommand(m_key, QStringLiteral("restart"), kioskTarget(m_id),
                                           m_now.addSecs(-900), 300));
        QCOMPARE(c.error().code, Code::Expired);
    }

    void parseCommand_issuedInFuture_rejectedNotYetValid() {
        auto c = commandFrom(
            signedCommand(m_key, QStringLiteral("restart"), kioskTarget(m_id), m_now.addSecs(600)));
        QCOMPARE(c.error().code, Code::NotYetValid);
    }

    void parseCommand_lifetimeTooLong_rejectedSchema() {
        auto c = commandFrom(
            signedCommand(m_key, QStringLiteral("restart"), kioskTarget(m_id), m_now, 24 * 3600));
        QCOMPARE(c.error().code, Code::Schema);
    }

    void parseCommand_bundleOnCommandTopic_rejectedMalformed() {
        auto c = commandFrom(signedBundle(m_key, 3, textScale(1.2), groupTarget(m_group), m_now));
        QCOMPARE(c.error().code, Code::Malformed);
    }

    void replayGuard_sameNonceTwice_rejectedReplayed() {
        auto c = commandFrom(
            signedCommand(m_key, QStringLiteral("self-test"), kioskTarget(m_id), m_now));
        ReplayGuard guard;
        QVERIFY(guard.admit(*c, m_now, 120));
        QCOMPARE(guard.admit(*c, m_now, 120).error().code, Code::Replayed);
    }

    void replayGuard_restoredFromJson_stillRejects() {
        auto c = commandFrom(
            signedCommand(m_key, QStringLiteral("self-test"), kioskTarget(m_id), m_now));
        ReplayGuard first;
        QVERIFY(first.admit(*c, m_now, 120));
        ReplayGuard second;
        second.restore(first.toJson());
        QCOMPARE(second.admit(*c, m_now, 120).error().code, Code::Replayed);
    }

    void replayGuard_expiredNonces_pruned() {
        auto c = commandFrom(
            signedCommand(m_key, QStringLiteral("self-test"), kioskTarget(m_id), m_now, 60));
        ReplayGuard guard;
        QVERIFY(guard.admit(*c, m_now, 120));
        QCOMPARE(guard.size(), 1);
        auto other = commandFrom(
            signedCommand(m_key, QStringLiteral("self-test"), kioskTarget(m_id), m_now));
        QVERIFY(guard.admit(*other, m_now.addSecs(600), 120));
        QCOMPARE(guard.size(), 1);  // the first one's nonce aged out
    }

    void replayGuard_full_rejectedBusy() {
        ReplayGuard guard(2);
        for (int i = 0; i < 2; ++i) {
            auto c = commandFrom(
                signedCommand(m_key, QStringLiteral("self-test"), kioskTarget(m_id), m_now));
            QVERIFY(guard.admit(*c, m_now, 120));
        }
        auto c = commandFrom(
            signedCommand(m_key, QStringLiteral("self-test"), kioskTarget(m_id), m_now));
        QCOMPARE(guard.admit(*c, m_now, 120).error().code, Code::Busy);
    }

    void decodeTrustedKeys_badEntries_skipped() {
        const auto keys = decodeTrustedKeys(
            {m_key.publicBase64(), QStringLiteral("not base64!"), QStringLiteral("AAAA")});
        QCOMPARE(keys.size(), 1);
        QCOMPARE(keys.first(), m_key.publicRaw());
    }

    void signingKey_pemRoundTrip_samePublicKey() {
        auto again = SigningKey::fromPem(m_key.privatePem());
        QVERIFY(again);
        QCOMPARE(again->publicRaw(), m_key.publicRaw());
        QVERIFY(!SigningKey::fromPem("-----BEGIN NOTHING-----"));
    }
};

QTEST_GUILESS_MAIN(TstFleetMessages)
#include "tst_fleet_messages.moc"
