#include "json_schema.h"

#include <QDate>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>
#include <cmath>

namespace kiosk {

namespace {

const QSet<QString>& supportedKeywords() {
    static const QSet<QString> keys = {
        QStringLiteral("type"),
        QStringLiteral("enum"),
        QStringLiteral("const"),
        QStringLiteral("properties"),
        QStringLiteral("required"),
        QStringLiteral("additionalProperties"),
        QStringLiteral("items"),
        QStringLiteral("minItems"),
        QStringLiteral("maxItems"),
        QStringLiteral("uniqueItems"),
        QStringLiteral("minimum"),
        QStringLiteral("maximum"),
        QStringLiteral("exclusiveMinimum"),
        QStringLiteral("exclusiveMaximum"),
        QStringLiteral("minLength"),
        QStringLiteral("maxLength"),
        QStringLiteral("pattern"),
        QStringLiteral("format"),
        QStringLiteral("$ref"),
        QStringLiteral("$defs"),
        QStringLiteral("title"),
        QStringLiteral("description"),
        QStringLiteral("default"),
        QStringLiteral("$schema"),
        QStringLiteral("$id"),
        QStringLiteral("$comment"),
        QStringLiteral("examples"),
    };
    return keys;
}

QString escapePointerToken(QString token) {
    token.replace(QLatin1Char('~'), QLatin1String("~0"));
    token.replace(QLatin1Char('/'), QLatin1String("~1"));
    return token;
}

QString typeName(const QJsonValue& v) {
    switch (v.type()) {
        case QJsonValue::Null:
            return QStringLiteral("null");
        case QJsonValue::Bool:
            return QStringLiteral("boolean");
        case QJsonValue::Double: {
            const double d = v.toDouble();
            return std::trunc(d) == d ? QStringLiteral("integer") : QStringLiteral("number");
        }
        case QJsonValue::String:
            return QStringLiteral("string");
        case QJsonValue::Array:
            return QStringLiteral("array");
        case QJsonValue::Object:
            return QStringLiteral("object");
        case QJsonValue::Undefined:
            break;
    }
    return QStringLiteral("undefined");
}

bool matchesType(const QJsonValue& v, const QString& type) {
    const QString actual = typeName(v);
    return actual == type ||
           (type == QLatin1String("number") && actual == QLatin1String("integer"));
}

QString brief(const QJsonValue& v) {
    QString s;
    if (v.isString()) {
        s = QLatin1Char('"') + v.toString() + QLatin1Char('"');
    } else if (v.isDouble()) {
        s = QString::number(v.toDouble(), 'g', 12);
    } else if (v.isBool()) {
        s = v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    } else if (v.isNull()) {
        s = QStringLiteral("null");
    } else {
        s = typeName(v);
    }
    return s.size() > 60 ? s.left(57) + QStringLiteral("...") : s;
}

bool checkFormat(const QString& format, const QString& value) {
    if (format == QLatin1String("uri")) {
        const QUrl url(value, QUrl::StrictMode);
        return url.isValid() && !url.scheme().isEmpty();
    }
    if (format == QLatin1String("hostname")) {
        static const QRegularExpression re(
            QStringLiteral("^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-"
                           "z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$"));
        return re.match(value).hasMatch();
    }
    if (format == QLatin1String("date")) {
        return QDate::fromString(value, Qt::ISODate).isValid() && value.size() == 10;
    }
    return true;
}

class Validator {
public:
    explicit Validator(const QJsonObject& root) : m_root(root) {}

    void run(const QJsonObject& schema, const QJsonValue& v, const QString& path, int depth = 0) {
        if (depth > 64) {
            add(path, QStringLiteral("$ref"), QStringLiteral("schema recursion too deep"));
            return;
        }
        if (schema.contains(QLatin1String("$ref"))) {
            run(resolve(schema.value(QLatin1String("$ref")).toString()), v, path, depth + 1);
        }
        if (!checkType(schema, v, path)) {
            return;  // other keywords would only repeat the same complaint
        }
        if (schema.contains(QLatin1String("enum"))) {
            const QJsonArray options = schema.value(QLatin1String("enum")).toArray();
            if (!options.contains(v)) {
                QStringList names;
                for (const auto& o : options) {
                    names << brief(o);
                }
                add(path, QStringLiteral("enum"),
                    QStringLiteral("must be one of %1 (got %2)")
                        .arg(names.join(QLatin1String(", ")), brief(v)));
            }
        }
        if (schema.contains(QLatin1String("const")) && schema.value(QLatin1String("const")) != v) {
            add(path, QStringLiteral("const"),
                QStringLiteral("must be %1 (got %2)")
                    .arg(brief(schema.value(QLatin1String("const"))), brief(v)));
        }
        if (v.isDouble()) {
            checkNumber(schema, v.toDouble(), path);
        } else if (v.isString()) {
            checkString(schema, v.toString(), path);
        } else if (v.isArray()) {
            checkArray(schema, v.toArray(), path, depth);
        } else if (v.isObject()) {
            checkObject(schema, v.toObject(), path, depth);
        }
    }

