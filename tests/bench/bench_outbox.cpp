// Outbox benchmark, one run, three figures:
//   1. enqueue latency (p50/p99/max) with synchronous=FULL, one commit per item
//      (goal: p99 <= 10 ms);
//   2. drain throughput to a loopback portal-sim over mutual TLS
//      (goal: >= 500 items/s);
//   3. SQLCipher against plain SQLite on the same local workload (enqueue N,
//      then dequeue and delete them in batches as the worker does): the ratio.
//
//   bench_outbox [--items N] [--batch N] [--quick] [--check] [--json FILE]
// --quick: few items (the ctest run); --check: exit 1 when a goal is missed;
// --batch N: items per delivery request (1 = one request per item).
#include "https_outbox_transport.h"
#include "outbox.h"
#include "sim_rig.h"
#include "sync_worker.h"

#include <unistd.h>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTimer>
#include <QUuid>
#include <algorithm>
#include <cstdio>

using namespace kiosk;
using namespace kiosk::store;

namespace {

double percentile(QList<double> v, double p) {
    if (v.isEmpty()) {
        return 0;
    }
    std::sort(v.begin(), v.end());
    const auto i = static_cast<qsizetype>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::clamp<qsizetype>(i, 0, v.size() - 1)];
}

QByteArray payload(int i) {
    // About 1 KiB, like a service form with a few fields.
    return QStringLiteral("{\"form\":\"welfare-card\",\"n\":%1,\"nonce\":\"%2\",\"fields\":\"%3\"}")
        .arg(i)
        .arg(QUuid::createUuid().toString(QUuid::WithoutBraces), QString(900, QLatin1Char('x')))
        .toUtf8();
}

// One store and the local half of the outbox's work: enqueue (one commit
// per item) and dequeue (take due heads in batches of 8, delete them, as the
// worker does after 2xx replies).
class Workload {
public:
    QString open(const QString& dir, bool encrypted) {
        m_keys = std::make_unique<FileKeyStore>(FileKeyStore::defaultPath(dir));
        Store::Options o;
        o.dataDir = dir;
        o.keyStore = m_keys.get();
        o.plaintextForBenchmarkOnly = !encrypted;
        auto store = Store::open(o);
        if (!store) {
            return store.error().message;
        }
        m_store = std::move(*store);
        m_outbox = std::make_unique<Outbox>(*m_store);
        return {};
    }

    // Milliseconds for one enqueue, or -1 on error.
    double enqueue(int i) {
        const QByteArray p = payload(i);
        QElapsedTimer t;
        t.start();
        auto k = m_outbox->enqueue({QStringLiteral("service_form"), p,
                                    QStringLiteral("session-%1").arg(i / 4), Priority::ServiceForm,
                                    3600 * 1000});
        const double ms = static_cast<double>(t.nsecsElapsed()) / 1e6;
        if (!k) {
            error = k.error().message;
            return -1;
        }
        enqueueMs << ms;
        enqueueTotalMs += ms;
        return ms;
    }

    // false when nothing is left (or on error).
    bool dequeueBatch() {
        QElapsedTimer t;
        t.start();
        auto due = m_outbox->due(8);
        if (!due || due->isEmpty()) {
            return false;
        }
        QList<qint64> ids;
        for (const auto& item : *due) {
            ids << item.id;
        }
        if (auto r = m_outbox->markDelivered(ids); !r) {
            error = r.error().message;
            return false;
        }
        dequeueTotalMs += static_cast<double>(t.nsecsElapsed()) / 1e6;
        return true;
    }

    Outbox& outbox() { return *m_outbox; }

    QList<double> enqueueMs;
    double enqueueTotalMs = 0;
    double dequeueTotalMs = 0;
    QString error;

private:
    std::unique_ptr<FileKeyStore> m_keys;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<Outbox> m_outbox;
};

