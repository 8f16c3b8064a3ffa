// The set-up fetched every model file models.lock lists, from the pinned
// tarball (its integrity stamp matches), where kiosk::paths looks for it.
#include "models_lock.h"
#include "paths.h"
#include "test_env.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

class TestModels : public QObject {
    Q_OBJECT
private slots:
    void modelsLock_everyFile_fetchedAndPinned() {
        const auto lock = kiosk::readModelsLock(kiosk::test::sourceDir() +
                                                QStringLiteral("/kiosk-os/setup/models.lock"));
        QVERIFY2(lock, lock ? "" : qPrintable(lock.error()));
        int files = 0;
        for (const auto& p : *lock) {
            for (const QString& f : p.files) {
                const QString path = kiosk::paths::modelFile(p.package, p.version, f);
                QVERIFY2(QFileInfo(path).size() > 0,
                         qPrintable(path + QStringLiteral(
                                               " missing: run kiosk-os/setup/fetch-models.sh")));
                ++files;
            }
            QFile stamp(
                kiosk::paths::modelFile(p.package, p.version, QStringLiteral(".integrity")));
            QVERIFY2(stamp.open(QIODevice::ReadOnly), qPrintable(stamp.fileName()));
            QCOMPARE(QString::fromUtf8(stamp.readAll()), p.integrity);
        }
        QVERIFY(files >= 2);
    }

    void readModelsLock_malformedRow_errorNamesLine() {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("models.lock")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("# comment\npkg\t1.0\tmd5-abc\tMIT\tw.bin\n");
        f.close();
        const auto lock = kiosk::readModelsLock(f.fileName());
        QVERIFY(!lock);
        QVERIFY2(lock.error().contains(QStringLiteral(":2:")), qPrintable(lock.error()));
    }

    void modelFile_scopedPackage_slashReplaced() {
        qputenv("KIOSK_MODELS_DIR", "/models");
        QCOMPARE(kiosk::paths::modelFile(QStringLiteral("@scope/pkg"), QStringLiteral("1.2.3"),
                                         QStringLiteral("w.bin")),
                 QStringLiteral("/models/@scope+pkg@1.2.3/w.bin"));
        qunsetenv("KIOSK_MODELS_DIR");
    }
};

QTEST_GUILESS_MAIN(TestModels)
#include "tst_models.moc"