    QList<SchemaViolation> violations;

private:
    void add(const QString& path, const QString& keyword, const QString& message) {
        violations.append({path, keyword, message});
    }

    QJsonObject resolve(const QString& ref) const {
        static const QString prefix = QStringLiteral("#/$defs/");
        if (!ref.startsWith(prefix)) {
            return {};
        }
        return m_root.value(QLatin1String("$defs"))
            .toObject()
            .value(ref.mid(prefix.size()))
            .toObject();
    }

    bool checkType(const QJsonObject& schema, const QJsonValue& v, const QString& path) {
        if (!schema.contains(QLatin1String("type"))) {
            return true;
        }
        const QJsonValue t = schema.value(QLatin1String("type"));
        QStringList types;
        if (t.isArray()) {
            for (const auto& x : t.toArray()) {
                types << x.toString();
            }
        } else {
            types << t.toString();
        }
        for (const auto& type : types) {
            if (matchesType(v, type)) {
                return true;
            }
        }
        add(path, QStringLiteral("type"),
            QStringLiteral("must be %1 (got %2)")
                .arg(types.join(QLatin1String(" or ")), typeName(v)));
        return false;
    }

    void checkNumber(const QJsonObject& s, double d, const QString& path) {
        const auto num = [&](const char* key) { return s.value(QLatin1String(key)).toDouble(); };
        if (s.contains(QLatin1String("minimum")) && d < num("minimum")) {
            add(path, QStringLiteral("minimum"),
                QStringLiteral("must be at least %1 (got %2)").arg(num("minimum")).arg(d));
        }
        if (s.contains(QLatin1String("maximum")) && d > num("maximum")) {
            add(path, QStringLiteral("maximum"),
                QStringLiteral("must be at most %1 (got %2)").arg(num("maximum")).arg(d));
        }
        if (s.contains(QLatin1String("exclusiveMinimum")) && d <= num("exclusiveMinimum")) {
            add(path, QStringLiteral("exclusiveMinimum"),
                QStringLiteral("must be greater than %1 (got %2)")
                    .arg(num("exclusiveMinimum"))
                    .arg(d));
        }
        if (s.contains(QLatin1String("exclusiveMaximum")) && d >= num("exclusiveMaximum")) {
            add(path, QStringLiteral("exclusiveMaximum"),
                QStringLiteral("must be less than %1 (got %2)")
                    .arg(num("exclusiveMaximum"))
                    .arg(d));
        }
    }

    void checkString(const QJsonObject& s, const QString& str, const QString& path) {
        // Length in code points, as JSON Schema defines it.
        const qsizetype len = str.toUcs4().size();
        if (s.contains(QLatin1String("minLength")) &&
            len < s.value(QLatin1String("minLength")).toInt()) {
            add(path, QStringLiteral("minLength"),
                QStringLiteral("must be at least %1 characters (got %2)")
                    .arg(s.value(QLatin1String("minLength")).toInt())
                    .arg(len));
        }
        if (s.contains(QLatin1String("maxLength")) &&
            len > s.value(QLatin1String("maxLength")).toInt()) {
            add(path, QStringLiteral("maxLength"),
                QStringLiteral("must be at most %1 characters (got %2)")
                    .arg(s.value(QLatin1String("maxLength")).toInt())
                    .arg(len));
        }
        if (s.contains(QLatin1String("pattern"))) {
            const QString pattern = s.value(QLatin1String("pattern")).toString();
            const QRegularExpression re(pattern);
            if (!re.match(str).hasMatch()) {
                add(path, QStringLiteral("pattern"),
                    QStringLiteral("must match %1 (got %2)").arg(pattern, brief(str)));
            }
        }
        if (s.contains(QLatin1String("format"))) {
            const QString format = s.value(QLatin1String("format")).toString();
            if (!checkFormat(format, str)) {
                add(path, QStringLiteral("format"),
                    QStringLiteral("must be a valid %1 (got %2)").arg(format, brief(str)));
            }
        }
    }

