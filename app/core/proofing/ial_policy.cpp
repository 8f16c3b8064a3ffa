#include "ial_policy.h"

#include "canonical_json.h"

#include <QJsonArray>
#include <algorithm>

namespace kiosk::proofing {

namespace {

const QList<std::pair<Check, const char*>>& names() {
    static const QList<std::pair<Check, const char*>> n = {
        {Check::ChipRead, "chip_read"},
        {Check::PrintedCardConsistent, "printed_card_consistent"},
        {Check::CardStatusValid, "card_status_valid"},
        {Check::FaceMatch, "face_match"},
        {Check::LivenessLive, "liveness_live"},
        {Check::ConsentRecorded, "consent_recorded"},
    };
    return n;
}

QString hashOf(const QJsonObject& evidence) {
    return sha256Hex(canonicalJson(evidence));
}

CheckResult notPerformed(Check c, const Evidence& e, const QString& fallback) {
    return {c, Outcome::NotPerformed, e.notPerformed.value(checkName(c), fallback), {}, {}};
}

Result<QList<Check>, QString> checkList(const QJsonValue& v, const QString& where) {
    if (!v.isArray()) {
        return fail(QStringLiteral("%1: want an array of check names").arg(where));
    }
    QList<Check> out;
    for (const QJsonValue& n : v.toArray()) {
        const auto c = checkFromName(n.toString());
        if (!c) {
            return fail(QStringLiteral("%1: unknown check '%2'").arg(where, n.toString()));
        }
        out.append(*c);
    }
    return out;
}

}  // namespace

QString checkName(Check check) {
    for (const auto& [c, n] : names()) {
        if (c == check) {
            return QString::fromLatin1(n);
        }
    }
    return {};
}

std::optional<Check> checkFromName(const QString& name) {
    for (const auto& [c, n] : names()) {
        if (name == QLatin1String(n)) {
            return c;
        }
    }
    return std::nullopt;
}

QList<Check> allChecks() {
    QList<Check> out;
    for (const auto& p : names()) {
        out.append(p.first);
    }
    return out;
}

QString outcomeName(Outcome o) {
    switch (o) {
        case Outcome::Passed:
            return QStringLiteral("passed");
        case Outcome::Failed:
            return QStringLiteral("failed");
        case Outcome::Deferred:
            return QStringLiteral("deferred");
        case Outcome::NotPerformed:
            break;
    }
    return QStringLiteral("not_performed");
}

IalPolicy IalPolicy::defaults() {
    IalPolicy p;
    using C = Check;
    p.levels = {
        {QStringLiteral("1.1"), {}},
        {QStringLiteral("1.2"), {C::ChipRead}},
        {QStringLiteral("1.3"), {C::ChipRead, C::CardStatusValid}},
        {QStringLiteral("2.1"), {C::ChipRead, C::CardStatusValid, C::ConsentRecorded}},
        {QStringLiteral("2.2"),
         {C::ChipRead, C::PrintedCardConsistent, C::CardStatusValid, C::FaceMatch,
          C::ConsentRecorded}},
        {QStringLiteral("2.3"),
         {C::ChipRead, C::PrintedCardConsistent, C::CardStatusValid, C::FaceMatch, C::LivenessLive,
          C::ConsentRecorded}},
    };
    p.fatalFailures = {C::PrintedCardConsistent, C::CardStatusValid, C::FaceMatch, C::LivenessLive};
    return p;
}

Result<IalPolicy, QString> IalPolicy::fromJson(const QJsonObject& o) {
    IalPolicy p = defaults();
    if (o.contains(QLatin1String("policy_id"))) {
        p.id = o.value(QLatin1String("policy_id")).toString();
    }
    if (o.contains(QLatin1String("consent_text_version"))) {
        p.consentTextVersion = o.value(QLatin1String("consent_text_version")).toString();
    }
    if (o.contains(QLatin1String("face_min_score"))) {
        p.faceMinScore = o.value(QLatin1String("face_min_score")).toDouble();
    }
    if (o.contains(QLatin1String("fatal_failures"))) {
        auto l = checkList(o.value(QLatin1String("fatal_failures")),
                           QStringLiteral("/proofing/fatal_failures"));
        if (!l) {
            return fail(l.error());
        }
        p.fatalFailures = *l;
    }
    if (o.contains(QLatin1String("levels"))) {
        const QJsonObject levels = o.value(QLatin1String("levels")).toObject();
        if (levels.isEmpty()) {
            return fail(QStringLiteral("/proofing/levels: want at least one level"));
        }
        p.levels.clear();
        for (auto it = levels.constBegin(); it != levels.constEnd(); ++it) {
            auto l = checkList(it.value(), QStringLiteral("/proofing/levels/") + it.key());
            if (!l) {
                return fail(l.error());
            }
            p.levels.append({it.key(), *l});
        }
    }
    return p;
}

int compareIal(const QString& a, const QString& b) {
    const QStringList pa = a.split(QLatin1Char('.'));
    const QStringList pb = b.split(QLatin1Char('.'));
    for (qsizetype i = 0; i < std::max(pa.size(), pb.size()); ++i) {
        const int x = i < pa.size() ? pa[i].toInt() : 0;
        const int y = i < pb.size() ? pb[i].toInt() : 0;
        if (x != y) {
            return x < y ? -1 : 1;
        }
    }
    return 0;
}

QList<CheckResult> evaluateChecks(const Evidence& e, const IalPolicy& policy) {
    QList<CheckResult> out;

    // Chip: the source of truth for everything else.
    if (!e.chip) {
        out.append(notPerformed(Check::ChipRead, e, QStringLiteral("card not read")));
    } else {
        CheckResult r{Check::ChipRead, Outcome::Passed, {}, hashOf(e.chip->toJson()), {}};
        if (!e.chip->complete) {
            r.outcome = Outcome::Failed;
            r.reason = QStringLiteral("chip read incomplete: ") +
                       e.chip->missing.join(QLatin1String(", "));
        }
        r.details.insert(QStringLiteral("photo_sha256"), e.chip->photoSha256);
        out.append(r);
    }

    if (!e.printed || !e.printed->consistentWithChip.has_value()) {
        out.append(notPerformed(Check::PrintedCardConsistent, e,
                                QStringLiteral("printed card not read (laser code typed)")));
    } else {
        CheckResult r{
            Check::PrintedCardConsistent, Outcome::Passed, {}, hashOf(e.printed->toJson()), {}};
        QJsonArray fields;
        QStringList why;
        for (const auto& m : e.printed->mismatches) {
            fields.append(m.field);
            why << m.field + QStringLiteral(": ") + m.reason;
        }
        r.details.insert(QStringLiteral("mismatched_fields"), fields);
        r.details.insert(QStringLiteral("source"),
                         e.printed->toJson().value(QLatin1String("source")));
        if (!*e.printed->consistentWithChip) {
            r.outcome = Outcome::Failed;
            r.reason = QStringLiteral("printed card does not match the chip (") +
                       why.join(QLatin1String("; ")) + QLatin1Char(')');
        }
        out.append(r);
    }

    if (!e.cardStatus && e.deferred.contains(checkName(Check::CardStatusValid))) {
        out.append({Check::CardStatusValid,
                    Outcome::Deferred,
                    e.deferred.value(checkName(Check::CardStatusValid)),
                    {},
                    {}});
    } else if (!e.cardStatus) {
        out.append(notPerformed(Check::CardStatusValid, e, QStringLiteral("no laser code")));
    } else {
        CheckResult r{Check::CardStatusValid,
                      Outcome::Passed,
                      {},
                      hashOf(e.cardStatus->toJson()),
                      {{QStringLiteral("dopa_code"), e.cardStatus->code}}};
        if (!e.cardStatus->valid) {
            r.outcome = Outcome::Failed;
            r.reason = QStringLiteral("DOPA: code %1").arg(e.cardStatus->code);
        }
        out.append(r);
    }

    if (!e.face) {
        out.append(notPerformed(Check::FaceMatch, e, QStringLiteral("face not captured")));
    } else {
        const FaceEvidence& f = *e.face;
        CheckResult r{Check::FaceMatch,
                      Outcome::Passed,
                      {},
                      hashOf(f.toJson()),
                      {{QStringLiteral("score"), f.toJson().value(QLatin1String("score"))},
                       {QStringLiteral("threshold"), f.toJson().value(QLatin1String("threshold"))},
                       {QStringLiteral("quality_ok"), f.qualityOk}}};
        if (!f.qualityOk) {
            // Poor capture is not evidence against the citizen: try again.
            r.outcome = Outcome::NotPerformed;
            r.reason = QStringLiteral("face quality too low: ") +
                       f.qualityReasons.join(QLatin1String(", "));
        } else if (!f.match || f.score < policy.faceMinScore) {
            r.outcome = Outcome::Failed;
            r.reason = QStringLiteral("face does not match the chip photo (score %1 < %2)")
                           .arg(f.score, 0, 'f', 3)
                           .arg(std::max(f.threshold, policy.faceMinScore), 0, 'f', 3);
        }
        out.append(r);
    }

    if (!e.liveness) {
        out.append(notPerformed(Check::LivenessLive, e, QStringLiteral("liveness not checked")));
    } else {
        const auto& l = *e.liveness;
        CheckResult r{Check::LivenessLive,
                      Outcome::Passed,
                      {},
                      hashOf(l.toJson()),
                      {{QStringLiteral("decision"), decisionName(l.decision)},
                       {QStringLiteral("challenges"), static_cast<int>(l.challenges.size())}}};
        if (l.decision == LivenessEvidence::Decision::Attack) {
            r.outcome = Outcome::Failed;
            r.reason = QStringLiteral("liveness: presentation attack detected");
        } else if (l.decision == LivenessEvidence::Decision::Inconclusive) {
            r.outcome = Outcome::NotPerformed;
            r.reason = QStringLiteral("liveness inconclusive");
        }
        out.append(r);
    }

    if (!e.consent) {
        out.append(notPerformed(Check::ConsentRecorded, e, QStringLiteral("no consent recorded")));
    } else {
        const auto& c = *e.consent;
        CheckResult r{Check::ConsentRecorded,
                      Outcome::Passed,
                      {},
                      hashOf(c.toJson()),
                      {{QStringLiteral("text_version"), c.textVersion}}};
        if (c.action != ConsentEvidence::Action::Accepted) {
            r.outcome = Outcome::Failed;
            r.reason = QStringLiteral("consent declined");
        } else if (c.textVersion != policy.consentTextVersion) {
            r.outcome = Outcome::Failed;
            r.reason = QStringLiteral("consent given to text %1, policy wants %2")
                           .arg(c.textVersion, policy.consentTextVersion);
        }
        out.append(r);
    }
    return out;
}

PolicyDecision decide(const QList<CheckResult>& checks, const IalPolicy& policy) {
    PolicyDecision d;
    d.checks = checks;
    auto find = [&](Check c) -> const CheckResult* {
        for (const auto& r : checks) {
            if (r.check == c) {
                return &r;
            }
        }
        return nullptr;
    };
    for (const Check c : policy.fatalFailures) {
        const CheckResult* r = find(c);
        if (r && r->outcome == Outcome::Failed) {
            d.rejected = true;
            d.reasons << QStringLiteral("%1 failed: %2").arg(checkName(c), r->reason);
        }
    }
    if (d.rejected) {
        return d;
    }
    QList<IalPolicy::Level> levels = policy.levels;
    std::sort(levels.begin(), levels.end(),
              [](const auto& a, const auto& b) { return compareIal(a.ial, b.ial) < 0; });
    // The level once deferred checks pass (the IdP performs them).
    QString ifDeferredPass;
    for (const auto& level : levels) {
        bool ok = true;
        for (const Check c : level.required) {
            const CheckResult* r = find(c);
            ok = ok && r && (r->outcome == Outcome::Passed || r->outcome == Outcome::Deferred);
        }
        if (ok) {
            ifDeferredPass = level.ial;
        }
    }
    for (const auto& level : levels) {
        QStringList missing;
        for (const Check c : level.required) {
            const CheckResult* r = find(c);
            if (!r || r->outcome != Outcome::Passed) {
                missing << QStringLiteral("%1 %2%3").arg(
                    checkName(c), r ? outcomeName(r->outcome) : QStringLiteral("not_performed"),
                    r && !r->reason.isEmpty() ? QStringLiteral(" (") + r->reason + QLatin1Char(')')
                                              : QString());
            }
        }
        if (missing.isEmpty()) {
            d.ial = level.ial;
        } else {
            d.reasons << QStringLiteral("IAL %1 needs: %2")
                             .arg(level.ial, missing.join(QLatin1String("; ")));
        }
    }
    // Keep only the reasons for levels above the one granted.
    QStringList above;
    for (const QString& r : d.reasons) {
        const QString ial = r.section(QLatin1Char(' '), 1, 1);
        if (d.ial.isEmpty() || compareIal(ial, d.ial) > 0) {
            above << r;
        }
    }
    d.reasons = above;
    if (!ifDeferredPass.isEmpty() && (d.ial.isEmpty() || compareIal(ifDeferredPass, d.ial) > 0)) {
        d.pendingIal = ifDeferredPass;
    }
    return d;
}

}  // namespace kiosk::proofing
