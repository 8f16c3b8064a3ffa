#include "fake_journey_parts.h"

#include <QPainter>
#include <QPainterPath>
#include <iterator>

namespace kiosk::journey {

FakeJourneyParts::FakeJourneyParts(QObject* parent) : QObject(parent) {}

QString FakeJourneyParts::emvCrc16(const QString& payload) {
    // CRC-16/CCITT-FALSE over the payload including "6304", as EMVCo QR requires.
    quint16 crc = 0xFFFF;
    for (char c : payload.toLatin1()) {
        crc ^= quint16(static_cast<unsigned char>(c)) << 8;
        for (int i = 0; i < 8; ++i) {
            crc = (crc & 0x8000) ? quint16((crc << 1) ^ 0x1021) : quint16(crc << 1);
        }
    }
    return QStringLiteral("%1").arg(crc, 4, 16, QLatin1Char('0')).toUpper();
}

CitizenData FakeJourneyParts::demoCitizen() {
    CitizenData c;
    c.cid = QStringLiteral("1101700230708");
    c.prefixTh = QStringLiteral("นาย");
    c.firstNameTh = QStringLiteral("สมชาย");
    c.lastNameTh = QStringLiteral("ทดสอบดี");
    c.prefixEn = QStringLiteral("Mr.");
    c.firstNameEn = QStringLiteral("Somchai");
    c.lastNameEn = QStringLiteral("Thotsopdee");
    c.dateOfBirth = QDate(1987, 1, 15);
    c.address = QStringLiteral("99/9 หมู่ที่ 4 ซอยทดลอง ๑๒ ถนนตัวอย่าง แขวงสีลม เขตบางรัก กรุงเทพมหานคร");
    // A drawn silhouette: the fake never carries a real face.
    QImage photo(148, 178, QImage::Format_RGB32);
    photo.fill(QColor(0xdd, 0xe6, 0xf0));
    QPainter p(&photo);
    p.setRenderHint(QPainter::Antialiasing);
    p.setBrush(QColor(0x6b, 0x7b, 0x8c));
    p.setPen(Qt::NoPen);
    p.drawEllipse(QPointF(74, 70), 34, 42);
    p.drawEllipse(QPointF(74, 190), 64, 60);
    p.end();
    c.photo = photo;
    return c;
}

QImage FakeJourneyParts::renderCardFrame(double progress, bool front) {
    QImage frame(640, 400, QImage::Format_RGB32);
    frame.fill(QColor(0x30, 0x30, 0x36));
    QPainter p(&frame);
    p.setRenderHint(QPainter::Antialiasing);
    // The card comes closer as the guidance converges.
    const double w = 300 + 240 * std::clamp(progress, 0.0, 1.0);
    const QRectF card((640 - w) / 2, (400 - w * 0.63) / 2, w, w * 0.63);
    p.setBrush(front ? QColor(0xf4, 0xf0, 0xe4) : QColor(0xe8, 0xf0, 0xf8));
    p.setPen(QPen(QColor(0x9a, 0xb0, 0xc8), 2));
    p.drawRoundedRect(card, 14, 14);
    p.setPen(QColor(0x20, 0x30, 0x50));
    QFont f(QStringLiteral("DejaVu Sans Mono"));
    f.setPixelSize(int(card.height() * 0.1));
    p.setFont(f);
    if (!front) {
        p.drawText(card.adjusted(20, 0, -20, -card.height() * 0.15),
                   Qt::AlignBottom | Qt::AlignLeft, QStringLiteral("JT0-1234567-89"));
        return frame;
    }
    // A front in outline: the CID, name lines, the photo on the right.
    const double u = card.height() / 10;
    p.drawText(card.adjusted(20, u * 0.5, -20, 0), Qt::AlignTop | Qt::AlignLeft,
               QStringLiteral("1 1017 00230 70 8"));
    p.setBrush(QColor(0x9a, 0xa8, 0xb8));
    p.setPen(Qt::NoPen);
    for (int line = 0; line < 4; ++line) {
        p.drawRoundedRect(QRectF(card.left() + 20, card.top() + u * (3 + 1.5 * line),
                                 card.width() * (line == 3 ? 0.3 : 0.5), u * 0.6),
                          4, 4);
    }
    const QRectF photo(card.right() - card.width() * 0.3, card.bottom() - u * 6.2,
                       card.width() * 0.24, u * 5.6);
    p.setBrush(QColor(0xdd, 0xe6, 0xf0));
    p.drawRect(photo);
    p.setBrush(QColor(0x6b, 0x7b, 0x8c));
    p.drawEllipse(QPointF(photo.center().x(), photo.top() + photo.height() * 0.38),
                  photo.width() * 0.22, photo.height() * 0.2);
    p.drawEllipse(QPointF(photo.center().x(), photo.bottom()), photo.width() * 0.42,
                  photo.height() * 0.3);
    return frame;
}

QImage FakeJourneyParts::renderFaceFrame(double progress, Challenge challenge, bool active) {
    QImage frame(640, 480, QImage::Format_RGB32);
    frame.fill(QColor(0x3a, 0x40, 0x48));
    QPainter p(&frame);
    p.setRenderHint(QPainter::Antialiasing);
    double dx = 0;
    if (active && challenge == Challenge::TurnLeft) {
        dx = -40;
    } else if (active && challenge == Challenge::TurnRight) {
        dx = 40;
    }
    const double r = 90 + 40 * std::clamp(progress, 0.0, 1.0);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0xc8, 0xa0, 0x82));
    p.drawEllipse(QPointF(320 + dx, 230), r * 0.8, r);
    p.setBrush(QColor(0x30, 0x30, 0x30));
    const double eyeH = active && challenge == Challenge::Blink ? 2 : 10;
    p.drawEllipse(QPointF(290 + dx * 1.3, 210), 12, eyeH);
    p.drawEllipse(QPointF(350 + dx * 1.3, 210), 12, eyeH);
    QPainterPath mouth;
    mouth.moveTo(290 + dx, 280);
    mouth.quadTo(320 + dx, active && challenge == Challenge::Smile ? 310 : 285, 350 + dx, 280);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(QColor(0x60, 0x20, 0x20), 5));
    p.drawPath(mouth);
    return frame;
}

