#include "pcsc_card_port.h"

#include "pcsc_card_reader.h"
#include "reader_monitor.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QThread>

Q_LOGGING_CATEGORY(lcJourneyCard, "kiosk.journey.card")

namespace kiosk::journey {

namespace {

QDate dateOf(const card::CardDate& d) {
    // An unknown month or day (older birth records) shows as the 1st.
    return d.year == 0 ? QDate()
                       : QDate(d.year, d.month == 0 ? 1 : d.month, d.day == 0 ? 1 : d.day);
}

QString addressText(const card::Address& a) {
    QStringList parts;
    for (const QString& p :
         {a.houseNo, a.villageNo, a.lane, a.soi, a.road, a.subdistrict, a.district, a.province}) {
        if (!p.trimmed().isEmpty()) {
            parts << p.trimmed();
        }
    }
    return parts.join(QLatin1Char(' '));
}

}  // namespace

PcscCardPort::PcscCardPort(Options options, JourneyEvidence* evidence, QObject* parent)
    : QObject(parent), m_options(std::move(options)), m_evidence(evidence) {}

PcscCardPort::~PcscCardPort() {
    ++m_generation;
    if (m_monitor) {
        m_monitor->stop();
    }
    m_worker.runAndWait([] {});  // a read in progress ends before this object does
}

QStringList PcscCardPort::fieldGroups() {
    return {QStringLiteral("applet"), QStringLiteral("identity"), QStringLiteral("address"),
            QStringLiteral("photo")};
}

StepError PcscCardPort::stepError(const card::CardError& error) {
    using C = card::CardError::Code;
    switch (error.code) {
        case C::NoCard:
        case C::CardRemoved:
            return {QStringLiteral("card_removed"), true};
        case C::NotThaiIdCard:
            return {QStringLiteral("card_not_thai_id"), true};
        case C::Cancelled:
            return {QStringLiteral("cancelled"), true};
        case C::NoService:
        case C::NoReader:
            // The kiosk's own reader or daemon: a technician's job, not the citizen's.
            return {QStringLiteral("reader_unavailable"), false};
        case C::CardReset:
        case C::SharingViolation:
        case C::Timeout:
        case C::Protocol:
        case C::CorruptData:
        case C::Transport:
            break;
    }
    return {QStringLiteral("card_unreadable"), error.isRetryable()};
}

CitizenData PcscCardPort::citizenData(const card::CardData& card) {
    CitizenData c;
    c.cid = card.cid;
    c.prefixTh = card.nameTh.prefix;
    c.firstNameTh = card.nameTh.first;
    c.lastNameTh = card.nameTh.last;
    c.prefixEn = card.nameEn.prefix;
    c.firstNameEn = card.nameEn.first;
    c.lastNameEn = card.nameEn.last;
    c.dateOfBirth = dateOf(card.birthDate);
    c.address = addressText(card.address);
    c.photo.loadFromData(card.photoJpeg, "JPEG");
    return c;
}

void PcscCardPort::read(std::function<void(const ReadProgress&)> progress,
                        std::function<void(const CitizenData&)> done,
                        std::function<void(const StepError&)> failed) {
    const quint64 generation = ++m_generation;
    if (m_evidence) {
        m_evidence->wipe();  // a new read is a new citizen
    }
    const QStringList groups = fieldGroups();
    progress({1, int(groups.size()), groups.first()});
    const Options options = m_options;
    m_worker.post([this, generation, options, groups, progress, done, failed] {
        // One PC/SC context per thread, kept for the next read.
        static thread_local card::PcscCardReader reader;
        QElapsedTimer clock;
        clock.start();
        auto data = reader.read(options.reader, options.read);
        if (generation != m_generation) {
            return;  // cancelled or superseded: the data is dropped (and wiped by ~CardData)
        }
        if (!data) {
            qCInfo(lcJourneyCard).noquote() << "read failed:" << data.error().summary();
            const StepError e = stepError(data.error());
            JourneyWorker::postTo(this, [this, generation, failed, e] {
                if (generation == m_generation) {
                    failed(e);
                }
            });
            return;
        }
        if (m_evidence) {
            m_evidence->setCard(*data);
        }
        const CitizenData citizen = citizenData(*data);
        qCInfo(lcJourneyCard) << "card read in" << clock.elapsed() << "ms";
        // The applet reads all groups in one go; each is reported once read,
        // paced so the citizen sees the steps go by.
        for (int i = 1; i < groups.size(); ++i) {
            QThread::msleep(static_cast<unsigned long>(
                qMax<qint64>(0, options.minStepMs - (i == 1 ? clock.elapsed() : 0))));
            const ReadProgress p{i + 1, int(groups.size()), groups.at(i)};
            JourneyWorker::postTo(this, [this, generation, progress, p] {
                if (generation == m_generation) {
                    progress(p);
                }
            });
        }
        QThread::msleep(static_cast<unsigned long>(options.minStepMs));
        JourneyWorker::postTo(this, [this, generation, done, citizen] {
            if (generation == m_generation) {
                done(citizen);
            }
        });
    });
}

void PcscCardPort::cancel() {
    ++m_generation;
    if (m_evidence) {
        m_evidence->wipe();
    }
}

void PcscCardPort::watch(std::function<void()> inserted, std::function<void()> removed) {
    if (!m_monitor) {
        m_monitor = new card::ReaderMonitor(this);
    }
    const QString wanted = m_options.reader;
    connect(m_monitor, &card::ReaderMonitor::cardInserted, this,
            [wanted, inserted](const QString& reader, const QByteArray&) {
                if (wanted.isEmpty() || reader == wanted) {
                    inserted();
                }
            });
    connect(m_monitor, &card::ReaderMonitor::cardRemoved, this,
            [this, wanted, removed](const QString& reader) {
                if (wanted.isEmpty() || reader == wanted) {
                    ++m_generation;
                    if (m_evidence) {
                        m_evidence->wipe();
                    }
                    removed();
                }
            });
    m_monitor->start();
}

}  // namespace kiosk::journey
