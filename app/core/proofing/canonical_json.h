// The canonical encoding of a ProofingRecord, so signer and verifier hash the
// same bytes: JSON (RFC 8259) with
//   - object members sorted by key (UTF-16 code units, as RFC 8785 JCS),
//   - no insignificant whitespace,
//   - strings as UTF-8 with only '"', '\\' and control characters escaped
//     (\b \f \n \r \t, others as \u00xx in lower-case hex),
//   - integers in plain decimal; other numbers in the shortest form that
//     reads back to the same double (records use integers and strings only).
// The same rules as JCS for everything a record contains.
#pragma once

#include <QByteArray>
#include <QJsonValue>

namespace kiosk::proofing {

QByteArray canonicalJson(const QJsonValue& value);

}  // namespace kiosk::proofing
