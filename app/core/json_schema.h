// A JSON Schema (draft 2020-12) validator for the subset the kiosk's own
// schemas use: configuration, fleet bundles and portal form schemas.
//
// Supported keywords: type, enum, const, properties, required,
// additionalProperties, items, minItems, maxItems, uniqueItems, minimum,
// maximum, exclusiveMinimum, exclusiveMaximum, minLength, maxLength, pattern,
// format (uri, hostname, date), $ref to "#/$defs/NAME", $defs, and the
// annotations title, description, default, $schema, $id, $comment, examples.
// A schema using any other keyword is rejected when loaded, so a schema can
// never silently promise a check the validator does not make.
#pragma once

#include "result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace kiosk {

struct SchemaViolation {
    QString path;     // JSON pointer of the offending value, "" for the root
    QString keyword;  // the schema keyword that failed
    QString message;  // human-readable reason, in English
};

class JsonSchema {
public:
    // Checks that the schema only uses supported keywords and that its
    // patterns compile and its $refs resolve.
    static Result<JsonSchema, QString> fromJson(const QJsonObject& schema);
    static Result<JsonSchema, QString> fromFile(const QString& path);

    // All violations, in document order; empty when the instance is valid.
    QList<SchemaViolation> validate(const QJsonValue& instance) const;

private:
    explicit JsonSchema(QJsonObject root) : m_root(std::move(root)) {}
    QJsonObject m_root;
};

}  // namespace kiosk
