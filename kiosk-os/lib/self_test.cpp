#include "self_test.h"

#include "card_locator.h"
#include "ocr_engine.h"

#include "config.h"
#include "local_socket.h"
#include "models_lock.h"
#include "paths.h"
#include "provisioning.h"

#include <fontconfig/fontconfig.h>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryFile>

namespace kiosk::os {

namespace {

using Status = SelfCheck::Status;

SelfCheck checkConfig(const QString& path) {
    const auto c = ConfigLoader::loadFile(path);
    if (!c) {
        return {QStringLiteral("config"), Status::Fail, c.error().summary()};
    }
    return {QStringLiteral("config"), Status::Pass,
            QStringLiteral("%1 valid (kiosk %2)").arg(path, c->kiosk.id)};
}

SelfCheck checkDataDir(const QString& dir) {
    if (!QDir().mkpath(dir)) {
        return {QStringLiteral("data_dir"), Status::Fail,
                QStringLiteral("cannot create %1").arg(dir)};
    }
    QTemporaryFile probe(dir + QStringLiteral("/.selftest-XXXXXX"));
    if (!probe.open() || probe.write("x", 1) != 1 || !probe.flush()) {
        return {QStringLiteral("data_dir"), Status::Fail,
                QStringLiteral("%1 is not writable").arg(dir)};
    }
    return {QStringLiteral("data_dir"), Status::Pass, QStringLiteral("%1 writable").arg(dir)};
}

SelfCheck checkProvisioning(const QString& dataDir) {
    const auto id = readIdentity(dataDir);
    if (!id) {
        // First boot provisions; before that the kiosk still serves offline.
        return {QStringLiteral("provisioning"), Status::Warn, id.error().message};
    }
    return {QStringLiteral("provisioning"), Status::Pass,
            QStringLiteral("device %1").arg(id->deviceId)};
}

SelfCheck checkModels() {
    const QString dir = paths::modelsDir();
    const auto lock = readModelsLock(dir + QStringLiteral("/models.lock"));
    if (!lock) {
        return {QStringLiteral("models"), Status::Fail, lock.error()};
    }
    int files = 0;
    for (const ModelPackage& p : *lock) {
        for (const QString& f : p.files) {
            const QString path = paths::modelFile(p.package, p.version, f);
            if (QFileInfo(path).size() <= 0) {
                return {QStringLiteral("models"), Status::Fail,
                        QStringLiteral("%1 is missing").arg(path)};
            }
            ++files;
        }
    }
    return {QStringLiteral("models"), Status::Pass,
            QStringLiteral("%1 files in %2").arg(files).arg(dir)};
}

SelfCheck checkThaiFont() {
    if (!FcInit()) {
        return {QStringLiteral("thai_font"), Status::Fail,
                QStringLiteral("fontconfig did not initialise")};
    }
    FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>(":lang=th"));
    FcObjectSet* objects = FcObjectSetBuild(FC_FAMILY, nullptr);
    FcFontSet* fonts = FcFontList(nullptr, pattern, objects);
    QStringList families;
    for (int i = 0; fonts && i < fonts->nfont; ++i) {
        FcChar8* family = nullptr;
        if (FcPatternGetString(fonts->fonts[i], FC_FAMILY, 0, &family) == FcResultMatch) {
            families << QString::fromUtf8(reinterpret_cast<const char*>(family));
        }
    }
    if (fonts) {
        FcFontSetDestroy(fonts);
    }
    FcObjectSetDestroy(objects);
    FcPatternDestroy(pattern);
    families.removeDuplicates();
    if (!families.contains(QStringLiteral("Laksaman"))) {
        return {
            QStringLiteral("thai_font"), families.isEmpty() ? Status::Fail : Status::Warn,
            families.isEmpty()
                ? QStringLiteral("no font covers Thai (install fonts-tlwg-laksaman)")
                : QStringLiteral("Laksaman missing; Thai falls back to %1").arg(families.first())};
    }
    return {QStringLiteral("thai_font"), Status::Pass, QStringLiteral("Laksaman")};
}

SelfCheck checkPcsc(QString socket) {
    if (socket.isEmpty()) {
        socket =
            qEnvironmentVariable("PCSCLITE_CSOCK_NAME", QStringLiteral("/run/pcscd/pcscd.comm"));
    }
    const bool ok = unixSocketAnswers(socket);
    // A kiosk without pcscd cannot read cards, but can show its screens and queue work.
    return {QStringLiteral("pcscd"), ok ? Status::Pass : Status::Warn,
            ok ? QStringLiteral("%1 answers").arg(socket)
               : QStringLiteral("%1 does not answer (is pcscd.socket enabled?)").arg(socket)};
}

// The printed card cannot be read without the templates the card is found by
// and Tesseract's Thai and English models: proofing would then stop below
// IAL 2.3 on every card. Loading them is the check (a few hundred ms).
SelfCheck checkCardOcr(const QString& templatesDir) {
    const QString name = QStringLiteral("card_ocr");
    if (auto locator = ocr::CardLocator::create(templatesDir); !locator) {
        return {name, SelfCheck::Status::Fail, locator.error().detail};
    }
    if (auto engine = ocr::TesseractEngine::create(QString()); !engine) {
        return {name, SelfCheck::Status::Fail, engine.error().detail};
    }
    return {name, SelfCheck::Status::Pass,
            QStringLiteral("templates in %1, Tesseract tha+eng").arg(templatesDir)};
}

}  // namespace

QString SelfCheck::statusName(Status s) {
    switch (s) {
        case Status::Pass:
            return QStringLiteral("pass");
        case Status::Warn:
            return QStringLiteral("warn");
        case Status::Fail:
            return QStringLiteral("fail");
    }
    return QStringLiteral("fail");
}

QList<SelfCheck> runSelfTest(const SelfTestOptions& options) {
    return {checkConfig(options.configFile),
            checkDataDir(options.dataDir),
            checkProvisioning(options.dataDir),
            checkModels(),
            checkThaiFont(),
            checkCardOcr(options.cardTemplatesDir),
            checkPcsc(options.pcscSocket)};
}

bool passed(const QList<SelfCheck>& checks) {
    return std::none_of(checks.begin(), checks.end(),
                        [](const SelfCheck& c) { return c.status == SelfCheck::Status::Fail; });
}

QJsonObject selfTestJson(const QList<SelfCheck>& checks) {
    QJsonArray list;
    for (const auto& c : checks) {
        list.append(QJsonObject{{QStringLiteral("name"), c.name},
                                {QStringLiteral("status"), SelfCheck::statusName(c.status)},
                                {QStringLiteral("detail"), c.detail}});
    }
    return {{QStringLiteral("ok"), passed(checks)}, {QStringLiteral("checks"), list}};
}

}  // namespace kiosk::os