// The disk's own commit cost, for context: 4 KiB write + fdatasync.
double fsyncProbeMs(QFile& f) {
    static const QByteArray block(4096, 'x');
    f.write(block);
    f.flush();
    QElapsedTimer t;
    t.start();
    ::fdatasync(f.handle());
    return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("kiosk.*.debug=false\nkiosk.*.info=false"));
    QCommandLineParser cli;
    cli.setApplicationDescription(QStringLiteral("Outbox benchmark"));
    cli.addHelpOption();
    const QCommandLineOption itemsOpt(QStringLiteral("items"), QStringLiteral("Items per run."),
                                      QStringLiteral("n"));
    const QCommandLineOption quickOpt(QStringLiteral("quick"), QStringLiteral("Short run for CI."));
    const QCommandLineOption checkOpt(QStringLiteral("check"),
                                      QStringLiteral("Fail when a goal is missed."));
    const QCommandLineOption jsonOpt(
        QStringLiteral("json"), QStringLiteral("Write results as JSON."), QStringLiteral("file"));
    const QCommandLineOption batchOpt(
        QStringLiteral("batch"), QStringLiteral("Items per request (1 = no batches; default 16)."),
        QStringLiteral("n"), QStringLiteral("16"));
    cli.addOptions({itemsOpt, quickOpt, checkOpt, jsonOpt, batchOpt});
    cli.process(app);
    const int items =
        cli.isSet(itemsOpt) ? cli.value(itemsOpt).toInt() : (cli.isSet(quickOpt) ? 300 : 3000);

    QTemporaryDir tmp;

    // 1: encrypted enqueue, with a raw fsync probe every 10th item for
    // context (the disk is shared); the items stay for the drain.
    Workload enc;
    if (const QString e = enc.open(tmp.filePath(QStringLiteral("enc")), true); !e.isEmpty()) {
        std::fprintf(stderr, "bench_outbox: encrypted store: %s\n", qPrintable(e));
        return 1;
    }
    QFile probe(tmp.filePath(QStringLiteral("fsync-probe")));
    if (!probe.open(QIODevice::WriteOnly)) {
        return 1;
    }
    QList<double> fsyncMs;
    for (int i = 0; i < items; ++i) {
        if (enc.enqueue(i) < 0) {
            std::fprintf(stderr, "bench_outbox: enqueue: %s\n", qPrintable(enc.error));
            return 1;
        }
        if (i % 10 == 0) {
            fsyncMs << fsyncProbeMs(probe);
        }
    }
    Outbox* outbox = &enc.outbox();

    // 2: drain to portal-sim.
    sim::SimRig::Options rigOptions;
    rigOptions.pcscd = false;
    rigOptions.mosquitto = false;
    auto rig = sim::SimRig::start(rigOptions);
    if (!rig) {
        std::fprintf(stderr, "bench_outbox: portal-sim: %s\n", qPrintable(rig.error().message));
        return 1;
    }
    const auto& pki = (*rig)->portal()->pki();
    const backend::BackendSettings settings{QUrl((*rig)->portal()->baseUrl()), pki.caCert,
                                            pki.clientCert, pki.clientKey, 10000};
    auto transport = backend::HttpsOutboxTransport::create(settings, QStringLiteral("BENCH"));
    if (!transport) {
        std::fprintf(stderr, "bench_outbox: %s\n", qPrintable(transport.error().message));
        return 1;
    }
    (*transport)->setMaxBatch(cli.value(batchOpt).toInt());
    SyncPolicy policy;
    policy.maxInFlight = 128;  // 8 requests of 16 items
    SyncWorker worker(*outbox, **transport, policy);
    int delivered = 0;
    QEventLoop loop;
    QObject::connect(&worker, &SyncWorker::delivered, &loop, [&] {
        if (++delivered == items) {
            loop.quit();
        }
    });
    int failures = 0;
    QObject::connect(&worker, &SyncWorker::retryScheduled, &loop, [&] { ++failures; });
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    QElapsedTimer drainClock;
    drainClock.start();
    worker.start();
    loop.exec();
    const double drainMs = static_cast<double>(drainClock.nsecsElapsed()) / 1e6;
    worker.stop();
    const double throughput = delivered * 1000.0 / drainMs;

    // 3: the same local workload on an encrypted and a plain store,
    // interleaved item by item so both see the same disk conditions.
    Workload enc2;
    Workload plain;
    QString openError = enc2.open(tmp.filePath(QStringLiteral("enc2")), true);
    openError += plain.open(tmp.filePath(QStringLiteral("plain")), false);
    if (!openError.isEmpty()) {
        std::fprintf(stderr, "bench_outbox: comparison: %s\n", qPrintable(openError));
        return 1;
    }
    for (int i = 0; i < items; ++i) {
        Workload& first = i % 2 ? plain : enc2;
        Workload& second = i % 2 ? enc2 : plain;
        if (first.enqueue(i) < 0 || second.enqueue(i) < 0) {
            std::fprintf(stderr, "bench_outbox: comparison: %s%s\n", qPrintable(enc2.error),
                         qPrintable(plain.error));
            return 1;
        }
    }
    for (bool more = true; more;) {
        more = enc2.dequeueBatch();
        more = plain.dequeueBatch() || more;
    }
    const double encTotal = enc2.enqueueTotalMs + enc2.dequeueTotalMs;
    const double plainTotal = plain.enqueueTotalMs + plain.dequeueTotalMs;

    const double p50 = percentile(enc.enqueueMs, 0.50);
    const double p99 = percentile(enc.enqueueMs, 0.99);
    const double max = percentile(enc.enqueueMs, 1.0);
    const bool latencyOk = p99 <= 10.0;
    const bool throughputOk = throughput >= 500.0;
    const bool complete = delivered == items;

    std::printf("bench_outbox: %d items of ~1 KiB, SQLCipher, WAL, synchronous=FULL\n", items);
    std::printf(
        "  enqueue latency   p50 %.2f ms  p99 %.2f ms  max %.2f ms   goal p99 <= 10 ms: %s\n", p50,
        p99, max, latencyOk ? "met" : "MISSED");
    std::printf("  (disk baseline: 4 KiB write + fdatasync p50 %.2f ms  p99 %.2f ms)\n",
                percentile(fsyncMs, 0.5), percentile(fsyncMs, 0.99));
    std::printf(
        "  drain to portal   %d/%d items in %.0f ms = %.0f items/s (%d retries)   goal >= 500/s: "
        "%s\n",
        delivered, items, drainMs, throughput, failures, throughputOk ? "met" : "MISSED");
    std::printf("  SQLCipher vs SQLite (enqueue + dequeue, same workload)\n");
    std::printf(
        "    encrypted  enqueue %.0f ms (p50 %.2f, p99 %.2f)  dequeue %.0f ms  total %.0f ms\n",
        enc2.enqueueTotalMs, percentile(enc2.enqueueMs, 0.5), percentile(enc2.enqueueMs, 0.99),
        enc2.dequeueTotalMs, encTotal);
    std::printf(
        "    plain      enqueue %.0f ms (p50 %.2f, p99 %.2f)  dequeue %.0f ms  total %.0f ms\n",
        plain.enqueueTotalMs, percentile(plain.enqueueMs, 0.5), percentile(plain.enqueueMs, 0.99),
        plain.dequeueTotalMs, plainTotal);
    std::printf("    ratio encrypted/plain: total %.2fx, enqueue p50 %.2fx, dequeue %.2fx\n",
                encTotal / plainTotal,
                percentile(enc2.enqueueMs, 0.5) / std::max(1e-6, percentile(plain.enqueueMs, 0.5)),
                enc2.dequeueTotalMs / std::max(1e-6, plain.dequeueTotalMs));
    std::fflush(stdout);

    if (cli.isSet(jsonOpt)) {
        QFile f(cli.value(jsonOpt));
        if (f.open(QIODevice::WriteOnly)) {
            f.write(QJsonDocument(
                        QJsonObject{{QStringLiteral("items"), items},
                                    {QStringLiteral("enqueue_p50_ms"), p50},
                                    {QStringLiteral("enqueue_p99_ms"), p99},
                                    {QStringLiteral("enqueue_max_ms"), max},
                                    {QStringLiteral("fsync_p50_ms"), percentile(fsyncMs, 0.5)},
                                    {QStringLiteral("fsync_p99_ms"), percentile(fsyncMs, 0.99)},
                                    {QStringLiteral("drain_items_per_s"), throughput},
                                    {QStringLiteral("delivered"), delivered},
                                    {QStringLiteral("sqlcipher_total_ms"), encTotal},
                                    {QStringLiteral("sqlite_total_ms"), plainTotal},
                                    {QStringLiteral("ratio"), encTotal / plainTotal}})
                        .toJson());
        }
    }
    if (!complete) {
        std::fprintf(stderr, "bench_outbox: the drain did not finish\n");
        return 1;
    }
    if (cli.isSet(checkOpt) && (!latencyOk || !throughputOk)) {
        return 1;
    }
    return 0;
}
