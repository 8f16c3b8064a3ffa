// `kioskctl technician add`: first account is a supervisor, later ones need
// a supervisor's PIN; PINs come from stdin and are never stored in clear.
#include "test_env.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TstTechnicianCommand : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    int kioskctl(const QStringList& args, const QByteArray& stdinText, QByteArray* out = nullptr) {
        QProcess p;
        p.start(kiosk::test::program(QStringLiteral("kioskctl")),
                QStringList{QStringLiteral("--data-dir"), m_dir.path(), QStringLiteral("--config"),
                            m_dir.filePath(QStringLiteral("none.json"))} +
                    args);
        p.write(stdinText);
        p.closeWriteChannel();
        if (!p.waitForFinished(30000)) {
            return -1;
        }
        if (out) {
            *out = p.readAllStandardOutput() + p.readAllStandardError();
        }
        return p.exitCode();
    }

private slots:
    void add_firstTechnician_refused() {
        QCOMPARE(
            kioskctl({QStringLiteral("technician"), QStringLiteral("add"), QStringLiteral("2002")},
                     "730264\n"),
            1);
    }

    void add_supervisorThenTechnician_bothStoredHashed() {
        QByteArray out;
        QCOMPARE(
            kioskctl({QStringLiteral("technician"), QStringLiteral("add"), QStringLiteral("1001"),
                      QStringLiteral("--role"), QStringLiteral("supervisor")},
                     "482915\n", &out),
            0);
        QCOMPARE(kioskctl({QStringLiteral("technician"), QStringLiteral("add"),
                           QStringLiteral("2002"), QStringLiteral("--by"), QStringLiteral("1001")},
                          "730264\n482915\n", &out),
                 0);
        QFile f(m_dir.filePath(QStringLiteral("maintenance/technicians.json")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray stored = f.readAll();
        QVERIFY(stored.contains("\"2002\""));
        QVERIFY(!stored.contains("730264"));
        QVERIFY(!stored.contains("482915"));
    }

    void add_wrongSupervisorPin_refused() {
        QByteArray out;
        QCOMPARE(kioskctl({QStringLiteral("technician"), QStringLiteral("add"),
                           QStringLiteral("2003"), QStringLiteral("--by"), QStringLiteral("1001")},
                          "591837\n000000\n", &out),
                 1);
        QVERIFY2(out.contains("wrong id or PIN"), out.constData());
    }
};

QTEST_GUILESS_MAIN(TstTechnicianCommand)
#include "tst_technician_command.moc"
