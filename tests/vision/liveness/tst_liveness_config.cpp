#include "liveness_config.h"
#include "test_env.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace kiosk::vision;

class TestLivenessConfig : public QObject {
    Q_OBJECT

private slots:
    void fromJson_empty_defaults() {
        auto c = LivenessConfig::fromJson({});
        QVERIFY(c);
        QCOMPARE(c->challengeCount, LivenessConfig{}.challengeCount);
        QCOMPARE(c->padModelThreshold, LivenessConfig{}.padModelThreshold);
    }

    void fromJson_values_override() {
        QJsonObject o;
        o.insert(QStringLiteral("challenge_count"), 3);
        o.insert(QStringLiteral("pad_model_threshold"), 0.7);
        auto c = LivenessConfig::fromJson(o);
        QVERIFY(c);
        QCOMPARE(c->challengeCount, 3);
        QCOMPARE(c->padModelThreshold, 0.7);
    }

    void fromJson_unknownKey_badConfig() {
        QJsonObject o;
        o.insert(QStringLiteral("pad_threshold"), 0.7);
        auto c = LivenessConfig::fromJson(o);
        QVERIFY(!c);
        QCOMPARE(c.error().code, LivenessError::Code::BadConfig);
        QVERIFY(c.error().message.contains(QStringLiteral("pad_threshold")));
    }

    void fromJson_outOfRangeOrFractional_badConfig() {
        QJsonObject o;
        o.insert(QStringLiteral("challenge_count"), 7);
        QVERIFY(!LivenessConfig::fromJson(o));
        o.insert(QStringLiteral("challenge_count"), 2.5);
        QVERIFY(!LivenessConfig::fromJson(o));
        QJsonObject s;
        s.insert(QStringLiteral("turn_yaw_deg"), QStringLiteral("18"));
        QVERIFY(!LivenessConfig::fromJson(s));
    }

    void toJson_roundTrip_same() {
        LivenessConfig a;
        a.turnYawDeg = 21;
        a.detectEveryFrames = 4;
        auto b = LivenessConfig::fromJson(a.toJson());
        QVERIFY(b);
        QCOMPARE(b->turnYawDeg, 21.0);
        QCOMPARE(b->detectEveryFrames, 4);
    }

    void shippedConfig_livenessSection_loads() {
        QFile f(kiosk::test::sourceDir() + QStringLiteral("/config/kiosk.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject section = QJsonDocument::fromJson(f.readAll())
                                        .object()
                                        .value(QStringLiteral("liveness"))
                                        .toObject();
        QVERIFY(!section.isEmpty());
        auto c = LivenessConfig::fromJson(section);
        QVERIFY2(c, qPrintable(c ? QString() : c.error().summary()));
    }
};

QTEST_GUILESS_MAIN(TestLivenessConfig)
#include "tst_liveness_config.moc"
