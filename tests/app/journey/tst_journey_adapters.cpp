// The journey adapters' mappings: driver, vision and backend results to the
// codes the screens know, the card-image step's order (front, then back),
// the card images' wipe, and the demo's challenge order from the clip's
// annotations.
#include "backend_proofing_port.h"
#include "card_sides_capture.h"
#include "demo_challenges.h"
#include "journey_evidence.h"
#include "pcsc_card_port.h"
#include "portal_port.h"
#include "test_env.h"
#include "vision_camera_port.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

using namespace kiosk;
using namespace kiosk::journey;

namespace {

// The `case "code":` labels of a QML screen.
QSet<QString> qmlCases(const QString& file) {
    QFile f(test::sourceDir() + QStringLiteral("/app/ui/qml/") + file);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    QSet<QString> out;
    static const QRegularExpression re(QStringLiteral("case \"([a-z_]+)\""));
    for (auto it = re.globalMatch(QString::fromUtf8(f.readAll())); it.hasNext();) {
        out.insert(it.next().captured(1));
    }
    return out;
}

const QString kKatieActions = QStringLiteral(
    "blinks ~0.95 1.35 4.55 6.85; turn to her right +25..32 deg 1.3-2.4 (and 2.9-3.2); turn to "
    "her left -15..-23 deg 6.3-7.7; smiling 1.0-2.8");

Result<ocr::CardReading, ocr::OcrError> frontReading(const QString& cid, bool cidValid) {
    ocr::CardReading r;
    r.document = ocr::DocumentKind::ThaiId;
    r.side = ocr::Side::Front;
    r.front = ocr::FrontFields{};
    r.front->cid = cid;
    r.front->cidValid = cidValid;
    return r;
}

Result<ocr::CardReading, ocr::OcrError> backReading(const QString& laserCode) {
    ocr::CardReading r;
    r.document = ocr::DocumentKind::ThaiId;
    r.side = ocr::Side::Back;
    r.back = ocr::BackFields{laserCode};
    return r;
}

backend::ProofingOutcome outcome(const QString& ial, backend::ProofingOutcome::Delivery delivery) {
    backend::ProofingOutcome o;
    o.decision.ial = ial;
    o.delivery = delivery;
    o.record.insert(QStringLiteral("record_id"), QStringLiteral("rec-1"));
    return o;
}

}  // namespace

class TestJourneyAdapters : public QObject {
    Q_OBJECT
private slots:
    void cardStepError_driverErrors_journeyCodes() {
        using C = card::CardError::Code;
        QCOMPARE(PcscCardPort::stepError({C::CardRemoved, {}}).code,
                 QStringLiteral("card_removed"));
        QVERIFY(PcscCardPort::stepError({C::CardRemoved, {}}).retry);
        QCOMPARE(PcscCardPort::stepError({C::NotThaiIdCard, {}}).code,
                 QStringLiteral("card_not_thai_id"));
        QCOMPARE(PcscCardPort::stepError({C::CorruptData, {}}).code,
                 QStringLiteral("card_unreadable"));
        QCOMPARE(PcscCardPort::stepError({C::Timeout, {}}).code, QStringLiteral("card_unreadable"));
        // The kiosk's own reader: not the citizen's to retry.
        QCOMPARE(PcscCardPort::stepError({C::NoService, {}}).code,
                 QStringLiteral("reader_unavailable"));
        QVERIFY(!PcscCardPort::stepError({C::NoReader, {}}).retry);
    }

    void cardStepError_everyCitizenCode_hasErrorScreenText() {
        const QSet<QString> known = qmlCases(QStringLiteral("ErrorScreen.qml"));
        QVERIFY(!known.isEmpty());
        using C = card::CardError::Code;
        for (C c : {C::NoService, C::NoReader, C::NoCard, C::CardRemoved, C::CardReset,
                    C::SharingViolation, C::Timeout, C::NotThaiIdCard, C::Protocol, C::CorruptData,
                    C::Transport}) {
            const QString code = PcscCardPort::stepError({c, {}}).code;
            QVERIFY2(known.contains(code), qPrintable(code));
        }
    }

