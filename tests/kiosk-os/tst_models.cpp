// The set-up fetched every model file models.lock lists, from the pinned
// tarball (its integrity stamp matches), where kiosk::paths looks for it.
#include "paths.h"
#include "test_env.h"

#include <QFile>
#include <QFileInfo>
#include <QTest>

class TestModels : public QObject {
    Q_OBJECT
private slots:
    void modelsLock_everyFile_fetchedAndPinned() {
        QFile lock(kiosk::test::sourceDir() + QStringLiteral("/kiosk-os/setup/models.lock"));
        QVERIFY(lock.open(QIODevice::ReadOnly));
        int files = 0;
        while (!lock.atEnd()) {
            const QString line = QString::fromUtf8(lock.readLine()).trimmed();
            if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) {
                continue;
            }
            const QStringList cols = line.split(QLatin1Char('\t'));
            QCOMPARE(cols.size(), 5);
            const QString& package = cols[0];
            const QString& version = cols[1];
            QVERIFY2(cols[2].startsWith(QStringLiteral("sha512-")), qPrintable(line));
            for (const QString& f : cols[4].split(QLatin1Char(','))) {
                const QString path =
                    kiosk::paths::modelFile(package, version, QFileInfo(f).fileName());
                QVERIFY2(QFileInfo(path).size() > 0,
                         qPrintable(path + QStringLiteral(
                                               " missing: run kiosk-os/setup/fetch-models.sh")));
                ++files;
            }
            QFile stamp(kiosk::paths::modelFile(package, version, QStringLiteral(".integrity")));
            QVERIFY2(stamp.open(QIODevice::ReadOnly), qPrintable(stamp.fileName()));
            QCOMPARE(QString::fromUtf8(stamp.readAll()), cols[2]);
        }
        QVERIFY(files >= 2);
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