void FakeJourneyParts::runSequence(int steps, std::function<void(int)> tick,
                                   std::function<void()> finish) {
    stop();
    auto* timer = new QTimer(this);
    m_timer = timer;
    auto i = std::make_shared<int>(0);
    connect(timer, &QTimer::timeout, this, [this, timer, i, steps, tick, finish] {
        if (m_behaviour.hold) {
            return;
        }
        if (*i < steps) {
            tick((*i)++);
            return;
        }
        timer->stop();
        timer->deleteLater();
        finish();
    });
    timer->start(std::max(1, m_behaviour.stepMs));
}

void FakeJourneyParts::read(std::function<void(const ReadProgress&)> progress,
                            std::function<void(const CitizenData&)> done,
                            std::function<void(const StepError&)> failed) {
    static const QStringList kSteps = {QStringLiteral("applet"), QStringLiteral("identity"),
                                       QStringLiteral("address"), QStringLiteral("photo")};
    const bool fails = m_behaviour.cardFails;
    runSequence(
        int(kSteps.size()),
        [progress](int i) {
            progress({i + 1, int(kSteps.size()), kSteps.at(i)});
        },
        [done, failed, fails] {
            if (fails) {
                failed({QStringLiteral("card_unreadable"), true});
            } else {
                done(demoCitizen());
            }
        });
}

void FakeJourneyParts::cancel() {
    stop();
}

void FakeJourneyParts::startCardImage(std::function<void(const Guidance&, const QImage&)> guidance,
                                      std::function<void(const QString&)> done,
                                      std::function<void(const StepError&)>) {
    // The front until it is read, then the back: the citizen first still
    // shows the front ("turn the card over").
    struct Tick {
        const char* code;
        bool front;
    };
    static const Tick kTicks[] = {
        {"searching", true},   {"too_far", true},     {"hold_flat", true}, {"hold_still", true},
        {"good", true},        {"wrong_side", false}, {"too_far", false},  {"glare", false},
        {"hold_still", false}, {"good", false},
    };
    constexpr int kPerSide = int(std::size(kTicks)) / 2;
    runSequence(
        int(std::size(kTicks)),
        [guidance](int i) {
            const Tick& t = kTicks[i];
            const double progress = double(i % kPerSide) / (kPerSide - 1);
            guidance({QString::fromLatin1(t.code), progress,
                      t.front ? QStringLiteral("front") : QStringLiteral("back")},
                     renderCardFrame(progress, t.front));
        },
        [done] { done(QStringLiteral("JT0-1234567-89")); });
}

void FakeJourneyParts::startFace(std::function<void(const Guidance&, const QImage&)> guidance,
                                 std::function<void()> done,
                                 std::function<void(const StepError&)>) {
    static const QStringList kCodes = {QStringLiteral("searching"), QStringLiteral("too_far"),
                                       QStringLiteral("look_at_camera"),
                                       QStringLiteral("hold_still"), QStringLiteral("good")};
    runSequence(
        int(kCodes.size()),
        [guidance](int i) {
            const double progress = double(i) / (kCodes.size() - 1);
            guidance({kCodes.at(i), progress, {}},
                     renderFaceFrame(progress, Challenge::Blink, false));
        },
        done);
}

