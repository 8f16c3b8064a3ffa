// pcscd with the vpcd driver, isolated in a private mount namespace: a real
// PC/SC client sees the virtual readers through PCSCLITE_CSOCK_NAME, and the
// system's /run/pcscd is never touched.
#include "pcscd_part.h"

#include <winscard.h>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using kiosk::sim::PcscdPart;

class TestPcscdPart : public QObject {
    Q_OBJECT
private slots:
    void start_vpcdReaders_listedByRealClient() {
        const bool systemSocketBefore = QFileInfo::exists(QStringLiteral("/run/pcscd/pcscd.comm"));
        QTemporaryDir dir;
        PcscdPart part(dir.path());
        const auto started = part.start();
        QVERIFY2(started, started ? "" : qPrintable(started.error().summary()));
        QVERIFY(QFileInfo::exists(part.socketPath()));
        QVERIFY(part.vpcdPort() > 0);

        // libpcsclite reads this once per process: set before the first call.
        qputenv("PCSCLITE_CSOCK_NAME", part.socketPath().toLocal8Bit());
        SCARDCONTEXT ctx = 0;
        QCOMPARE(SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &ctx),
                 LONG(SCARD_S_SUCCESS));
        DWORD len = 0;
        QCOMPARE(SCardListReaders(ctx, nullptr, nullptr, &len), LONG(SCARD_S_SUCCESS));
        QByteArray buf(static_cast<qsizetype>(len), '\0');
        QCOMPARE(SCardListReaders(ctx, nullptr, buf.data(), &len), LONG(SCARD_S_SUCCESS));
        const QList<QByteArray> readers = buf.split('\0');
        QVERIFY2(readers.contains(PcscdPart::readerName(0).toLatin1()), buf.constData());
        QVERIFY(readers.contains(PcscdPart::readerName(1).toLatin1()));

        // No virtual card connected yet: the reader reports an empty slot.
        const QByteArray name = PcscdPart::readerName(0).toLatin1();
        SCARD_READERSTATE state{};
        state.szReader = name.constData();
        state.dwCurrentState = SCARD_STATE_UNAWARE;
        QCOMPARE(SCardGetStatusChange(ctx, 0, &state, 1), LONG(SCARD_S_SUCCESS));
        QVERIFY(state.dwEventState & SCARD_STATE_EMPTY);
        SCardReleaseContext(ctx);

        part.stop();
        QVERIFY(!part.isRunning());
        ctx = 0;
        QVERIFY(SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &ctx) !=
                SCARD_S_SUCCESS);
        QCOMPARE(QFileInfo::exists(QStringLiteral("/run/pcscd/pcscd.comm")), systemSocketBefore);
    }
};

QTEST_GUILESS_MAIN(TestPcscdPart)
#include "tst_pcscd_part.moc"
