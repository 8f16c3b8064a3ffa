// kioskctl card ...: the technician's view of the card reader.
//   card list-readers                     readers and whether each holds a card
//   card watch [--count N] [--timeout-ms MS]   reader and card events as they happen
//   card read [--reader NAME] [--photo FILE] [--no-photo]   read a Thai ID card
#include "command.h"
#include "commands.h"
#include "config.h"
#include "pcsc.h"
#include "pcsc_card_reader.h"
#include "reader_monitor.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

namespace kiosk::cli {

namespace {

int cardError(Output& out, const card::CardError& e) {
    return out.error(e.codeName(), e.message);
}

}  // namespace

int cardListReaders(const QStringList& args, const GlobalOptions&, Output& out) {
    if (!args.isEmpty()) {
        return out.error(QStringLiteral("usage"),
                         QStringLiteral("usage: kioskctl card list-readers"), kUsage);
    }
    auto ctx = card::PcscContext::establish();
    if (!ctx) {
        return cardError(out, ctx.error());
    }
    auto readers = (*ctx)->readers();
    if (!readers) {
        return cardError(out, readers.error());
    }
    auto states = (*ctx)->states(*readers);
    if (!states) {
        return cardError(out, states.error());
    }
    if (out.json()) {
        QJsonArray list;
        for (const auto& s : *states) {
            list.append(QJsonObject{
                {QStringLiteral("name"), s.reader},
                {QStringLiteral("card_present"), s.present},
                {QStringLiteral("in_use"), s.inUse},
                {QStringLiteral("atr"), QString::fromLatin1(s.atr.toHex(' ').toUpper())}});
        }
        out.emitJson({{QStringLiteral("readers"), list}});
    } else if (states->isEmpty()) {
        out.text() << "no readers\n";
    } else {
        for (const auto& s : *states) {
            out.text() << s.reader << ": "
                       << (s.present ? "card " + s.atr.toHex(' ').toUpper() : QByteArray("empty"))
                       << '\n';
        }
    }
    return kOk;
}

int cardWatch(const QStringList& argsIn, const GlobalOptions&, Output& out) {
    QStringList args = argsIn;
    QString count;
    QString timeout;
    bool bad = false;
    takeOption(args, QStringLiteral("--count"), count, bad);
    takeOption(args, QStringLiteral("--timeout-ms"), timeout, bad);
    if (bad || !args.isEmpty()) {
        return out.error(QStringLiteral("usage"),
                         QStringLiteral("usage: kioskctl card watch [--count N] [--timeout-ms MS]"),
                         kUsage);
    }
    const int maxEvents = count.isEmpty() ? 0 : count.toInt();
    QEventLoop loop;
    card::ReaderMonitor monitor;
    int events = 0;
    auto emitEvent = [&](const QString& type, const QJsonObject& extra, const QString& line) {
        if (out.json()) {
            QJsonObject o = extra;
            o.insert(QStringLiteral("event"), type);
            out.text() << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
        } else {
            out.text() << line << '\n';
        }
        out.text().flush();
        if (maxEvents > 0 && ++events >= maxEvents) {
            loop.quit();
        }
    };
    QObject::connect(
        &monitor, &card::ReaderMonitor::readersChanged, &loop, [&](const QStringList& readers) {
            emitEvent(QStringLiteral("readers"),
                      {{QStringLiteral("readers"), QJsonArray::fromStringList(readers)}},
                      QStringLiteral("readers: ") + readers.join(QStringLiteral(", ")));
        });
    QObject::connect(&monitor, &card::ReaderMonitor::cardInserted, &loop,
                     [&](const QString& reader, const QByteArray& atr) {
                         const QString hex = QString::fromLatin1(atr.toHex(' ').toUpper());
                         emitEvent(
                             QStringLiteral("inserted"),
                             {{QStringLiteral("reader"), reader}, {QStringLiteral("atr"), hex}},
                             QStringLiteral("inserted: %1 (ATR %2)").arg(reader, hex));
                     });
    QObject::connect(&monitor, &card::ReaderMonitor::cardRemoved, &loop,
                     [&](const QString& reader) {
                         emitEvent(QStringLiteral("removed"), {{QStringLiteral("reader"), reader}},
                                   QStringLiteral("removed: ") + reader);
                     });
    QObject::connect(&monitor, &card::ReaderMonitor::serviceAvailableChanged, &loop, [&](bool up) {
        emitEvent(up ? QStringLiteral("service_up") : QStringLiteral("service_down"), {},
                  up ? QStringLiteral("pcscd: available") : QStringLiteral("pcscd: not reachable"));
    });
    if (!timeout.isEmpty()) {
        QTimer::singleShot(timeout.toInt(), &loop, &QEventLoop::quit);
    }
    monitor.start();
    loop.exec();
    monitor.stop();
    return kOk;
}

int cardRead(const QStringList& argsIn, const GlobalOptions& global, Output& out) {
    QStringList args = argsIn;
    QString readerName;
    QString photoFile;
    bool bad = false;
    const bool hasReader = takeOption(args, QStringLiteral("--reader"), readerName, bad);
    takeOption(args, QStringLiteral("--photo"), photoFile, bad);
    const bool noPhoto = takeFlag(args, QStringLiteral("--no-photo"));
    if (bad || !args.isEmpty()) {
        return out.error(
            QStringLiteral("usage"),
            QStringLiteral("usage: kioskctl card read [--reader NAME] [--photo FILE] [--no-photo]"),
            kUsage);
    }
    card::ReadOptions options;
    if (!global.configFile.isEmpty()) {
        const auto config = ConfigLoader::loadFile(global.configFile);
        if (!config) {
            return out.error(QStringLiteral("config"), config.error().summary());
        }
        options.apduTimeoutMs = config->card.apduTimeoutMs;
        options.readTimeoutMs = config->card.readTimeoutMs;
        if (!hasReader) {
            readerName = config->card.reader;
        }
    }
    options.photo = !noPhoto;
    card::PcscCardReader reader;
    card::ApduStats stats;
    auto data = reader.read(readerName, options, &stats);
    if (!data) {
        return cardError(out, data.error());
    }
    if (!photoFile.isEmpty()) {
        QFile f(photoFile);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
            f.write(data->photoJpeg) != data->photoJpeg.size()) {
            return out.error(QStringLiteral("photo_write"),
                             QStringLiteral("%1: %2").arg(photoFile, f.errorString()));
        }
    }
    if (out.json()) {
        QJsonObject o = data->toJson();
        o.insert(QStringLiteral("apdus"), stats.apdus);
        out.emitJson(o);
    } else {
        const auto& d = *data;
        QTextStream& t = out.text();
        t << "CID:         " << d.cid << (d.cidValid() ? "" : "  (check digit WRONG)") << '\n'
          << "Name (TH):   " << d.nameTh.display() << '\n'
          << "Name (EN):   " << d.nameEn.display() << '\n'
          << "Born:        " << d.birthDate.toIso() << (d.birthDate.isPartial() ? " (partial)" : "")
          << '\n'
          << "Sex:         " << card::sexName(d.sex) << '\n'
          << "Issuer:      " << d.issuer << '\n'
          << "Issued:      " << d.issueDate.toIso() << '\n'
          << "Expires:     "
          << (d.expiryLifelong ? QStringLiteral("never (lifelong)") : d.expiryDate.toIso())
          << (d.isExpired(QDate::currentDate()) ? "  EXPIRED" : "") << '\n'
          << "Address:     " << d.address.display() << '\n'
          << "Laser code:  "
          << (d.laserCode.isEmpty() ? QStringLiteral("(not on chip)") : d.laserCode) << '\n'
          << "Photo:       " << d.photoJpeg.size() << " bytes, sha256 " << d.photoSha256() << '\n'
          << "ATR:         " << d.atr.toHex(' ').toUpper() << '\n';
    }
    return kOk;
}

}  // namespace kiosk::cli
