// Reads the virtual Thai ID card through real pcscd + vpcd, one test per
// card profile. pcscd runs in a private mount namespace (kiosk::sim::PcscdPart);
// a missing pcscd or vpcd driver fails the suite, it never skips.
#include "card_test_support.h"
#include "cid.h"
#include "pcsc_card_reader.h"
#include "pcscd_part.h"
#include "vpcd_client.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace kiosk;
using namespace kiosk::card;
using sim::vcard::VirtualCardSession;

class TstThaiIdPcsc : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<sim::PcscdPart> m_pcscd;
    QString m_reader;

    // Inserts the card and waits until pcscd reports it present.
    std::unique_ptr<VirtualCardSession> insert(
        const QString& profile, const QString& file = QStringLiteral("somchai.json")) {
        if (!waitForPresence(false)) {
            qWarning() << "a card from an earlier test is still in the reader";
            return nullptr;
        }
        auto session = test::insertVirtualCard(m_pcscd->vpcdPort(0), profile, file);
        if (!session) {
            return nullptr;
        }
        if (!waitForPresence(true)) {
            qWarning() << "pcscd never saw the virtual card";
            return nullptr;
        }
        return session;
    }

    bool waitForPresence(bool present, int timeoutMs = 5000) {
        PcscCardReader reader;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            auto withCard = reader.readersWithCard();
            if (withCard && withCard->contains(m_reader) == present) {
                return true;
            }
            QThread::msleep(50);
        }
        return false;
    }

    void removeCard(std::unique_ptr<VirtualCardSession>& session) {
        session->remove();
        QVERIFY2(waitForPresence(false), "pcscd still reports the card after removal");
    }

    static ReadOptions options() {
        ReadOptions o;
        o.apduTimeoutMs = 3000;
        o.readTimeoutMs = 20000;
        return o;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_pcscd = std::make_unique<sim::PcscdPart>(m_dir.path());
        auto started = m_pcscd->start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().summary()));
        // libpcsclite reads this once, before the first PC/SC call of the process.
        qputenv("PCSCLITE_CSOCK_NAME", m_pcscd->socketPath().toUtf8());
        m_reader = sim::PcscdPart::readerName(0);
        PcscCardReader reader;
        auto readers = reader.readers();
        QVERIFY2(readers, qPrintable(readers ? QString() : readers.error().summary()));
        QVERIFY2(readers->contains(m_reader), qPrintable(readers->join(QStringLiteral(", "))));
    }

    void cleanupTestCase() { m_pcscd.reset(); }

    void read_standardProfile_returnsFullIdentity() {
        auto session = insert(QStringLiteral("standard"));
        QVERIFY(session);
        PcscCardReader reader;
        ApduStats stats;
        auto data = reader.read(QString(), options(), &stats);
        QVERIFY2(data, qPrintable(data ? QString() : data.error().summary()));
        QCOMPARE(data->cid, QStringLiteral("1101700230708"));
        QVERIFY(data->cidValid());
        QCOMPARE(data->nameTh.prefix, QStringLiteral("นาย"));
        QCOMPARE(data->nameTh.first, QStringLiteral("สมชาย"));
        QCOMPARE(data->nameTh.middle, QString());
        QCOMPARE(data->nameTh.last, QStringLiteral("ทดสอบดี"));
        QCOMPARE(data->nameEn.display(), QStringLiteral("Mr. Somchai Thotsopdee"));
        QCOMPARE(data->birthDate.toIso(), QStringLiteral("1987-01-15"));
        QCOMPARE(data->sex, Sex::Male);
        QCOMPARE(data->issuer, QStringLiteral("ท้องถิ่นเขตบางรัก/กรุงเทพมหานคร"));
        QCOMPARE(data->issueDate.toIso(), QStringLiteral("2023-03-01"));
        QCOMPARE(data->expiryDate.toIso(), QStringLiteral("2031-01-14"));
        QCOMPARE(data->address.soi, QStringLiteral("ซอยทดลอง ๑๒"));
        QCOMPARE(data->address.province, QStringLiteral("กรุงเทพมหานคร"));
        QCOMPARE(data->laserCode, QStringLiteral("JT0-1234567-89"));
        QVERIFY(isCompleteJpeg(data->photoJpeg));
        QVERIFY(!QImage::fromData(data->photoJpeg, "JPEG").isNull());
        QCOMPARE(data->atr.toHex().toUpper(), QByteArray("3B781800000073C84013009000"));
        // SELECT + 23 reads x (read + GET RESPONSE) + laser SELECT + laser read.
        QCOMPARE(stats.apdus, 1 + 23 * 2 + 2);
        QCOMPARE(session->apduCount(), stats.apdus);
        auto ctx = PcscContext::establish();
        QVERIFY(ctx);
        auto connected = (*ctx)->connect(m_reader);
        QVERIFY(connected);
        QCOMPARE((*connected)->protocol(), Protocol::T0);
        connected->reset();
        removeCard(session);
    }

    void read_atr3B67Profile_usesGetResponseP2One() {
        auto session = insert(QStringLiteral("atr-3b67"));
        QVERIFY(session);
        PcscCardReader reader;
        auto data = reader.read(m_reader, options());
        // The card rejects GET RESPONSE with P2 = 00: success proves P2 = 01 was used.
        QVERIFY2(data, qPrintable(data ? QString() : data.error().summary()));
        QCOMPARE(data->cid, QStringLiteral("1101700230708"));
        QVERIFY(data->atr.startsWith(QByteArray::fromHex("3B67")));
        removeCard(session);
    }

    void read_t1DirectProfile_readsWithoutGetResponse() {
        auto session = insert(QStringLiteral("t1-direct"));
        QVERIFY(session);
        PcscCardReader reader;
        ApduStats stats;
        auto data = reader.read(m_reader, options(), &stats);
        QVERIFY2(data, qPrintable(data ? QString() : data.error().summary()));
        QCOMPARE(data->nameEn.first, QStringLiteral("Somchai"));
        QVERIFY(isCompleteJpeg(data->photoJpeg));
        QCOMPARE(stats.apdus, 1 + 23 + 2);
        // pcscd negotiated T=1 from the ATR.
        auto ctx = PcscContext::establish();
        QVERIFY(ctx);
        auto connected = (*ctx)->connect(m_reader);
        QVERIFY(connected);
        QCOMPARE((*connected)->protocol(), Protocol::T1);
        connected->reset();
        removeCard(session);
    }

    void read_expiredProfile_reportsExpiredCard() {
        auto session = insert(QStringLiteral("expired"));
        QVERIFY(session);
        PcscCardReader reader;
        auto data = reader.read(m_reader, options());
        QVERIFY2(data, qPrintable(data ? QString() : data.error().summary()));
        QCOMPARE(data->expiryDate.toIso(), QStringLiteral("2017-03-09"));
        QVERIFY(data->isExpired(QDate(2026, 1, 1)));
        QVERIFY(data->toJson().value(QStringLiteral("expired")).toBool());
        removeCard(session);
    }

    void read_unknownBirthDayProfile_returnsPartialBirthDate() {
        auto session = insert(QStringLiteral("unknown-birth-day"));
        QVERIFY(session);
        PcscCardReader reader;
        auto data = reader.read(m_reader, options());
        QVERIFY2(data, qPrintable(data ? QString() : data.error().summary()));
        QCOMPARE(data->birthDate.toIso(), QStringLiteral("1952-06"));
        QVERIFY(data->birthDate.isPartial());
        QCOMPARE(data->toJson().value(QStringLiteral("birth_date_partial")).toBool(), true);
        removeCard(session);
    }

    void read_corruptPhotoProfile_failsWithCorruptData() {
        auto session = insert(QStringLiteral("corrupt-photo"));
        QVERIFY(session);
        PcscCardReader reader;
        auto data = reader.read(m_reader, options());
        QVERIFY(!data);
        QCOMPARE(data.error().code, CardError::Code::CorruptData);
        // Without the photo the same card reads fine.
        ReadOptions noPhoto = options();
        noPhoto.photo = false;
        auto text = reader.read(m_reader, noPhoto);
        QVERIFY2(text, qPrintable(text ? QString() : text.error().summary()));
        QVERIFY(text->photoJpeg.isEmpty());
        removeCard(session);
    }

    void read_slowProfile_honoursApduTimeout() {
        auto session = insert(QStringLiteral("slow"));  // 40 ms per APDU
        QVERIFY(session);
        PcscCardReader reader;
        ReadOptions fast = options();
        fast.photo = false;
        fast.apduTimeoutMs = 10;
        auto tooSlow = reader.read(m_reader, fast);
        QVERIFY(!tooSlow);
        QCOMPARE(tooSlow.error().code, CardError::Code::Timeout);

        ReadOptions overall = options();
        overall.readTimeoutMs = 300;  // ~49 APDUs x 40 ms do not fit
        auto overallTimeout = reader.read(m_reader, overall);
        QVERIFY(!overallTimeout);
        QCOMPARE(overallTimeout.error().code, CardError::Code::Timeout);

        auto ok = reader.read(m_reader, options());
        QVERIFY2(ok, qPrintable(ok ? QString() : ok.error().summary()));
        QCOMPARE(ok->cid, QStringLiteral("1101700230708"));
        removeCard(session);
    }

    void read_removeAtProfile_failsCardRemovedWithoutIdentity() {
        auto session = insert(QStringLiteral("remove-at"));  // leaves at APDU 8
        QVERIFY(session);
        PcscCardReader reader;
        auto data = reader.read(m_reader, options());
        QVERIFY(waitForPresence(false));
        QVERIFY(!data);
        QCOMPARE(data.error().code, CardError::Code::CardRemoved);
        QVERIFY(session->finished());
    }

    void read_garbageProfile_failsWithProtocolError() {
        auto session = insert(QStringLiteral("garbage"));
        QVERIFY(session);
        PcscCardReader reader;
        auto data = reader.read(m_reader, options());
        QVERIFY(!data);
        QCOMPARE(data.error().code, CardError::Code::Protocol);
        removeCard(session);
    }

    void read_noLaserProfile_leavesLaserCodeEmpty() {
        auto session = insert(QStringLiteral("no-laser"));
        QVERIFY(session);
        PcscCardReader reader;
        auto data = reader.read(m_reader, options());
        QVERIFY2(data, qPrintable(data ? QString() : data.error().summary()));
        QVERIFY(data->laserCode.isEmpty());
        QVERIFY(data->toJson().value(QStringLiteral("laser_code")).isNull());
        removeCard(session);
    }

    void read_lifelongCard_hasNoExpiry() {
        auto session = insert(QStringLiteral("standard"), QStringLiteral("thanakorn.json"));
        QVERIFY(session);
        PcscCardReader reader;
        auto data = reader.read(m_reader, options());
        QVERIFY2(data, qPrintable(data ? QString() : data.error().summary()));
        QVERIFY(data->expiryLifelong);
        QVERIFY(!data->isExpired(QDate(2100, 1, 1)));
        QCOMPARE(data->nameEn.middle, QStringLiteral("Peter"));
        QCOMPARE(data->birthDate.toIso(), QStringLiteral("1937"));
        removeCard(session);
    }

    void read_cardHeldExclusivelyElsewhere_failsSharingViolation() {
        auto session = insert(QStringLiteral("standard"));
        QVERIFY(session);
        auto other = PcscContext::establish();
        QVERIFY(other);
        auto held = (*other)->connect(m_reader);
        QVERIFY2(held, qPrintable(held ? QString() : held.error().summary()));
        PcscCardReader reader;
        auto data = reader.read(m_reader, options());
        QVERIFY(!data);
        QCOMPARE(data.error().code, CardError::Code::SharingViolation);
        held->reset();
        removeCard(session);
    }

    void read_afterPcscdRestart_usesTheNewDaemon() {
        PcscCardReader reader;  // keeps its PC/SC context across calls
        QVERIFY(reader.readers());
        m_pcscd->stop();
        auto down = reader.readers();
        QVERIFY(!down);
        QCOMPARE(down.error().code, CardError::Code::NoService);
        auto restarted = m_pcscd->start();
        QVERIFY2(restarted, qPrintable(restarted ? QString() : restarted.error().summary()));
        auto session = insert(QStringLiteral("standard"));
        QVERIFY(session);
        auto data = reader.read(QString(), options());
        QVERIFY2(data, qPrintable(data ? QString() : data.error().summary()));
        QCOMPARE(data->cid, QStringLiteral("1101700230708"));
        removeCard(session);
    }

    void read_noCard_failsNoCard() {
        PcscCardReader reader;
        auto data = reader.read(QString(), options());
        QVERIFY(!data);
        QCOMPARE(data.error().code, CardError::Code::NoCard);
    }
};

QTEST_GUILESS_MAIN(TstThaiIdPcsc)
#include "tst_thai_id_pcsc.moc"
