// The rig inserts and pulls a virtual Thai ID card, and a real PC/SC client
// (kioskctl card read, over pcscd + vpcd) sees exactly that.
#include "sim_rig.h"
#include "test_env.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace kiosk::sim;

namespace {

QJsonObject cardRead(const SimRig& rig) {
    QProcess p;
    p.setProcessEnvironment(rig.environment());
    p.start(kiosk::test::program(QStringLiteral("kioskctl")),
            {QStringLiteral("--json"), QStringLiteral("card"), QStringLiteral("read")});
    p.waitForFinished(30000);
    QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    o.insert(QStringLiteral("exit_code"), p.exitCode());
    return o;
}

VirtualCardPart::Card somchai(const QString& profile = QStringLiteral("standard")) {
    return {kiosk::test::sourceDir() + QStringLiteral("/sim/cards/somchai.json"), profile};
}

}  // namespace

class TestVirtualCardPart : public QObject {
    Q_OBJECT
private slots:
    void rig_withCard_cardReadByRealClient() {
        SimRig::Options options;
        options.mosquitto = false;
        options.portal = false;
        options.card = somchai();
        auto rig = SimRig::start(options);
        QVERIFY2(rig, rig ? "" : qPrintable(rig.error().summary()));
        QVERIFY((*rig)->hasCard());
        QVERIFY((*rig)
                    ->manifest()
                    .value(QLatin1String("parts"))
                    .toObject()
                    .contains(QStringLiteral("virtual-card")));

        const QJsonObject read = cardRead(**rig);
        QCOMPARE(read.value(QLatin1String("exit_code")).toInt(), 0);
        QCOMPARE(read.value(QLatin1String("cid_valid")).toBool(), true);
        QVERIFY(!read.value(QLatin1String("photo_sha256")).toString().isEmpty());
    }

    void removeCard_thenInsertAnother_readerFollows() {
        SimRig::Options options;
        options.mosquitto = false;
        options.portal = false;
        auto rig = SimRig::start(options);
        QVERIFY2(rig, rig ? "" : qPrintable(rig.error().summary()));
        QVERIFY(!(*rig)->hasCard());

        const QJsonObject none = cardRead(**rig);
        QVERIFY(none.value(QLatin1String("exit_code")).toInt() != 0);
        QCOMPARE(
            none.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(),
            QStringLiteral("no_card"));

        const auto inserted = (*rig)->insertCard(somchai(QStringLiteral("expired")));
        QVERIFY2(inserted, inserted ? "" : qPrintable(inserted.error().summary()));
        const QJsonObject expired = cardRead(**rig);
        QCOMPARE(expired.value(QLatin1String("exit_code")).toInt(), 0);
        const QString expiry = expired.value(QLatin1String("expiry_date")).toString();
        QVERIFY2(!expiry.isEmpty() && expiry < QDate::currentDate().toString(Qt::ISODate),
                 qPrintable(expiry));

        (*rig)->removeCard();
        QVERIFY(!(*rig)->hasCard());
        QTRY_COMPARE_WITH_TIMEOUT(cardRead(**rig)
                                      .value(QLatin1String("error"))
                                      .toObject()
                                      .value(QLatin1String("code"))
                                      .toString(),
                                  QStringLiteral("no_card"), 10000);
    }

    void insertCard_missingFile_clearError() {
        SimRig::Options options;
        options.mosquitto = false;
        options.portal = false;
        auto rig = SimRig::start(options);
        QVERIFY(rig);
        const auto r = (*rig)->insertCard(
            {QStringLiteral("/nonexistent/card.json"), QStringLiteral("standard")});
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(QStringLiteral("no card file")),
                 qPrintable(r.error().summary()));
    }
};

QTEST_GUILESS_MAIN(TestVirtualCardPart)
#include "tst_virtual_card_part.moc"