    void checkArray(const QJsonObject& s, const QJsonArray& a, const QString& path, int depth) {
        if (s.contains(QLatin1String("minItems")) &&
            a.size() < s.value(QLatin1String("minItems")).toInt()) {
            add(path, QStringLiteral("minItems"),
                QStringLiteral("must have at least %1 items (got %2)")
                    .arg(s.value(QLatin1String("minItems")).toInt())
                    .arg(a.size()));
        }
        if (s.contains(QLatin1String("maxItems")) &&
            a.size() > s.value(QLatin1String("maxItems")).toInt()) {
            add(path, QStringLiteral("maxItems"),
                QStringLiteral("must have at most %1 items (got %2)")
                    .arg(s.value(QLatin1String("maxItems")).toInt())
                    .arg(a.size()));
        }
        if (s.value(QLatin1String("uniqueItems")).toBool()) {
            for (qsizetype i = 0; i < a.size(); ++i) {
                for (qsizetype j = 0; j < i; ++j) {
                    if (a.at(i) == a.at(j)) {
                        add(path + QLatin1Char('/') + QString::number(i),
                            QStringLiteral("uniqueItems"),
                            QStringLiteral("duplicates item %1").arg(j));
                    }
                }
            }
        }
        if (s.value(QLatin1String("items")).isObject()) {
            const QJsonObject items = s.value(QLatin1String("items")).toObject();
            for (qsizetype i = 0; i < a.size(); ++i) {
                run(items, a.at(i), path + QLatin1Char('/') + QString::number(i), depth + 1);
            }
        }
    }

    void checkObject(const QJsonObject& s, const QJsonObject& o, const QString& path, int depth) {
        for (const auto& req : s.value(QLatin1String("required")).toArray()) {
            if (!o.contains(req.toString())) {
                add(path + QLatin1Char('/') + escapePointerToken(req.toString()),
                    QStringLiteral("required"), QStringLiteral("is required but missing"));
            }
        }
        const QJsonObject props = s.value(QLatin1String("properties")).toObject();
        const QJsonValue additional = s.value(QLatin1String("additionalProperties"));
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString child = path + QLatin1Char('/') + escapePointerToken(it.key());
            if (props.contains(it.key())) {
                run(props.value(it.key()).toObject(), it.value(), child, depth + 1);
            } else if (additional.isBool() && !additional.toBool()) {
                add(child, QStringLiteral("additionalProperties"),
                    QStringLiteral("is not a known setting"));
            } else if (additional.isObject()) {
                run(additional.toObject(), it.value(), child, depth + 1);
            }
        }
    }

    const QJsonObject& m_root;
};

Result<void, QString> checkSchema(const QJsonObject& root, const QJsonObject& s,
                                  const QString& where) {
    for (auto it = s.begin(); it != s.end(); ++it) {
        const QString& key = it.key();
        if (!supportedKeywords().contains(key)) {
            return fail(QStringLiteral("%1: unsupported schema keyword \"%2\"").arg(where, key));
        }
        if (key == QLatin1String("pattern")) {
            const QRegularExpression re(it.value().toString());
            if (!re.isValid()) {
                return fail(QStringLiteral("%1: bad pattern: %2").arg(where, re.errorString()));
            }
        } else if (key == QLatin1String("$ref")) {
            const QString ref = it.value().toString();
            const QString name = ref.mid(8);
            if (!ref.startsWith(QLatin1String("#/$defs/")) ||
                !root.value(QLatin1String("$defs")).toObject().contains(name)) {
                return fail(QStringLiteral("%1: unresolvable $ref \"%2\"").arg(where, ref));
            }
        } else if (key == QLatin1String("properties") || key == QLatin1String("$defs")) {
            const QJsonObject children = it.value().toObject();
            for (auto c = children.begin(); c != children.end(); ++c) {
                if (!c.value().isObject()) {
                    return fail(QStringLiteral("%1/%2/%3: must be a schema object")
                                    .arg(where, key, c.key()));
                }
                if (auto r =
                        checkSchema(root, c.value().toObject(),
                                    where + QLatin1Char('/') + key + QLatin1Char('/') + c.key());
                    !r) {
                    return r;
                }
            }
        } else if ((key == QLatin1String("items") ||
                    key == QLatin1String("additionalProperties")) &&
                   it.value().isObject()) {
            if (auto r = checkSchema(root, it.value().toObject(), where + QLatin1Char('/') + key);
                !r) {
                return r;
            }
        }
    }
    return {};
}

}  // namespace

Result<JsonSchema, QString> JsonSchema::fromJson(const QJsonObject& schema) {
    if (auto r = checkSchema(schema, schema, QStringLiteral("#")); !r) {
        return fail(r.error());
    }
    return JsonSchema(schema);
}

Result<JsonSchema, QString> JsonSchema::fromFile(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return fail(QStringLiteral("%1: cannot open schema: %2").arg(path, f.errorString()));
    }
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        return fail(
            QStringLiteral("%1: schema is not a JSON object: %2").arg(path, err.errorString()));
    }
    return fromJson(doc.object());
}

QList<SchemaViolation> JsonSchema::validate(const QJsonValue& instance) const {
    Validator v(m_root);
    v.run(m_root, instance, QString());
    return v.violations;
}

}  // namespace kiosk
