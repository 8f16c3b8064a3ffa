// The process the crash torture test kills: opens the store (checking its
// integrity first), then enqueues items as fast as it can while a sync worker
// delivers them to portal-sim. After each enqueue commits it appends the key
// to --committed, so the test knows every item the kiosk promised to deliver.
//
//   outbox_torture_producer --data-dir D --portal-url U --ca F --cert F --key F
//                           --committed FILE            (produce until killed)
//   outbox_torture_producer ... --drain                 (deliver, exit 0 when empty)
#include "https_outbox_transport.h"
#include "outbox.h"
#include "sync_worker.h"

#include <fcntl.h>
#include <unistd.h>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QRandomGenerator>
#include <QTimer>
#include <QUuid>
#include <cstdio>

using namespace kiosk;
using namespace kiosk::store;

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("kiosk.*.debug=false\nkiosk.*.info=false"));
    QCommandLineParser cli;
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), {}, QStringLiteral("dir"));
    const QCommandLineOption url(QStringLiteral("portal-url"), {}, QStringLiteral("url"));
    const QCommandLineOption ca(QStringLiteral("ca"), {}, QStringLiteral("file"));
    const QCommandLineOption cert(QStringLiteral("cert"), {}, QStringLiteral("file"));
    const QCommandLineOption key(QStringLiteral("key"), {}, QStringLiteral("file"));
    const QCommandLineOption committed(QStringLiteral("committed"), {}, QStringLiteral("file"));
    const QCommandLineOption drain(QStringLiteral("drain"));
    cli.addOptions({dataDir, url, ca, cert, key, committed, drain});
    cli.process(app);

    FileKeyStore keys(FileKeyStore::defaultPath(cli.value(dataDir)));
    auto store = Store::open({.dataDir = cli.value(dataDir), .keyStore = &keys});
    if (!store) {
        std::printf("open=FAIL %s\n", qPrintable(store.error().message));
        return 2;
    }
    auto problems = (*store)->integrityCheck(false);
    if (!problems || !problems->isEmpty()) {
        std::printf("integrity=FAIL %s\n", qPrintable(problems ? problems->join(QLatin1Char(';'))
                                                               : problems.error().message));
        return 3;
    }
    std::printf("ready integrity=ok\n");
    std::fflush(stdout);

    Outbox outbox(**store);
    backend::BackendSettings settings{QUrl(cli.value(url)), cli.value(ca), cli.value(cert),
                                      cli.value(key), 5000};
    auto transport = backend::HttpsOutboxTransport::create(settings, QStringLiteral("TORTURE"));
    if (!transport) {
        std::printf("transport=FAIL %s\n", qPrintable(transport.error().message));
        return 2;
    }
    SyncPolicy policy;
    policy.maxInFlight = 4;
    policy.baseDelayMs = 20;
    policy.maxDelayMs = 200;
    policy.maxAttempts = 1000;
    policy.idleCheckMs = 100;
    SyncWorker worker(outbox, **transport, policy);

    if (cli.isSet(drain)) {
        QTimer::singleShot(60000, &app, [] { QCoreApplication::exit(5); });
        QObject::connect(&worker, &SyncWorker::idle, &app, [&] {
            auto s = outbox.stats();
            if (s && s->pending == 0 && worker.inFlight() == 0) {
                std::printf("drained delivered_total=%lld dead=%lld\n",
                            static_cast<long long>(s->deliveredTotal),
                            static_cast<long long>(s->deadLetter));
                QCoreApplication::exit(s->deadLetter == 0 ? 0 : 4);
            }
        });
        worker.start();
        return QCoreApplication::exec();
    }

    const int fd = ::open(QFile::encodeName(cli.value(committed)).constData(),
                          O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) {
        std::printf("committed=FAIL\n");
        return 2;
    }
    worker.start();
    quint64 n = 0;
    QString session = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QTimer producer;
    QObject::connect(&producer, &QTimer::timeout, &app, [&] {
        auto* rng = QRandomGenerator::global();
        if (n % 4 == 0) {
            session = QUuid::createUuid().toString(QUuid::WithoutBraces);
        }
        const bool proofing = rng->bounded(4) == 0;
        const QByteArray payload =
            QStringLiteral("{\"pid\":%1,\"n\":%2,\"nonce\":%3,\"pad\":\"%4\"}")
                .arg(::getpid())
                .arg(n++)
                .arg(rng->generate64())
                .arg(QString(rng->bounded(50, 400), QLatin1Char('x')))
                .toUtf8();
        auto k = outbox.enqueue(
            {proofing ? QStringLiteral("proofing_record") : QStringLiteral("service_form"), payload,
             session, proofing ? Priority::ProofingRecord : Priority::ServiceForm, 3600 * 1000});
        if (!k) {
            std::printf("enqueue=FAIL %s\n", qPrintable(k.error().message));
            QCoreApplication::exit(6);
            return;
        }
        // Reported only after the commit returned: this key must reach the server.
        const QByteArray line = k->toLatin1() + '\n';
        if (::write(fd, line.constData(), static_cast<size_t>(line.size())) != line.size()) {
            QCoreApplication::exit(7);
        }
        worker.wake();
    });
    producer.start(0);
    return QCoreApplication::exec();
}
