// Crash torture: a producer enqueues (and delivers) while being killed with
// SIGKILL at random points, hundreds of times; then the queue drains into
// portal-sim. Every enqueue that returned success is applied exactly once,
// none twice, none lost, and the database passes PRAGMA integrity_check
// after every restart.
#include "outbox.h"
#include "portal_client.h"
#include "sim_rig.h"
#include "test_env.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace kiosk;

class TestOutboxTorture : public QObject {
    Q_OBJECT

private slots:
    void sigkill_manyRandomPoints_everyCommittedItemAppliedExactlyOnce() {
        const int wantedKills = qEnvironmentVariableIntValue("KIOSK_TORTURE_KILLS") > 0
                                    ? qEnvironmentVariableIntValue("KIOSK_TORTURE_KILLS")
                                    : 220;
        const QString producer = test::program(QStringLiteral("outbox_torture_producer"));
        QVERIFY2(QFile::exists(producer), qPrintable(producer + QStringLiteral(" is not built")));
        sim::SimRig::Options options;
        options.pcscd = false;
        options.mosquitto = false;
        auto rig = sim::SimRig::start(options);
        QVERIFY2(rig, rig ? "" : qPrintable(QStringLiteral("portal-sim: ") + rig.error().message));
        const auto& pki = (*rig)->portal()->pki();
        const backend::BackendSettings settings{QUrl((*rig)->portal()->baseUrl()), pki.caCert,
                                                pki.clientCert, pki.clientKey, 5000};
        QTemporaryDir dir;
        const QString committedFile = dir.filePath(QStringLiteral("committed.txt"));
        const QStringList common = {
            QStringLiteral("--data-dir"),   dir.filePath(QStringLiteral("kiosk")),
            QStringLiteral("--portal-url"), settings.portalUrl.toString(),
            QStringLiteral("--ca"),         pki.caCert,
            QStringLiteral("--cert"),       pki.clientCert,
            QStringLiteral("--key"),        pki.clientKey,
            QStringLiteral("--committed"),  committedFile};

        QElapsedTimer clock;
        clock.start();
        int kills = 0;
        int integrityChecks = 0;
        while (kills < wantedKills && clock.elapsed() < 100000) {
            QProcess p;
            p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            p.start(producer, common);
            QVERIFY2(p.waitForStarted(5000), qPrintable(p.errorString()));
            QByteArray out;
            while (!out.contains('\n') && p.waitForReadyRead(10000)) {
                out += p.readAllStandardOutput();
            }
            QVERIFY2(out.startsWith("ready integrity=ok"),
                     qPrintable(
                         QStringLiteral("restart %1: %2").arg(kills).arg(QString::fromUtf8(out))));
            ++integrityChecks;
            // Random point: during start-up work, enqueue commits, deliveries.
            QThread::msleep(QRandomGenerator::global()->bounded(5, 120));
            p.kill();  // SIGKILL
            QVERIFY(p.waitForFinished(5000));
            QVERIFY2(p.exitStatus() == QProcess::CrashExit,
                     qPrintable(QStringLiteral("producer exited by itself (%1): %2")
                                    .arg(p.exitCode())
                                    .arg(QString::fromUtf8(p.readAllStandardOutput()))));
            ++kills;
        }
        const qint64 tortureMs = clock.elapsed();
        QVERIFY2(kills >= wantedKills,
                 qPrintable(QStringLiteral("only %1 kills in time").arg(kills)));

        QElapsedTimer drainClock;
        drainClock.start();
        QProcess drain;
        drain.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        drain.start(producer, common + QStringList{QStringLiteral("--drain")});
        QVERIFY(drain.waitForFinished(70000));
        const QByteArray drainOut = drain.readAllStandardOutput();
        QVERIFY2(drain.exitStatus() == QProcess::NormalExit && drain.exitCode() == 0,
                 qPrintable(QStringLiteral("drain: exit %1: %2")
                                .arg(drain.exitCode())
                                .arg(QString::fromUtf8(drainOut))));
        QVERIFY(drainOut.contains("ready integrity=ok"));
        const qint64 drainMs = drainClock.elapsed();
        ++integrityChecks;

        QFile f(committedFile);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QSet<QString> committed;
        for (const QByteArray& line : f.readAll().split('\n')) {
            if (!line.isEmpty()) {
                QCOMPARE(line.size(), 36);  // never a torn line
                committed.insert(QString::fromLatin1(line));
            }
        }
        QVERIFY2(committed.size() > kills,
                 qPrintable(QStringLiteral("only %1 items committed").arg(committed.size())));

        auto snapshot = test::fetchApplied(settings);
        if (auto* error = std::get_if<QString>(&snapshot)) {
            QFAIL(qPrintable(*error));
        }
        const auto& s = std::get<test::AppliedSnapshot>(snapshot);
        int lost = 0;
        for (const QString& k : committed) {
            lost += s.deliveries.contains(k) ? 0 : 1;
        }
        QCOMPARE(lost, 0);
        // The server applies a key once by construction; a client bug that
        // re-sent an item under a new key would show up as a payload twice.
        QCOMPARE(s.duplicatePayloads, 0);
        QCOMPARE(s.totalApplied, static_cast<qint64>(s.deliveries.size()));
        // At most one enqueue per kill committed without being reported.
        QVERIFY(s.totalApplied >= committed.size());
        QVERIFY2(s.totalApplied <= committed.size() + kills,
                 qPrintable(QStringLiteral("%1 applied for %2 committed")
                                .arg(s.totalApplied)
                                .arg(committed.size())));

        const QString summary =
            QStringLiteral(
                "kills=%1 in %2 ms, integrity checks passed=%3, committed=%4, applied=%5, "
                "deliveries=%6 (redelivered %7), unreported commits=%8, drain %9 ms")
                .arg(kills)
                .arg(tortureMs)
                .arg(integrityChecks)
                .arg(committed.size())
                .arg(s.totalApplied)
                .arg(s.totalDeliveries)
                .arg(s.totalDeliveries - s.totalApplied)
                .arg(s.totalApplied - committed.size())
                .arg(drainMs);
        qInfo("%s", qPrintable(summary));
        QFile report(test::artifactsDir(QStringLiteral("outbox")) + QStringLiteral("/torture.txt"));
        if (report.open(QIODevice::WriteOnly)) {
            report.write(summary.toUtf8() + '\n');
        }
    }
};

QTEST_GUILESS_MAIN(TestOutboxTorture)
#include "tst_outbox_torture.moc"