void FakeJourneyParts::startLiveness(
    std::function<void(const LivenessPrompt&, const QImage&)> prompt,
    std::function<void(bool, const QString&)> done) {
    // The demo clip's order: blink, turn right, smile, turn left.
    static const QList<Challenge> kOrder = {Challenge::Blink, Challenge::TurnRight,
                                            Challenge::Smile, Challenge::TurnLeft};
    const bool fails = m_behaviour.livenessFails;
    runSequence(
        int(kOrder.size()),
        [prompt](int i) {
            prompt({kOrder.at(i), i, int(kOrder.size())}, renderFaceFrame(1.0, kOrder.at(i), true));
        },
        [done, fails] { done(!fails, fails ? QStringLiteral("liveness_failed") : QString()); });
}

void FakeJourneyParts::stop() {
    if (m_timer) {
        m_timer->stop();
        m_timer->deleteLater();
    }
}

void FakeJourneyParts::verify(const CitizenData&, std::function<void(const ProofingResult&)> done) {
    const ProofingLevel level = m_behaviour.proofing;
    if (m_behaviour.hold) {
        return;  // the answer never comes while held
    }
    QTimer::singleShot(m_behaviour.verifyMs, this, [done, level] {
        ProofingResult r;
        r.level = level;
        r.reference = QStringLiteral("IAL-2026-000123");
        if (level == ProofingLevel::NotAchieved) {
            r.reason = QStringLiteral("face_mismatch");
        } else if (level == ProofingLevel::Pending) {
            r.reason = QStringLiteral("dopa_check_outstanding");
        }
        done(r);
    });
}

QString FakeJourneyParts::keepPending(const CitizenData&) {
    return QStringLiteral("PND-%1").arg(m_nextRef++, 6, 10, QLatin1Char('0'));
}

QList<ServiceInfo> FakeJourneyParts::catalogue() {
    return {
        {QStringLiteral("health.coverage"), QStringLiteral("entitlement"), QStringLiteral("health"),
         QStringLiteral("ตรวจสอบสิทธิรักษาพยาบาล"), QStringLiteral("Check health coverage")},
        {QStringLiteral("registration.queue"), QStringLiteral("queue_booking"),
         QStringLiteral("registration"), QStringLiteral("จองคิวรับบริการ"),
         QStringLiteral("Book an appointment")},
        {QStringLiteral("welfare.card"), QStringLiteral("request_form"), QStringLiteral("welfare"),
         QStringLiteral("ลงทะเบียนบัตรสวัสดิการแห่งรัฐ"),
         QStringLiteral("Apply for the state welfare card")},
        {QStringLiteral("general.complaint"), QStringLiteral("complaint"),
         QStringLiteral("welfare"), QStringLiteral("ร้องเรียน"), QStringLiteral("Make a complaint")},
        {QStringLiteral("registration.fee"), QStringLiteral("payment"),
         QStringLiteral("registration"), QStringLiteral("ชำระค่าธรรมเนียม"),
         QStringLiteral("Pay a fee")},
        {QStringLiteral("general.status"), QStringLiteral("status"), QStringLiteral("welfare"),
         QStringLiteral("ติดตามสถานะคำขอ"), QStringLiteral("Track your requests")},
    };
}

FormSchema FakeJourneyParts::formSchema(const QString& serviceId) {
    FormSchema s;
    s.serviceId = serviceId;
    s.titleTh = QStringLiteral("ลงทะเบียนบัตรสวัสดิการแห่งรัฐ");
    s.titleEn = QStringLiteral("Apply for the state welfare card");
    s.fields = chipIdentityFields();
    s.fields += {
        {QStringLiteral("birth_date"),
         QStringLiteral("date"),
         QStringLiteral("วันเกิด"),
         QStringLiteral("Date of birth"),
         true,
         QStringLiteral("birth_date"),
         {},
         {}},
        {QStringLiteral("address"),
         QStringLiteral("text"),
         QStringLiteral("ที่อยู่"),
         QStringLiteral("Address"),
         true,
         QStringLiteral("address"),
         {},
         {}},
        {QStringLiteral("phone"),
         QStringLiteral("phone"),
         QStringLiteral("หมายเลขโทรศัพท์"),
         QStringLiteral("Phone number"),
         true,
         {},
         {},
         {}},
        {QStringLiteral("income"),
         QStringLiteral("select"),
         QStringLiteral("รายได้ต่อปี"),
         QStringLiteral("Yearly income"),
         true,
         {},
         {QStringLiteral("< 30,000"), QStringLiteral("30,000 – 100,000"),
          QStringLiteral("> 100,000")},
         {}},
    };
    return s;
}

