// kioskctl card ... as a technician runs it, against real pcscd + vpcd and
// the virtual card: JSON shape, photo file, errors as JSON with exit code 1.
#include "card_test_support.h"
#include "pcsc_card_reader.h"
#include "pcscd_part.h"
#include "vpcd_client.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace kiosk;

class TstCardCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<sim::PcscdPart> m_pcscd;

    struct Run {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    Run kioskctl(const QStringList& args, int timeoutMs = 20000) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        m_pcscd->exportTo(env);
        p.setProcessEnvironment(env);
        p.start(test::program(QStringLiteral("kioskctl")), args);
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished();
        }
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                p.readAllStandardOutput(), p.readAllStandardError()};
    }

    std::unique_ptr<sim::vcard::VirtualCardSession> insert(const QString& profile) {
        if (!waitForPresence(false)) {
            qWarning() << "a card from an earlier test is still in the reader";
            return nullptr;
        }
        auto s = test::insertVirtualCard(m_pcscd->vpcdPort(0), profile);
        if (!s) {
            return nullptr;
        }
        if (!waitForPresence(true)) {
            qWarning() << "pcscd never saw the card";
            return nullptr;
        }
        return s;
    }

    // pcscd notices a card coming or going on its next presence poll.
    static bool waitForPresence(bool present) {
        card::PcscCardReader reader;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 5000) {
            auto withCard = reader.readersWithCard();
            if (withCard && withCard->contains(sim::PcscdPart::readerName(0)) == present) {
                return true;
            }
            QTest::qWait(50);
        }
        return false;
    }

    void removeCard(std::unique_ptr<sim::vcard::VirtualCardSession>& session) {
        session->remove();
        QVERIFY2(waitForPresence(false), "pcscd still reports the card after removal");
    }

