// Feeds arbitrary bytes to every parser of a government backend's answer
// (DOPA SOAP, FVS, IdP, Citizen Portal JSON, PromptPay QR payloads). Each
// must return a value or a BadResponse/Rejected error: never crash, hang,
// or accept a value that breaks its own invariants.
#include "backend_parsers.h"
#include "promptpay.h"

#include <cstdint>

namespace {

void check(bool ok) {
    if (!ok) {
        __builtin_trap();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace kiosk::backend;
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    if (auto r = parseDopaResponse(bytes)) {
        check(r->code >= 0 && r->code <= 999);
    } else {
        check(r.error().code == BackendError::Code::BadResponse ||
              r.error().code == BackendError::Code::Rejected);
    }
    (void)parseDopaRequest(bytes);
    if (auto r = parseFvsResponse(bytes)) {
        check(r->similarityPercent >= 0 && r->similarityPercent <= 100);
    }
    (void)parseIdpAccount(bytes);
    (void)parseIalUpgrade(bytes);
    (void)parseBindingChallenge(bytes);
    (void)parseBindingResult(bytes);
    (void)parseCatalogue(bytes);
    (void)parseFormSchema(bytes);
    (void)parseSubmission(bytes);
    (void)parseSlots(bytes);
    (void)parseBooking(bytes);
    (void)parseEntitlement(bytes);
    (void)parseComplaint(bytes);
    if (auto r = parsePaymentIntent(bytes)) {
        check(kiosk::promptpay::parsePayload(r->qrPayload).has_value());
    }
    if (auto p = kiosk::promptpay::parsePayload(bytes)) {
        check(p->currency == QLatin1String("764") && p->country == QLatin1String("TH"));
    }
    return 0;
}