QList<Slot> FakeJourneyParts::availableSlots(const QString&, QDate from, int days) {
    QList<Slot> out;
    for (int d = 0; d < days; ++d) {
        const QDate day = from.addDays(d);
        if (day.dayOfWeek() > 5) {
            continue;
        }
        for (int h : {9, 10, 11, 13, 14, 15}) {
            // A fixed pattern of booked slots so the calendar shows both kinds.
            const bool available = (day.day() + h) % 3 != 0;
            out.append({QDateTime(day, QTime(h, 0)), QStringLiteral("Bang Rak District Office"),
                        available});
        }
    }
    return out;
}

void FakeJourneyParts::entitlement(const CitizenData&,
                                   std::function<void(const EntitlementResult&)> done,
                                   std::function<void(const StepError&)> failed) {
    const bool down = m_behaviour.portalDown;
    QTimer::singleShot(m_behaviour.stepMs, this, [done, failed, down] {
        if (down) {
            failed({QStringLiteral("backend_unreachable"), true});
            return;
        }
        done({QStringLiteral("ucs"), QStringLiteral("โรงพยาบาลกลาง"), QDate(2027, 9, 30), true});
    });
}

PaymentRequest FakeJourneyParts::payment(const CitizenData&) {
    PaymentRequest r;
    r.reference = QStringLiteral("PAY-2026-004512");
    r.amountSatang = 10000;
    // EMVCo merchant-presented QR for PromptPay bill payment (tag 30, AID
    // A000000677010112) of a fictional agency, amount 100.00 THB, with its CRC.
    const QString body = QStringLiteral(
        "000201010212"
        "30580016A00000067701011201150994000000000010215000000000004512"
        "53037645406100.005802TH6304");
    r.promptPayPayload = body + emvCrc16(body);
    r.descriptionTh = QStringLiteral("ค่าธรรมเนียมคัดสำเนาทะเบียนบ้าน");
    r.descriptionEn = QStringLiteral("House registration copy fee");
    return r;
}

QList<RequestStatus> FakeJourneyParts::statuses(const CitizenData&) {
    return {
        {QStringLiteral("REQ-2026-000871"), QStringLiteral("ลงทะเบียนบัตรสวัสดิการแห่งรัฐ"),
         QStringLiteral("Apply for the state welfare card"), QStringLiteral("in_review"),
         QDateTime(QDate(2026, 11, 2), QTime(10, 30))},
        {QStringLiteral("REQ-2026-000412"), QStringLiteral("ขอคัดสำเนาทะเบียนบ้าน"),
         QStringLiteral("House registration copy"), QStringLiteral("completed"),
         QDateTime(QDate(2026, 9, 14), QTime(14, 5))},
    };
}

void FakeJourneyParts::submit(const Submission& submission,
                              std::function<void(const SubmissionReceipt&)> done,
                              std::function<void(const StepError&)> failed) {
    const bool down = m_behaviour.portalDown;
    if (!down) {
        m_submitted.append(submission);
    }
    const QString ref = QStringLiteral("REQ-2026-%1").arg(m_nextRef++, 6, 10, QLatin1Char('0'));
    QTimer::singleShot(m_behaviour.stepMs / 2, this, [done, failed, down, ref] {
        if (down) {
            failed({QStringLiteral("backend_unreachable"), true});
        } else {
            done({ref, false, QDateTime::currentDateTime()});
        }
    });
}

SubmissionReceipt FakeJourneyParts::queue(const Submission& submission) {
    m_queued.append(submission);
    return {QStringLiteral("TRK-%1").arg(m_nextRef++, 6, 10, QLatin1Char('0')), true,
            QDateTime::currentDateTime()};
}

QString FakeJourneyParts::sendBindingCode(const CitizenData&) {
    return QStringLiteral("08x-xxx-4321");
}

bool FakeJourneyParts::checkBindingCode(const QString& code) {
    return code == bindingCode();
}

QString FakeJourneyParts::print(const Receipt& receipt) {
    m_printed.append(receipt);
    return {};
}

void FakeJourneyParts::say(const QString& text, const QString&) {
    m_spoken.append(text);
}

}  // namespace kiosk::journey