private slots:
    void initTestCase() {
        QVERIFY2(QFile::exists(test::program(QStringLiteral("kioskctl"))), "kioskctl is not built");
        m_pcscd = std::make_unique<sim::PcscdPart>(m_dir.path());
        auto started = m_pcscd->start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().summary()));
        // This process checks card presence itself; libpcsclite reads this once.
        qputenv("PCSCLITE_CSOCK_NAME", m_pcscd->socketPath().toUtf8());
    }

    void listReaders_json_namesBothVirtualReaders() {
        const Run r = kioskctl(
            {QStringLiteral("--json"), QStringLiteral("card"), QStringLiteral("list-readers")});
        QCOMPARE(r.exitCode, 0);
        const auto readers =
            QJsonDocument::fromJson(r.out).object().value(QStringLiteral("readers")).toArray();
        QCOMPARE(readers.size(), 2);
        QCOMPARE(readers.at(0).toObject().value(QStringLiteral("name")).toString(),
                 sim::PcscdPart::readerName(0));
    }

    void read_json_printsIdentityAndWritesPhoto() {
        auto session = insert(QStringLiteral("standard"));
        QVERIFY(session);
        const QString photo = m_dir.path() + QStringLiteral("/photo.jpg");
        const Run r = kioskctl({QStringLiteral("card"), QStringLiteral("read"),
                                QStringLiteral("--json"), QStringLiteral("--photo"), photo});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j.value(QStringLiteral("cid")).toString(), QStringLiteral("1101700230708"));
        QCOMPARE(j.value(QStringLiteral("cid_valid")).toBool(), true);
        QCOMPARE(
            j.value(QStringLiteral("name_th")).toObject().value(QStringLiteral("first")).toString(),
            QStringLiteral("สมชาย"));
        QCOMPARE(j.value(QStringLiteral("name_en"))
                     .toObject()
                     .value(QStringLiteral("prefix"))
                     .toString(),
                 QStringLiteral("Mr."));
        QCOMPARE(j.value(QStringLiteral("birth_date")).toString(), QStringLiteral("1987-01-15"));
        QCOMPARE(j.value(QStringLiteral("birth_date_partial")).toBool(), false);
        QCOMPARE(j.value(QStringLiteral("sex")).toString(), QStringLiteral("male"));
        QCOMPARE(j.value(QStringLiteral("issue_date")).toString(), QStringLiteral("2023-03-01"));
        QCOMPARE(j.value(QStringLiteral("expiry_date")).toString(), QStringLiteral("2031-01-14"));
        QCOMPARE(j.value(QStringLiteral("laser_code")).toString(),
                 QStringLiteral("JT0-1234567-89"));
        QCOMPARE(j.value(QStringLiteral("atr")).toString(),
                 QStringLiteral("3B 78 18 00 00 00 73 C8 40 13 00 90 00"));
        QFile f(photo);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray jpeg = f.readAll();
        QCOMPARE(
            QString::fromLatin1(QCryptographicHash::hash(jpeg, QCryptographicHash::Sha256).toHex()),
            j.value(QStringLiteral("photo_sha256")).toString());
        QVERIFY(jpeg.startsWith("\xFF\xD8"));
        QVERIFY(!(f.permissions() & QFileDevice::ReadOther));
        removeCard(session);
    }

    void read_unknownBirthDay_printsPartialDate() {
        auto session = insert(QStringLiteral("unknown-birth-day"));
        QVERIFY(session);
        const Run r =
            kioskctl({QStringLiteral("--json"), QStringLiteral("card"), QStringLiteral("read"),
                      QStringLiteral("--reader"), sim::PcscdPart::readerName(0)});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j.value(QStringLiteral("birth_date")).toString(), QStringLiteral("1952-06"));
        QCOMPARE(j.value(QStringLiteral("birth_date_partial")).toBool(), true);
        removeCard(session);
    }

    void read_cardRemovedMidRead_printsErrorJson() {
        auto session = insert(QStringLiteral("remove-at"));
        QVERIFY(session);
        const Run r =
            kioskctl({QStringLiteral("--json"), QStringLiteral("card"), QStringLiteral("read")});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject e =
            QJsonDocument::fromJson(r.out).object().value(QStringLiteral("error")).toObject();
        QCOMPARE(e.value(QStringLiteral("code")).toString(), QStringLiteral("card_removed"));
        QVERIFY(!e.value(QStringLiteral("message")).toString().isEmpty());
        QVERIFY(!r.out.contains("1101700230708"));
        QVERIFY(waitForPresence(false));
    }

    void read_noCard_failsWithNoCard() {
        const Run r =
            kioskctl({QStringLiteral("--json"), QStringLiteral("card"), QStringLiteral("read")});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject e =
            QJsonDocument::fromJson(r.out).object().value(QStringLiteral("error")).toObject();
        QCOMPARE(e.value(QStringLiteral("code")).toString(), QStringLiteral("no_card"));
    }

    void read_unknownReader_failsWithNoReader() {
        const Run r =
            kioskctl({QStringLiteral("--json"), QStringLiteral("card"), QStringLiteral("read"),
                      QStringLiteral("--reader"), QStringLiteral("No Such Reader")});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject e =
            QJsonDocument::fromJson(r.out).object().value(QStringLiteral("error")).toObject();
        QCOMPARE(e.value(QStringLiteral("code")).toString(), QStringLiteral("no_reader"));
    }

    void watch_insertAndRemove_printsEvents() {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        m_pcscd->exportTo(env);
        p.setProcessEnvironment(env);
        p.start(test::program(QStringLiteral("kioskctl")),
                {QStringLiteral("--json"), QStringLiteral("card"), QStringLiteral("watch"),
                 QStringLiteral("--count"), QStringLiteral("3"), QStringLiteral("--timeout-ms"),
                 QStringLiteral("15000")});
        QVERIFY(waitForPresence(false));
        QVERIFY(p.waitForStarted());
        QTest::qWait(800);
        auto card = test::virtualCard(QStringLiteral("standard"));
        QVERIFY(card);
        auto s = sim::vcard::VirtualCardSession::insert(std::move(*card), m_pcscd->vpcdPort(0));
        QVERIFY(s);
        QTest::qWait(1500);
        (*s)->remove();
        QVERIFY(p.waitForFinished(15000));
        QCOMPARE(p.exitCode(), 0);
        const QList<QByteArray> lines = p.readAllStandardOutput().trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QCOMPARE(
            QJsonDocument::fromJson(lines[0]).object().value(QStringLiteral("event")).toString(),
            QStringLiteral("readers"));
        QCOMPARE(
            QJsonDocument::fromJson(lines[1]).object().value(QStringLiteral("event")).toString(),
            QStringLiteral("inserted"));
        QCOMPARE(
            QJsonDocument::fromJson(lines[2]).object().value(QStringLiteral("event")).toString(),
            QStringLiteral("removed"));
    }
};

QTEST_GUILESS_MAIN(TstCardCli)
#include "tst_card_cli.moc"
