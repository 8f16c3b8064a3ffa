// kioskctl selftest and kioskctl provision: the installation's health and
// the kiosk's first-boot identity (kiosk-os/lib).
#include "command.h"
#include "commands.h"
#include "config.h"
#include "paths.h"
#include "proof_support.h"
#include "provisioning.h"
#include "self_test.h"

#include <QJsonArray>

namespace kiosk::cli {

int selftest(const QStringList& args, const GlobalOptions& global, Output& out) {
    if (!args.isEmpty()) {
        return out.error(QStringLiteral("usage"), QStringLiteral("usage: kioskctl selftest"),
                         kUsage);
    }
    const os::SelfTestOptions options{paths::configFile(global.configFile),
                                      paths::dataDir(global.dataDir),
                                      {},
                                      cardTemplatesDir()};
    const auto checks = os::runSelfTest(options);
    const bool ok = os::passed(checks);
    if (out.json()) {
        QJsonObject o = os::selfTestJson(checks);
        o.insert(QStringLiteral("version"), QStringLiteral(KIOSK_VERSION));
        out.emitJson(o);
    } else {
        for (const auto& c : checks) {
            out.text() << os::SelfCheck::statusName(c.status).toUpper().leftJustified(5)
                       << c.name.leftJustified(13) << c.detail << '\n';
        }
        out.text() << (ok ? "self-test passed\n" : "self-test FAILED\n");
    }
    return ok ? kOk : kFailed;
}

int provision(const QStringList& args, const GlobalOptions& global, Output& out) {
    if (!args.isEmpty()) {
        return out.error(QStringLiteral("usage"), QStringLiteral("usage: kioskctl provision"),
                         kUsage);
    }
    const auto config = ConfigLoader::loadFile(paths::configFile(global.configFile));
    if (!config) {
        return out.error(QStringLiteral("config"), config.error().summary());
    }
    const auto id = os::provision(paths::dataDir(global.dataDir), config->kiosk.id);
    if (!id) {
        return out.error(QStringLiteral("provision"), id.error().message);
    }
    if (out.json()) {
        out.emitJson({{QStringLiteral("device_id"), id->deviceId},
                      {QStringLiteral("created"), id->createdNow},
                      {QStringLiteral("signing_public_key"), id->signingPublic},
                      {QStringLiteral("enrolment_request"), id->enrolmentCsr}});
    } else {
        out.text() << (id->createdNow ? "provisioned device " : "already provisioned: device ")
                   << id->deviceId << "\nfleet enrolment request: " << id->enrolmentCsr << '\n';
    }
    return kOk;
}

}  // namespace kiosk::cli
