// kioskctl face verify / quality as an integrator runs them: JSON fields,
// exit codes, and the errors that must never turn into a guess.
#include "test_env.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run {
    int code = -1;
    QJsonObject json;
};

Run kioskctl(const QStringList& args) {
    QProcess p;
    p.start(kiosk::test::program(QStringLiteral("kioskctl")),
            QStringList{QStringLiteral("--json")} + args);
    if (!p.waitForFinished(120000))
        return {};
    return {p.exitCode(), QJsonDocument::fromJson(p.readAllStandardOutput()).object()};
}

QString face(const QString& relative) {
    return kiosk::test::sharedDataDir() + QStringLiteral("/faces/") + relative;
}

QString errorCode(const Run& r) {
    return r.json.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString();
}

}  // namespace

class TestKioskctlFace : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY2(QFile::exists(face(QStringLiteral("portraits/obama.jpg"))),
                 "missing ../shared/data/faces");
    }

    void verify_samePerson_matchExitZero() {
        const Run r = kioskctl({QStringLiteral("face"), QStringLiteral("verify"),
                                face(QStringLiteral("portraits/obama.jpg")),
                                face(QStringLiteral("portraits/obama-720p.jpg"))});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json.value(QLatin1String("match")).toBool(), true);
        QCOMPARE(r.json.value(QLatin1String("threshold")).toDouble(), 0.5);
        QVERIFY(r.json.value(QLatin1String("score")).toDouble() > 0.5);
        const QJsonObject quality = r.json.value(QLatin1String("quality")).toObject();
        QVERIFY(quality.value(QLatin1String("reference")).toObject().contains(QLatin1String("ok")));
        QVERIFY(quality.value(QLatin1String("probe")).toObject().contains(QLatin1String("issues")));
    }

    void verify_differentPeople_noMatchExitOne() {
        const Run r = kioskctl({QStringLiteral("face"), QStringLiteral("verify"),
                                face(QStringLiteral("portraits/obama.jpg")),
                                face(QStringLiteral("portraits/biden.jpg"))});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.json.value(QLatin1String("match")).toBool(), false);
        QVERIFY(r.json.value(QLatin1String("score")).toDouble() < 0.5);
    }

    void verify_probeWithTwoFaces_errorNotGuess() {
        const Run r = kioskctl({QStringLiteral("face"), QStringLiteral("verify"),
                                face(QStringLiteral("portraits/obama.jpg")),
                                face(QStringLiteral("portraits/two_people.jpg"))});
        QCOMPARE(r.code, 1);
        QCOMPARE(errorCode(r), QStringLiteral("multiple-faces"));
        QVERIFY(!r.json.contains(QLatin1String("match")));
    }

    void quality_noFace_error() {
        QTemporaryDir dir;
        const QString blank = dir.filePath(QStringLiteral("blank.png"));
        QImage(320, 240, QImage::Format_RGB888).save(blank);
        const Run r = kioskctl({QStringLiteral("face"), QStringLiteral("quality"), blank});
        QCOMPARE(r.code, 1);
        QCOMPARE(errorCode(r), QStringLiteral("no-face"));
    }

    void quality_corruptFile_error() {
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("bad.jpg"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("\xff\xd8\xff\xe0 not really a jpeg");
        f.close();
        const Run r = kioskctl({QStringLiteral("face"), QStringLiteral("quality"), bad});
        QCOMPARE(r.code, 1);
        QCOMPARE(errorCode(r), QStringLiteral("image-unreadable"));
    }

    void quality_goodPortrait_okWithMetrics() {
        const Run r = kioskctl({QStringLiteral("face"), QStringLiteral("quality"),
                                face(QStringLiteral("portraits/obama.jpg"))});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json.value(QLatin1String("ok")).toBool(), true);
        const QJsonObject m = r.json.value(QLatin1String("metrics")).toObject();
        QVERIFY(m.value(QLatin1String("inter_eye_px")).toDouble() > 60);
        QVERIFY(m.contains(QLatin1String("yaw_deg")));
    }

    void quality_turnedFace_reasonTurned() {
        const Run r = kioskctl({QStringLiteral("face"), QStringLiteral("quality"),
                                face(QStringLiteral("portraits/obama2.jpg"))});
        QCOMPARE(r.code, 1);
        QVERIFY(r.json.value(QLatin1String("issues"))
                    .toArray()
                    .contains(QJsonValue(QStringLiteral("turned"))));
    }

    void quality_badRole_usage() {
        const Run r =
            kioskctl({QStringLiteral("face"), QStringLiteral("quality"), QStringLiteral("--role"),
                      QStringLiteral("selfie"), face(QStringLiteral("portraits/obama.jpg"))});
        QCOMPARE(r.code, 2);
    }
};

QTEST_GUILESS_MAIN(TestKioskctlFace)
#include "tst_kioskctl_face.moc"