    void citizenData_chipFields_addressJoinedAndPhotoDecoded() {
        card::CardData d;
        d.cid = QStringLiteral("1103700456121");
        d.nameTh = {QStringLiteral("นางสาว"), QStringLiteral("กัญญา"), {}, QStringLiteral("สาธิตดี")};
        d.nameEn = {
            QStringLiteral("Miss"), QStringLiteral("Kanya"), {}, QStringLiteral("Sathitdee")};
        d.birthDate = {1989, 6, 0};  // day unknown
        d.address.houseNo = QStringLiteral("12/3");
        d.address.soi = QStringLiteral("ซอยสาธิต ๕");
        d.address.province = QStringLiteral("กรุงเทพมหานคร");
        QImage face(20, 24, QImage::Format_RGB32);
        face.fill(Qt::gray);
        QBuffer buf(&d.photoJpeg);
        buf.open(QIODevice::WriteOnly);
        face.save(&buf, "JPEG");
        const CitizenData c = PcscCardPort::citizenData(d);
        QCOMPARE(c.cid, d.cid);
        QCOMPARE(c.firstNameEn, QStringLiteral("Kanya"));
        QCOMPARE(c.lastNameTh, QStringLiteral("สาธิตดี"));
        QCOMPARE(c.dateOfBirth, QDate(1989, 6, 1));
        QCOMPARE(c.address, QStringLiteral("12/3 ซอยสาธิต ๕ กรุงเทพมหานคร"));
        QCOMPARE(c.photo.size(), QSize(20, 24));
    }

    void fieldGroups_order_appletToPhoto() {
        QCOMPARE(PcscCardPort::fieldGroups(),
                 QStringList({QStringLiteral("applet"), QStringLiteral("identity"),
                              QStringLiteral("address"), QStringLiteral("photo")}));
    }

    void guidanceCode_ocrGuidance_codesGuidanceTextKnows() {
        const QSet<QString> known = qmlCases(QStringLiteral("GuidanceText.qml"));
        QVERIFY(!known.isEmpty());
        QCOMPARE(VisionCameraPort::guidanceCode(ocr::Guidance::Ok), QStringLiteral("good"));
        QCOMPARE(VisionCameraPort::guidanceCode(ocr::Guidance::TooFar), QStringLiteral("too_far"));
        QCOMPARE(VisionCameraPort::guidanceCode(ocr::Guidance::WrongSide),
                 QStringLiteral("wrong_side"));
        for (ocr::Guidance g :
             {ocr::Guidance::Ok, ocr::Guidance::NoCard, ocr::Guidance::TooFar,
              ocr::Guidance::TooClose, ocr::Guidance::WrongDocument, ocr::Guidance::WrongSide,
              ocr::Guidance::Tilted, ocr::Guidance::Glare, ocr::Guidance::Blur}) {
            const QString code = VisionCameraPort::guidanceCode(g);
            QVERIFY2(known.contains(code), qPrintable(code));
        }
    }

    void guidanceCode_faceQuality_mostActionableIssue() {
        const QSet<QString> known = qmlCases(QStringLiteral("GuidanceText.qml"));
        vision::FaceQuality q;
        q.ok = true;
        QCOMPARE(VisionCameraPort::guidanceCode(q), QStringLiteral("good"));
        q.ok = false;
        q.issues = {vision::QualityIssue::TooSmall, vision::QualityIssue::Blurred};
        QCOMPARE(VisionCameraPort::guidanceCode(q), QStringLiteral("too_far"));
        using I = vision::QualityIssue;
        const QList<std::pair<I, QString>> expected = {
            {I::NoFace, QStringLiteral("searching")},
            {I::MultipleFaces, QStringLiteral("one_person")},
            {I::TooLarge, QStringLiteral("too_close")},
            {I::Turned, QStringLiteral("look_at_camera")},
            {I::Blurred, QStringLiteral("blur")},
            {I::TooDark, QStringLiteral("too_dark")},
            {I::TooBright, QStringLiteral("glare")},
            {I::EyesClosed, QStringLiteral("look_at_camera")},
        };
        for (const auto& [issue, code] : expected) {
            q.issues = {issue};
            QCOMPARE(VisionCameraPort::guidanceCode(q), code);
            QVERIFY2(known.contains(code), qPrintable(code));
        }
    }

