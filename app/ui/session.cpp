#include "session.h"

#include "cid.h"
#include "fake_journey_parts.h"
#include "journey_image_provider.h"
#include "secure_wipe.h"
#include "shell.h"

#include <QLocale>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcUiSession, "kiosk.ui.session")

namespace kiosk::ui {

using session::Event;
using session::State;
using SM = session::SessionStateMachine;

namespace {

QPointer<Session> g_instance;

QString challengeCode(journey::Challenge c) {
    switch (c) {
        case journey::Challenge::Blink:
            return QStringLiteral("blink");
        case journey::Challenge::TurnLeft:
            return QStringLiteral("turn_left");
        case journey::Challenge::TurnRight:
            return QStringLiteral("turn_right");
        case journey::Challenge::Smile:
            return QStringLiteral("smile");
    }
    return {};
}

QString levelCode(journey::ProofingLevel level) {
    switch (level) {
        case journey::ProofingLevel::Achieved:
            return QStringLiteral("achieved");
        case journey::ProofingLevel::Pending:
            return QStringLiteral("pending");
        case journey::ProofingLevel::NotAchieved:
            return QStringLiteral("not_achieved");
    }
    return {};
}

Event openEvent(const QString& kind) {
    if (kind == QLatin1String("entitlement")) {
        return Event::OpenEntitlement;
    }
    if (kind == QLatin1String("queue_booking")) {
        return Event::OpenQueueBooking;
    }
    if (kind == QLatin1String("request_form")) {
        return Event::OpenRequestForm;
    }
    if (kind == QLatin1String("complaint")) {
        return Event::OpenComplaint;
    }
    if (kind == QLatin1String("payment")) {
        return Event::OpenPayment;
    }
    return Event::OpenStatus;
}

}  // namespace

Session::Session(Shell* shell, Ports ports, Options options, QObject* parent)
    : QObject(parent), m_shell(shell), m_ports(ports), m_options(std::move(options)) {
    Q_ASSERT(m_ports.card && m_ports.camera && m_ports.proofing && m_ports.portal);
    m_endingTimer.setSingleShot(true);
    m_endingTimer.setInterval(m_options.endingMs);
    connect(&m_endingTimer, &QTimer::timeout, this, [this] { handle(Event::Done); });
    if (m_shell) {
        connect(m_shell, &Shell::startRequested, this, [this] {
            if (!m_syncingShell) {
                handle(Event::Touch);
            }
        });
        connect(m_shell, &Shell::idleWarningChanged, this, [this] {
            if (m_shell->idleWarning()) {
                handle(Event::IdleWarning);
            } else if (m_machine.state() == State::StillThere) {
                handle(Event::Activity);
            }
        });
        connect(m_shell, &Shell::sessionEnded, this, [this](const QString& reason) {
            if (m_syncingShell || m_machine.state() == State::Attract) {
                return;
            }
            handle(reason == QLatin1String("idle") ? Event::IdleExpired : Event::Cancel);
        });
    }
}

Session::~Session() {
    // The parts may already be gone at shutdown: only the data is wiped here.
    m_ports.speaker = nullptr;
    wipeData();
}

Session* Session::create(QQmlEngine* qmlEngine, QJSEngine*) {
    if (!g_instance) {
        // Rendering tests load Main.qml with a Shell only: give them fakes.
        auto* fakes = new journey::FakeJourneyParts;
        Ports ports{fakes, fakes, fakes, fakes, fakes, fakes};
        auto* session = new Session(Shell::instance(), ports, Options{}, qmlEngine);
        fakes->setParent(session);  // destroyed after the session
        g_instance = session;
    }
    QJSEngine::setObjectOwnership(g_instance, QJSEngine::CppOwnership);
    qmlEngine->addImageProvider(QStringLiteral("journey"), new JourneyImageProvider(g_instance));
    return g_instance;
}

void Session::setInstance(Session* session) {
    g_instance = session;
}

QString Session::screen() const {
    return SM::stateName(m_machine.screen());
}

QString Session::stateName() const {
    return SM::stateName(m_machine.state());
}

bool Session::demoMode() const {
    return m_ports.camera->demoMode();
}

QVariantMap Session::citizen() const {
    if (m_citizenData.cid.isEmpty()) {
        return {};
    }
    const auto& c = m_citizenData;
    return {
        {QStringLiteral("nameTh"),
         QStringLiteral("%1%2 %3").arg(c.prefixTh, c.firstNameTh, c.lastNameTh)},
        {QStringLiteral("nameEn"),
         QStringLiteral("%1 %2 %3").arg(c.prefixEn, c.firstNameEn, c.lastNameEn)},
        {QStringLiteral("maskedCid"), cid::mask(c.cid)},
        {QStringLiteral("hasPhoto"), !c.photo.isNull()},
        {QStringLiteral("laserCode"), c.laserCode.isEmpty() ? QString() : QStringLiteral("✓")},
    };
}

// --- events from the screens --------------------------------------------------

void Session::start() {
    handle(Event::Touch);
}

void Session::chooseLanguage(const QString& language) {
    if (m_shell) {
        m_shell->setLanguage(language);
    }
    handle(Event::LanguageChosen);
}

void Session::acceptConsent() {
    handle(Event::ConsentAccepted);
}

void Session::declineConsent() {
    m_consent = {m_options.consentVersion, QDateTime::currentDateTimeUtc(),
                 QStringLiteral("declined")};
    qCInfo(lcUiSession).noquote() << "consent declined, notice" << m_consent.version;
    handle(Event::ConsentDeclined);
}

void Session::next() {
    handle(Event::Next);
}

void Session::retry() {
    handle(Event::Retry);
}

void Session::skip() {
    handle(Event::Skip);
}

void Session::submitCode(const QString& code) {
    if (m_machine.state() != State::Binding) {
        return;
    }
    if (m_ports.portal->checkBindingCode(code)) {
        m_binding.insert(QStringLiteral("error"), QString());
        m_binding.insert(QStringLiteral("bound"), true);
        emit bindingChanged();
        handle(Event::CodeAccepted);
    } else {
        m_binding.insert(QStringLiteral("error"), QStringLiteral("wrong_code"));
        m_binding.insert(QStringLiteral("attempts"),
                         m_binding.value(QStringLiteral("attempts")).toInt() + 1);
        emit bindingChanged();
        handle(Event::CodeRejected);
    }
}

void Session::openService(const QString& id) {
    for (const auto& s : m_catalogue) {
        if (s.id == id) {
            m_openServiceId = id;
            handle(openEvent(s.kind));
            return;
        }
    }
    qCWarning(lcUiSession) << "unknown service" << id;
}

void Session::selectSlot(int index) {
    if (index < 0 || index >= m_slots.size() || !m_slots.at(index).available) {
        return;
    }
    m_selectedSlot = index;
    m_service.insert(QStringLiteral("selectedSlot"), index);
    emit serviceChanged();
}

void Session::setField(const QString& id, const QString& value) {
    for (auto& [key, v] : m_fieldValues) {
        if (key == id) {
            v = value;
            return;
        }
    }
    m_fieldValues.append({id, value});
}

void Session::submit() {
    // A booking needs a slot; a form needs its required fields.
    if (m_machine.state() == State::QueueBooking && m_selectedSlot < 0) {
        m_service.insert(QStringLiteral("error"), QStringLiteral("choose_slot"));
        emit serviceChanged();
        return;
    }
    if (m_machine.state() == State::RequestForm) {
        const QVariantList fields = m_service.value(QStringLiteral("fields")).toList();
        for (const QVariant& f : fields) {
            const QVariantMap field = f.toMap();
            const QString id = field.value(QStringLiteral("id")).toString();
            QString value;
            for (const auto& [key, v] : m_fieldValues) {
                if (key == id) {
                    value = v;
                }
            }
            if (field.value(QStringLiteral("required")).toBool() && value.trimmed().isEmpty()) {
                m_service.insert(QStringLiteral("error"), QStringLiteral("required_missing"));
                m_service.insert(QStringLiteral("missingField"), id);
                emit serviceChanged();
                return;
            }
        }
    }
    if (m_machine.state() == State::Complaint) {
        QString text;
        for (const auto& [key, v] : m_fieldValues) {
            if (key == QLatin1String("complaint")) {
                text = v;
            }
        }
        if (text.trimmed().isEmpty()) {
            m_service.insert(QStringLiteral("error"), QStringLiteral("required_missing"));
            emit serviceChanged();
            return;
        }
    }
    handle(Event::Submit);
}

void Session::back() {
    handle(Event::Back);
}

void Session::finish() {
    handle(Event::Finish);
}

void Session::cancel() {
    handle(Event::Cancel);
}

QString Session::formatAmount(qint64 satang) const {
    return QLocale().toString(double(satang) / 100.0, 'f', 2);
}

QString Session::formatDate(const QDateTime& at) const {
    const bool thai = m_shell && m_shell->language() == QLatin1String("th");
    // Thai citizens read Buddhist-era years (CE + 543).
    const QLocale locale(thai ? QLocale::Thai : QLocale::English, QLocale::Thailand);
    const QString dayMonth = locale.toString(at.date(), QStringLiteral("ddd d MMMM"));
    const int year = at.date().year() + (thai ? 543 : 0);
    return QStringLiteral("%1 %2 %3")
        .arg(dayMonth)
        .arg(year)
        .arg(at.toString(QStringLiteral("HH:mm")));
}

QString Session::formatDay(const QDateTime& at) const {
    const bool thai = m_shell && m_shell->language() == QLatin1String("th");
    const QLocale locale(thai ? QLocale::Thai : QLocale::English, QLocale::Thailand);
    const int year = at.date().year() + (thai ? 543 : 0);
    return QStringLiteral("%1 %2")
        .arg(locale.toString(at.date(), QStringLiteral("ddd d MMM")))
        .arg(year);
}

// --- events from the parts ---------------------------------------------------

void Session::cardInserted() {
    handle(Event::CardInserted);
}

void Session::cardRemoved() {
    handle(Event::CardRemoved);
}

void Session::backendDown() {
    handle(Event::BackendDown);
}

void Session::backendUp() {
    handle(Event::BackendUp);
}

// --- the machine ---------------------------------------------------------------

void Session::handle(Event event) {
    const State before = m_machine.state();
    const QString screenBefore = screen();
    const bool offlineBefore = m_machine.offline();
    const session::Transition t = m_machine.handle(event);
    if (!t.accepted) {
        qCDebug(lcUiSession).noquote()
            << "ignored" << SM::eventName(event) << "in" << SM::stateName(before);
        return;
    }
    const QString line = QStringLiteral("%1 -%2-> %3")
                             .arg(SM::stateName(t.from), SM::eventName(event), SM::stateName(t.to));
    qCInfo(lcUiSession).noquote() << line;
    m_history.append(line);
    if (m_history.size() > 200) {
        m_history.removeFirst();
    }
    perform(t.actions, before);
    if (offlineBefore != m_machine.offline()) {
        emit offlineChanged();
    }
    // Keep the shell (idle monitor, default language) in step with the session.
    if (m_shell) {
        m_syncingShell = true;
        if (t.to == State::Attract && before != State::Attract) {
            m_shell->returnToAttract(SM::eventName(event));
        } else if (before == State::Attract && t.to != State::Attract) {
            m_shell->start();
        }
        m_syncingShell = false;
    }
    if (t.to == State::Ending) {
        m_endingTimer.start();
    } else {
        m_endingTimer.stop();
    }
    if (screen() != screenBefore || before != m_machine.state()) {
        emit screenChanged();
    }
    emit transitioned(SM::stateName(t.from), SM::eventName(event), SM::stateName(t.to));
}

std::function<bool()> Session::alive() {
    const quint64 generation = m_generation;
    QPointer<Session> self(this);
    return [self, generation] { return self && self->m_generation == generation; };
}

void Session::perform(session::Actions a, State from) {
    using namespace session;
    if (a & Wipe) {
        wipe();
    }
    if (a & StopCamera) {
        m_ports.camera->stop();
        if (m_ports.speaker) {
            m_ports.speaker->stop();
        }
    }
    if (a & RecordConsent) {
        m_consent = {m_options.consentVersion, QDateTime::currentDateTimeUtc(),
                     QStringLiteral("accepted")};
        qCInfo(lcUiSession).noquote() << "consent accepted, notice" << m_consent.version << "at"
                                      << m_consent.at.toString(Qt::ISODate);
    }
    if (a & PauseIdle && m_shell) {
        m_shell->idleMonitor().setActive(false);
    }
    if (a & ResumeIdle && m_shell) {
        m_shell->idleMonitor().setActive(true);
    }
    if (a & ShowOffline || a & HideOffline) {
        if (a & HideOffline) {
            m_offlineReference.clear();
        }
    }
    if (a & StartCardRead) {
        auto ok = alive();
        setProgress({{QStringLiteral("step"), 0},
                     {QStringLiteral("steps"), 4},
                     {QStringLiteral("stepId"), QStringLiteral("applet")}});
        m_ports.card->read(
            [this, ok](const journey::ReadProgress& p) {
                if (ok()) {
                    setProgress({{QStringLiteral("step"), p.step},
                                 {QStringLiteral("steps"), p.steps},
                                 {QStringLiteral("stepId"), p.stepId}});
                }
            },
            [this, ok](const journey::CitizenData& data) {
                if (!ok()) {
                    return;
                }
                m_citizenData = data;
                qCInfo(lcUiSession).noquote() << "card read, CID" << cid::mask(data.cid);
                emit citizenChanged();
                handle(Event::ReadDone);
            },
            [this, ok](const journey::StepError& e) {
                if (ok()) {
                    m_errorCode = e.code;
                    emit errorChanged();
                    handle(Event::ReadFailed);
                }
            });
    }
    if (a & StartCardImage) {
        auto ok = alive();
        // The front first: its printed fields are checked against the chip.
        setProgress({{QStringLiteral("guidance"), QStringLiteral("searching")},
                     {QStringLiteral("value"), 0.0},
                     {QStringLiteral("side"), QStringLiteral("front")}});
        m_ports.camera->startCardImage(
            [this, ok](const journey::Guidance& g, const QImage& frame) {
                if (ok()) {
                    setProgress({{QStringLiteral("guidance"), g.code},
                                 {QStringLiteral("value"), g.progress},
                                 {QStringLiteral("side"), g.side}});
                    setFrame(frame);
                }
            },
            [this, ok](const QString& laserCode) {
                if (ok()) {
                    m_citizenData.laserCode = laserCode;
                    emit citizenChanged();
                    handle(Event::CardImageDone);
                }
            },
            [this, ok](const journey::StepError& e) {
                if (ok()) {
                    fail(e);
                }
            });
    }
    if (a & StartFaceCapture) {
        auto ok = alive();
        setProgress({{QStringLiteral("guidance"), QStringLiteral("searching")},
                     {QStringLiteral("value"), 0.0}});
        m_ports.camera->startFace(
            [this, ok](const journey::Guidance& g, const QImage& frame) {
                if (ok()) {
                    setProgress({{QStringLiteral("guidance"), g.code},
                                 {QStringLiteral("value"), g.progress}});
                    setFrame(frame);
                }
            },
            [this, ok] {
                if (ok()) {
                    handle(Event::FaceCaptured);
                }
            },
            [this, ok](const journey::StepError& e) {
                if (ok()) {
                    fail(e);
                }
            });
    }
    if (a & StartLiveness) {
        auto ok = alive();
        m_ports.camera->startLiveness(
            [this, ok](const journey::LivenessPrompt& p, const QImage& frame) {
                if (!ok()) {
                    return;
                }
                const QString code = challengeCode(p.challenge);
                // A live camera sends every frame with its prompt: speak each prompt once.
                const bool changed =
                    m_progress.value(QStringLiteral("challenge")).toString() != code ||
                    m_progress.value(QStringLiteral("index")).toInt() != p.index;
                setProgress({{QStringLiteral("challenge"), code},
                             {QStringLiteral("index"), p.index},
                             {QStringLiteral("count"), p.count}});
                setFrame(frame);
                static const char* const kSpoken[] = {
                    QT_TR_NOOP("Please blink your eyes"),
                    QT_TR_NOOP("Please turn your head to the left"),
                    QT_TR_NOOP("Please turn your head to the right"), QT_TR_NOOP("Please smile")};
                if (changed) {
                    speak(tr(kSpoken[int(p.challenge)]));
                }
            },
            [this, ok](bool passed, const QString& reason) {
                if (!ok()) {
                    return;
                }
                if (!passed) {
                    m_result = {{QStringLiteral("outcome"), QStringLiteral("not_achieved")},
                                {QStringLiteral("reason"),
                                 reason.isEmpty() ? QStringLiteral("liveness_failed") : reason}};
                    emit resultChanged();
                    handle(Event::LivenessFailed);
                } else {
                    handle(Event::LivenessPassed);
                }
            });
    }
    if (a & RequestProofing) {
        auto ok = alive();
        m_ports.proofing->verify(m_citizenData, [this, ok](const journey::ProofingResult& r) {
            if (!ok()) {
                return;
            }
            m_result = {{QStringLiteral("outcome"), levelCode(r.level)},
                        {QStringLiteral("reason"), r.reason},
                        {QStringLiteral("reference"), r.reference}};
            emit resultChanged();
            switch (r.level) {
                case journey::ProofingLevel::Achieved:
                    handle(Event::ProofingAchieved);
                    break;
                case journey::ProofingLevel::Pending:
                    handle(Event::ProofingPending);
                    break;
                case journey::ProofingLevel::NotAchieved:
                    handle(Event::ProofingNotAchieved);
                    break;
            }
        });
    }
    if (a & KeepPending) {
        const QString ref = m_ports.proofing->keepPending(m_citizenData);
        m_result = {
            {QStringLiteral("outcome"), QStringLiteral("pending")},
            {QStringLiteral("reason"), m_result.value(QStringLiteral("reason")).toString().isEmpty()
                                           ? QStringLiteral("backend_unreachable")
                                           : m_result.value(QStringLiteral("reason"))},
            {QStringLiteral("reference"), ref}};
        emit resultChanged();
    }
    if (a & SendBindingCode) {
        m_binding = {
            {QStringLiteral("destination"), m_ports.portal->sendBindingCode(m_citizenData)},
            {QStringLiteral("error"), QString()},
            {QStringLiteral("attempts"), 0}};
        emit bindingChanged();
    }
    if (m_machine.screen() == State::ServicesHome && m_services.isEmpty()) {
        m_catalogue = m_ports.portal->catalogue();
        for (const auto& s : m_catalogue) {
            m_services.append(QVariantMap{{QStringLiteral("id"), s.id},
                                          {QStringLiteral("kind"), s.kind},
                                          {QStringLiteral("category"), s.category},
                                          {QStringLiteral("titleTh"), s.titleTh},
                                          {QStringLiteral("titleEn"), s.titleEn}});
        }
        emit servicesChanged();
    }
    if (a & LoadService) {
        loadService();
    }
    if (a & (SendSubmission | QueueSubmission)) {
        journey::Submission sub;
        sub.serviceId = m_openServiceId;
        sub.kind = SM::stateName(from);
        sub.values = m_fieldValues;
        sub.cid = m_citizenData.cid;
        if (m_selectedSlot >= 0 && m_selectedSlot < m_slots.size()) {
            sub.values.append(
                {QStringLiteral("slot"), m_slots.at(m_selectedSlot).start.toString(Qt::ISODate)});
        }
        m_receipt = {{QStringLiteral("sending"), true},
                     {QStringLiteral("service"), m_service.value(QStringLiteral("title"))}};
        emit receiptChanged();
        if (a & QueueSubmission) {
            finishSubmission(m_ports.portal->queue(sub));
        } else {
            auto ok = alive();
            m_ports.portal->submit(
                sub,
                [this, ok](const journey::SubmissionReceipt& r) {
                    if (ok()) {
                        finishSubmission(r);
                    }
                },
                [this, ok, sub](const journey::StepError&) {
                    // Never lost: the request waits in the encrypted outbox.
                    if (ok()) {
                        finishSubmission(m_ports.portal->queue(sub));
                    }
                });
        }
    }
}

void Session::fail(const journey::StepError& e) {
    m_errorCode = e.code;
    emit errorChanged();
    handle(Event::Failure);
}

void Session::loadService() {
    m_service.clear();
    m_slots.clear();
    m_selectedSlot = -1;
    m_fieldValues.clear();
    QString titleTh, titleEn;
    for (const auto& s : m_catalogue) {
        if (s.id == m_openServiceId) {
            titleTh = s.titleTh;
            titleEn = s.titleEn;
        }
    }
    m_service = {{QStringLiteral("id"), m_openServiceId},
                 {QStringLiteral("titleTh"), titleTh},
                 {QStringLiteral("titleEn"), titleEn},
                 {QStringLiteral("title"), titleEn}};
    const State s = m_machine.screen();
    if (s == State::RequestForm) {
        const journey::FormSchema schema = m_ports.portal->formSchema(m_openServiceId);
        const auto& c = m_citizenData;
        QVariantList fields;
        for (const journey::FormField& f : schema.fields) {
            QString value = f.value;
            // Prefilled from the chip: the citizen checks instead of typing.
            if (f.prefill == QLatin1String("name_th")) {
                value = QStringLiteral("%1%2 %3").arg(c.prefixTh, c.firstNameTh, c.lastNameTh);
            } else if (f.prefill == QLatin1String("name_en")) {
                value = QStringLiteral("%1 %2 %3").arg(c.prefixEn, c.firstNameEn, c.lastNameEn);
            } else if (f.prefill == QLatin1String("cid")) {
                value = c.cid;
            } else if (f.prefill == QLatin1String("birth_date")) {
                value = c.dateOfBirth.toString(Qt::ISODate);
            } else if (f.prefill == QLatin1String("address")) {
                value = c.address;
            }
            if (!value.isEmpty()) {
                m_fieldValues.append({f.id, value});
            }
            fields.append(QVariantMap{
                {QStringLiteral("id"), f.id},
                {QStringLiteral("type"), f.type},
                {QStringLiteral("labelTh"), f.labelTh},
                {QStringLiteral("labelEn"), f.labelEn},
                {QStringLiteral("required"), f.required},
                {QStringLiteral("prefilled"), !f.prefill.isEmpty() && !value.isEmpty()},
                // The CID is shown masked; the full number goes to the portal only.
                {QStringLiteral("value"),
                 f.prefill == QLatin1String("cid") ? cid::mask(value) : value},
                {QStringLiteral("options"), f.options},
            });
        }
        m_service.insert(QStringLiteral("fields"), fields);
    } else if (s == State::QueueBooking) {
        m_slots =
            m_ports.portal->availableSlots(m_openServiceId, m_options.now().date().addDays(1), 7);
        QVariantList days;
        QVariantList slotList;
        for (int i = 0; i < m_slots.size(); ++i) {
            const auto& sl = m_slots.at(i);
            slotList.append(
                QVariantMap{{QStringLiteral("index"), i},
                            {QStringLiteral("day"), sl.start.date()},
                            {QStringLiteral("time"), sl.start.toString(QStringLiteral("HH:mm"))},
                            {QStringLiteral("available"), sl.available},
                            {QStringLiteral("office"), sl.office}});
        }
        m_service.insert(QStringLiteral("slots"), slotList);
        m_service.insert(QStringLiteral("selectedSlot"), -1);
    } else if (s == State::Entitlement) {
        m_service.insert(QStringLiteral("loading"), true);
        auto ok = alive();
        m_ports.portal->entitlement(
            m_citizenData,
            [this, ok](const journey::EntitlementResult& r) {
                if (!ok()) {
                    return;
                }
                m_service.insert(QStringLiteral("loading"), false);
                m_service.insert(QStringLiteral("covered"), r.covered);
                m_service.insert(QStringLiteral("scheme"), r.scheme);
                m_service.insert(QStringLiteral("hospital"), r.hospital);
                m_service.insert(QStringLiteral("validUntil"),
                                 QDateTime(r.validUntil, QTime(0, 0)));
                emit serviceChanged();
            },
            [this, ok](const journey::StepError& e) {
                if (!ok()) {
                    return;
                }
                m_service.insert(QStringLiteral("loading"), false);
                m_service.insert(QStringLiteral("error"), e.code);
                emit serviceChanged();
            });
    } else if (s == State::Payment) {
        const journey::PaymentRequest p = m_ports.portal->payment(m_citizenData);
        m_service.insert(QStringLiteral("reference"), p.reference);
        m_service.insert(QStringLiteral("amount"), formatAmount(p.amountSatang));
        m_service.insert(QStringLiteral("qr"), p.promptPayPayload);
        m_service.insert(QStringLiteral("descriptionTh"), p.descriptionTh);
        m_service.insert(QStringLiteral("descriptionEn"), p.descriptionEn);
    } else if (s == State::StatusTracking) {
        QVariantList list;
        for (const auto& r : m_ports.portal->statuses(m_citizenData)) {
            list.append(QVariantMap{{QStringLiteral("reference"), r.reference},
                                    {QStringLiteral("titleTh"), r.titleTh},
                                    {QStringLiteral("titleEn"), r.titleEn},
                                    {QStringLiteral("status"), r.status},
                                    {QStringLiteral("updated"), r.updated}});
        }
        // Requests this session queued offline are tracked too.
        if (!m_offlineReference.isEmpty()) {
            list.prepend(QVariantMap{{QStringLiteral("reference"), m_offlineReference},
                                     {QStringLiteral("titleTh"), QString()},
                                     {QStringLiteral("titleEn"), QString()},
                                     {QStringLiteral("status"), QStringLiteral("queued_offline")},
                                     {QStringLiteral("updated"), m_options.now()}});
        }
        m_service.insert(QStringLiteral("statuses"), list);
    }
    emit serviceChanged();
}

void Session::finishSubmission(const journey::SubmissionReceipt& r) {
    m_receipt = {{QStringLiteral("sending"), false},
                 {QStringLiteral("reference"), r.reference},
                 {QStringLiteral("queued"), r.queued},
                 {QStringLiteral("at"), r.at},
                 {QStringLiteral("titleTh"), m_service.value(QStringLiteral("titleTh"))},
                 {QStringLiteral("titleEn"), m_service.value(QStringLiteral("titleEn"))}};
    if (r.queued) {
        m_offlineReference = r.reference;
        emit offlineChanged();
    }
    printReceipt();
    emit receiptChanged();
}

void Session::printReceipt() {
    if (!m_ports.receipt) {
        m_receipt.insert(QStringLiteral("printed"), false);
        return;
    }
    const bool thai = m_shell && m_shell->language() == QLatin1String("th");
    journey::Receipt rc;
    rc.title = tr("Smart Kiosk receipt");
    rc.reference = m_receipt.value(QStringLiteral("reference")).toString();
    rc.at = m_options.now();
    rc.lines = {
        {tr("Service"),
         m_service.value(thai ? QStringLiteral("titleTh") : QStringLiteral("titleEn")).toString()},
        {tr("Reference"), rc.reference},
        {tr("Status"), m_receipt.value(QStringLiteral("queued")).toBool()
                           ? tr("Saved on the kiosk, will be sent when online")
                           : tr("Received by the portal")},
        {tr("Date"), formatDate(rc.at)},
    };
    if (m_selectedSlot >= 0 && m_selectedSlot < m_slots.size()) {
        rc.lines.append({tr("Appointment"), formatDate(m_slots.at(m_selectedSlot).start)});
    }
    if (m_machine.screen() == State::Submitted && m_service.contains(QStringLiteral("amount"))) {
        rc.lines.append({tr("Amount (THB)"), m_service.value(QStringLiteral("amount")).toString()});
    }
    const QString error = m_ports.receipt->print(rc);
    m_receipt.insert(QStringLiteral("printed"), error.isEmpty());
    m_receipt.insert(QStringLiteral("printError"), error);
    m_lastReceipt = rc;
}

void Session::setProgress(const QVariantMap& progress) {
    m_progress = progress;
    emit progressChanged();
}

void Session::setFrame(const QImage& frame) {
    m_frame = frame;
    ++m_frameSerial;
    emit frameChanged();
}

void Session::speak(const QString& text) {
    if (m_ports.speaker) {
        m_ports.speaker->say(text, m_shell ? m_shell->language() : QStringLiteral("th"));
    }
}

void Session::wipe() {
    ++m_generation;  // late callbacks of the old session are dropped
    m_ports.card->cancel();
    m_ports.camera->stop();
    if (m_ports.speaker) {
        m_ports.speaker->stop();
    }
    wipeData();
}

void Session::wipeData() {
    ++m_generation;
    auto& c = m_citizenData;
    for (QString* s : {&c.cid, &c.prefixTh, &c.firstNameTh, &c.lastNameTh, &c.prefixEn,
                       &c.firstNameEn, &c.lastNameEn, &c.address, &c.laserCode}) {
        secureWipe(*s);
    }
    if (!c.photo.isNull() && c.photo.isDetached()) {
        c.photo.fill(0);
    }
    c = {};
    for (auto& [key, value] : m_fieldValues) {
        secureWipe(value);
    }
    m_fieldValues.clear();
    if (!m_frame.isNull() && m_frame.isDetached()) {
        m_frame.fill(0);
    }
    m_frame = {};
    ++m_frameSerial;
    m_consent = {};
    m_progress.clear();
    m_result.clear();
    m_binding.clear();
    m_services.clear();
    m_catalogue.clear();
    m_service.clear();
    m_slots.clear();
    m_selectedSlot = -1;
    m_receipt.clear();
    m_lastReceipt = {};
    m_errorCode.clear();
    m_openServiceId.clear();
    // The offline reference of a queued request belongs to the citizen who left.
    m_offlineReference.clear();
    emit citizenChanged();
    emit progressChanged();
    emit frameChanged();
    emit resultChanged();
    emit bindingChanged();
    emit servicesChanged();
    emit serviceChanged();
    emit receiptChanged();
    emit errorChanged();
    emit offlineChanged();
}

}  // namespace kiosk::ui
