// portal-sim keeps the state a real backend keeps across a restart (--state):
// a portal submission repeated after the restart with the same idempotency
// key gets the first answer, not a second submission; and the router's
// prefix routes pick the longest prefix and answer 404/405 like exact ones.
#include "citizen_portal_client.h"
#include "portal_part.h"
#include "portal_sim.h"
#include "test_env.h"

#include <QFile>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

using namespace kiosk;

class TestPortalSimState : public QObject {
    Q_OBJECT

private:
    static std::unique_ptr<backend::CitizenPortalClient> client(const sim::PortalPart& part) {
        const auto& pki = part.pki();
        const backend::BackendSettings tls{QUrl(part.baseUrl()), pki.caCert, pki.clientCert,
                                           pki.clientKey, 3000};
        auto http = backend::BackendHttp::create(
            tls, backend::ServiceSettings::fromBackend(QStringLiteral("portal"), tls),
            QStringLiteral("KIOSK-TEST"));
        return http ? std::make_unique<backend::CitizenPortalClient>(std::move(*http)) : nullptr;
    }

private slots:
    void restart_sameKey_firstAnswerKept() {
        QTemporaryDir dir;
        const QString program = test::program(QStringLiteral("portal-sim"));
        const QString key = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QJsonObject form{{QStringLiteral("copies"), 1},
                               {QStringLiteral("purpose"), QStringLiteral("x")}};
        QString first;
        {
            sim::PortalPart part(dir.path(), program);
            auto started = part.start();
            QVERIFY2(started.has_value(),
                     qPrintable(started.has_value() ? QString() : started.error().message));
            auto portal = client(part);
            QVERIFY(portal);
            const auto s = portal->submit(QStringLiteral("house-registration-copy"), form, key);
            QVERIFY2(s.has_value(), qPrintable(s.has_value() ? QString() : s.error().message));
            first = s->submissionId;
            part.stop();
            QVERIFY(QFile::exists(part.stateFile()));
        }
        sim::PortalPart again(dir.path(), program);
        auto started = again.start();
        QVERIFY2(started.has_value(),
                 qPrintable(started.has_value() ? QString() : started.error().message));
        auto portal = client(again);
        const auto repeat = portal->submit(QStringLiteral("house-registration-copy"), form, key);
        QVERIFY(repeat.has_value());
        QCOMPARE(repeat->submissionId, first);
        const auto status = portal->submissionStatus(first);
        QVERIFY(status.has_value());
    }

    void router_prefixRoutes_longestWinsAnd405() {
        sim::Router router;
        router.addPrefix("GET", "/a/", [](const sim::HttpRequest&) {
            return sim::HttpResponse::json(200, "{\"r\":1}");
        });
        router.addPrefix("GET", "/a/b/", [](const sim::HttpRequest&) {
            return sim::HttpResponse::json(200, "{\"r\":2}");
        });
        sim::HttpRequest r;
        r.method = "GET";
        r.target = "/a/b/c";
        QCOMPARE(router.handle(r).body, QByteArray("{\"r\":2}"));
        r.target = "/a/x";
        QCOMPARE(router.handle(r).body, QByteArray("{\"r\":1}"));
        r.method = "POST";
        QCOMPARE(router.handle(r).status, 405);
        r.target = "/zzz";
        QCOMPARE(router.handle(r).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestPortalSimState)
#include "tst_portal_sim_state.moc"