    void cardSides_frontThenBack_eachReadAfterGoodFrames() {
        CardSidesCapture capture(3);
        QCOMPARE(capture.side(), ocr::Side::Front);
        // The citizen shows the back first: turn the card over.
        auto f = capture.onGuidance(ocr::Guidance::WrongSide);
        QCOMPARE(VisionCameraPort::guidanceCode(f.guidance), QStringLiteral("wrong_side"));
        QCOMPARE(f.progress, 0.0);
        QVERIFY(!f.read);
        QVERIFY(!capture.onGuidance(ocr::Guidance::Ok).read);
        f = capture.onGuidance(ocr::Guidance::Ok);
        QVERIFY(!f.read);
        QCOMPARE(f.progress, 2.0 / 3.0);
        f = capture.onGuidance(ocr::Guidance::Ok);
        QVERIFY(f.read);
        QCOMPARE(f.progress, 1.0);
        QVERIFY(capture.onReading(frontReading(QStringLiteral("1103700456121"), true)));
        QCOMPARE(capture.side(), ocr::Side::Back);
        QVERIFY(capture.laserCode().isEmpty());

        // Still holding the front: the count starts again for the back.
        f = capture.onGuidance(ocr::Guidance::WrongSide);
        QCOMPARE(f.progress, 0.0);
        for (int i = 0; i < 2; ++i) {
            QVERIFY(!capture.onGuidance(ocr::Guidance::Ok).read);
        }
        QVERIFY(capture.onGuidance(ocr::Guidance::Ok).read);
        QVERIFY(capture.onReading(backReading(QStringLiteral("ME2046137518"))));
        QVERIFY(capture.done());
        QCOMPARE(capture.laserCode(), QStringLiteral("ME2046137518"));
        QCOMPARE(capture.side(), ocr::Side::Unknown);
    }

    void cardSides_frontWithoutValidCid_keepsAskingForTheFront() {
        CardSidesCapture capture(1);
        QVERIFY(capture.onGuidance(ocr::Guidance::Ok).read);
        QVERIFY(!capture.onReading(frontReading(QString(), false)));  // no CID
        QCOMPARE(capture.side(), ocr::Side::Front);
        QVERIFY(capture.onGuidance(ocr::Guidance::Ok).read);
        // A misread digit breaks the check digit: proofing would call it a mismatch.
        QVERIFY(!capture.onReading(frontReading(QStringLiteral("1103700456122"), false)));
        QVERIFY(capture.onGuidance(ocr::Guidance::Ok).read);
        QVERIFY(!capture.onReading(backReading(QStringLiteral("ME2046137518"))));
        QVERIFY(capture.onGuidance(ocr::Guidance::Ok).read);
        QVERIFY(!capture.onReading(Result<ocr::CardReading, ocr::OcrError>(
            fail(ocr::OcrError{ocr::OcrErrc::EngineFailed, {}}))));
        QCOMPARE(capture.side(), ocr::Side::Front);
        QVERIFY(capture.laserCode().isEmpty());
    }

    void cardSides_backWithoutLaserCode_keepsAskingForTheBack() {
        CardSidesCapture capture(2);
        capture.onGuidance(ocr::Guidance::Ok);
        QVERIFY(capture.onGuidance(ocr::Guidance::Ok).read);
        QVERIFY(capture.onReading(frontReading(QStringLiteral("1103700456121"), true)));
        capture.onGuidance(ocr::Guidance::Ok);
        QVERIFY(capture.onGuidance(ocr::Guidance::Ok).read);
        QVERIFY(!capture.onReading(backReading(QString())));
        QCOMPARE(capture.side(), ocr::Side::Back);
        // A failed reading starts the count again.
        QCOMPARE(capture.onGuidance(ocr::Guidance::Ok).progress, 0.5);
    }

    void cardSides_sideCode_namesTheScreenKnows() {
        QCOMPARE(CardSidesCapture::sideCode(ocr::Side::Front), QStringLiteral("front"));
        QCOMPARE(CardSidesCapture::sideCode(ocr::Side::Back), QStringLiteral("back"));
        QVERIFY(CardSidesCapture::sideCode(ocr::Side::Unknown).isEmpty());
        QFile screen(test::sourceDir() + QStringLiteral("/app/ui/qml/CardImageScreen.qml"));
        QVERIFY(screen.open(QIODevice::ReadOnly));
        QVERIFY(screen.readAll().contains("Session.progress.side === \"back\""));
    }

    void cardSides_timeoutCode_eachSideHasErrorScreenText() {
        const QSet<QString> known = qmlCases(QStringLiteral("ErrorScreen.qml"));
        QCOMPARE(CardSidesCapture::timeoutCode(ocr::Side::Front),
                 QStringLiteral("card_front_timeout"));
        QCOMPARE(CardSidesCapture::timeoutCode(ocr::Side::Back),
                 QStringLiteral("card_image_timeout"));
        for (ocr::Side side : {ocr::Side::Front, ocr::Side::Back}) {
            const QString code = CardSidesCapture::timeoutCode(side);
            QVERIFY2(known.contains(code), qPrintable(code));
        }
    }

