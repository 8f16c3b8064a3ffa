// `kioskctl selftest`: checks an installed kiosk can run, without hardware
// or a display. Each check passes, warns (degraded but serviceable) or fails.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace kiosk::os {

struct SelfCheck {
    enum class Status { Pass, Warn, Fail };
    QString name;
    Status status = Status::Fail;
    QString detail;

    static QString statusName(Status s);
};

struct SelfTestOptions {
    QString configFile;
    QString dataDir;
    QString pcscSocket;  // empty: $PCSCLITE_CSOCK_NAME, else /run/pcscd/pcscd.comm
    // The OCR locator's blank card templates (paths::cardTemplatesDir).
    QString cardTemplatesDir;
};

QList<SelfCheck> runSelfTest(const SelfTestOptions& options);
bool passed(const QList<SelfCheck>& checks);  // no Fail
// {"ok": passed, "checks": [{"name", "status", "detail"}]}: what kioskctl
// prints with --json and what a remote self-test command reports.
QJsonObject selfTestJson(const QList<SelfCheck>& checks);

}  // namespace kiosk::os