    void cardImages_wipe_zeroedInPlace() {
        CardImages images(QByteArray(32, 'f'), QByteArray(16, 'b'));
        images.wipe();
        QCOMPARE(images.front, QByteArray(32, '\0'));
        QCOMPARE(images.back, QByteArray(16, '\0'));
    }

    void evidenceWipe_cardImages_releasedOnceProofingLetsGo() {
        JourneyEvidence evidence;
        auto images = std::make_shared<const CardImages>(QByteArray(32, 'f'), QByteArray(16, 'b'));
        const std::weak_ptr<const CardImages> watch = images;
        evidence.setCardImages(std::move(images), QStringLiteral("ME2046137518"));
        {
            // A proofing run holds them while it reads; the session ends meanwhile.
            const JourneyEvidence::Snapshot running = evidence.snapshot();
            QVERIFY(running.cardImages);
            evidence.wipe();
            QVERIFY(!evidence.snapshot().cardImages);
            QVERIFY(evidence.snapshot().laserCode.isEmpty());
            QVERIFY(!watch.expired());
        }
        QVERIFY(watch.expired());  // the last holder zeroed and freed them
    }

    void laserReading_backImageInMemory_hashedNotKept() {
        const QByteArray back("png bytes of the back");
        const auto r = BackendProofingPort::laserReading(QStringLiteral("ME2046137518"), back);
        QCOMPARE(r.laserCode, QStringLiteral("ME2046137518"));
        QCOMPARE(r.backImageSha256, proofing::sha256Hex(back));
        QVERIFY(r.cid.isEmpty());
    }

    void randomJourneyChallenges_two_distinctAndShowable() {
        for (int round = 0; round < 20; ++round) {
            const auto c = VisionCameraPort::randomJourneyChallenges(2);
            QCOMPARE(c.size(), std::size_t(2));
            QVERIFY(c[0] != c[1]);
            QVERIFY(VisionCameraPort::journeyChallenge(c[0]).has_value());
            QVERIFY(VisionCameraPort::journeyChallenge(c[1]).has_value());
        }
        QVERIFY(!VisionCameraPort::journeyChallenge(vision::Challenge::Nod).has_value());
    }

    void parseAnnotatedActions_katie_firstOfEachInTimeOrder() {
        const auto a = parseAnnotatedActions(kKatieActions);
        QCOMPARE(a.size(), std::size_t(4));
        QCOMPARE(a[0].challenge, vision::Challenge::Blink);
        QCOMPARE(a[0].startS, 0.95);
        QCOMPARE(a[1].challenge, vision::Challenge::Smile);
        QCOMPARE(a[2].challenge, vision::Challenge::TurnRight);
        QCOMPARE(a[2].startS, 1.3);
        QCOMPARE(a[2].endS, 2.4);
        QCOMPARE(a[3].challenge, vision::Challenge::TurnLeft);
        QCOMPARE(a[3].startS, 6.3);
        QCOMPARE(a[3].endS, 7.7);
    }

    void demoChallenges_katieClip_blinkTurnRightTurnLeft() {
        // Her smile (1.0-2.8 s) spans the right turn: it cannot be a prompt of its own.
        const auto order =
            demoChallenges(test::sharedDataDir() + QStringLiteral("/video/annotations.csv"),
                           QStringLiteral("katie_hill_talk.mp4"));
        QVERIFY2(order, order ? "" : qPrintable(order.error()));
        QCOMPARE(*order, std::vector<vision::Challenge>({vision::Challenge::Blink,
                                                         vision::Challenge::TurnRight,
                                                         vision::Challenge::TurnLeft}));
    }

    void demoChallenges_unknownClip_error() {
        const auto order =
            demoChallenges(test::sharedDataDir() + QStringLiteral("/video/annotations.csv"),
                           QStringLiteral("nobody.mp4"));
        QVERIFY(!order);
        QVERIFY(order.error().contains(QStringLiteral("nobody.mp4")));
    }

    void resultOf_ial23Upgraded_achievedWithRecord() {
        const auto r = BackendProofingPort::resultOf(
            outcome(QStringLiteral("2.3"), backend::ProofingOutcome::Delivery::Upgraded));
        QCOMPARE(r.level, ProofingLevel::Achieved);
        QCOMPARE(r.reference, QStringLiteral("rec-1"));
    }

    void resultOf_idpUnreachable_pending() {
        const auto r = BackendProofingPort::resultOf(
            outcome(QStringLiteral("2.3"), backend::ProofingOutcome::Delivery::Pending));
        QCOMPARE(r.level, ProofingLevel::Pending);
        QCOMPARE(r.reason, QStringLiteral("backend_unreachable"));
    }

    void resultOf_faceFailed_faceMismatch() {
        auto o = outcome(QStringLiteral("1.3"), backend::ProofingOutcome::Delivery::NotSent);
        o.decision.rejected = true;
        o.decision.checks.append(
            {proofing::Check::FaceMatch, proofing::Outcome::Failed, {}, {}, {}});
        const auto r = BackendProofingPort::resultOf(o);
        QCOMPARE(r.level, ProofingLevel::NotAchieved);
        QCOMPARE(r.reason, QStringLiteral("face_mismatch"));
    }

    void resultOf_dopaDeferred_pendingDopa() {
        auto o = outcome(QStringLiteral("2.1"), backend::ProofingOutcome::Delivery::Upgraded);
        o.decision.pendingIal = QStringLiteral("2.3");
        const auto r = BackendProofingPort::resultOf(o);
        QCOMPARE(r.level, ProofingLevel::Pending);
        QCOMPARE(r.reason, QStringLiteral("dopa_check_outstanding"));
    }

    void resultOf_everyReason_hasResultScreenText() {
        const QSet<QString> known = qmlCases(QStringLiteral("ResultScreen.qml"));
        using P = proofing::Check;
        for (P c : {P::CardStatusValid, P::FaceMatch, P::LivenessLive, P::PrintedCardConsistent,
                    P::ConsentRecorded}) {
            auto o = outcome(QString(), backend::ProofingOutcome::Delivery::NotSent);
            o.decision.checks.append({c, proofing::Outcome::Failed, {}, {}, {}});
            const QString reason = BackendProofingPort::resultOf(o).reason;
            QVERIFY2(known.contains(reason), qPrintable(reason));
        }
        const QString rejected =
            BackendProofingPort::resultOf(
                outcome(QStringLiteral("2.3"), backend::ProofingOutcome::Delivery::Rejected))
                .reason;
        QVERIFY2(known.contains(rejected), qPrintable(rejected));
    }

    void portal_statusAndErrors_mapped() {
        QCOMPARE(CitizenPortalPort::statusCode(QStringLiteral("processing")),
                 QStringLiteral("in_review"));
        QCOMPARE(CitizenPortalPort::statusCode(QStringLiteral("done")),
                 QStringLiteral("completed"));
        QCOMPARE(CitizenPortalPort::statusCode(QStringLiteral("received")),
                 QStringLiteral("received"));
        backend::BackendError e;
        e.code = backend::BackendError::Code::Timeout;
        QCOMPARE(CitizenPortalPort::stepError(e).code, QStringLiteral("backend_unreachable"));
        QVERIFY(CitizenPortalPort::stepError(e).retry);
        e.code = backend::BackendError::Code::Rejected;
        QCOMPARE(CitizenPortalPort::stepError(e).code, QStringLiteral("portal_rejected"));
        QVERIFY(!CitizenPortalPort::stepError(e).retry);
    }

    void formFromSchema_portalSchema_chipPrefillThenProperties() {
        const QJsonObject schema{
            {QStringLiteral("required"), QJsonArray{QStringLiteral("copies")}},
            {QStringLiteral("properties"),
             QJsonObject{{QStringLiteral("copies"),
                          QJsonObject{{QStringLiteral("type"), QStringLiteral("integer")}}},
                         {QStringLiteral("purpose"),
                          QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}}}};
        const FormSchema f =
            CitizenPortalPort::formFromSchema(QStringLiteral("registration.fee"), schema);
        QCOMPARE(f.fields.size(), 5);
        QCOMPARE(f.fields[1].prefill, QStringLiteral("cid"));
        QCOMPARE(f.fields[3].id, QStringLiteral("copies"));
        QCOMPARE(f.fields[3].type, QStringLiteral("number"));
        QVERIFY(f.fields[3].required);
        QVERIFY(!f.fields[4].required);
        QCOMPARE(f.fields[3].labelEn, QStringLiteral("Number of copies"));
        QCOMPARE(CitizenPortalPort::portalServiceId(QStringLiteral("registration.fee")),
                 QStringLiteral("house-registration-copy"));
        QVERIFY(CitizenPortalPort::portalServiceId(QStringLiteral("general.complaint")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestJourneyAdapters)
#include "tst_journey_adapters.moc"
