#include "canonical_json.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>
#include <algorithm>
#include <charconv>
#include <cmath>

namespace kiosk::proofing {

namespace {

void appendString(QByteArray& out, const QString& s) {
    out.append('"');
    const QByteArray utf8 = s.toUtf8();
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
            case '"':
                out.append("\\\"");
                break;
            case '\\':
                out.append("\\\\");
                break;
            case '\b':
                out.append("\\b");
                break;
            case '\f':
                out.append("\\f");
                break;
            case '\n':
                out.append("\\n");
                break;
            case '\r':
                out.append("\\r");
                break;
            case '\t':
                out.append("\\t");
                break;
            default:
                if (u < 0x20) {
                    static const char hex[] = "0123456789abcdef";
                    out.append("\\u00");
                    out.append(hex[u >> 4]);
                    out.append(hex[u & 0xF]);
                } else {
                    out.append(c);
                }
        }
    }
    out.append('"');
}

void appendNumber(QByteArray& out, double v) {
    if (!std::isfinite(v)) {
        out.append("null");  // JSON has no NaN or infinity
        return;
    }
    if (v == std::trunc(v) && std::fabs(v) < 9007199254740992.0) {  // 2^53: exact integers
        out.append(QByteArray::number(static_cast<qint64>(v)));
        return;
    }
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, static_cast<qsizetype>(r.ptr - buf));
}

void append(QByteArray& out, const QJsonValue& v) {
    switch (v.type()) {
        case QJsonValue::Null:
        case QJsonValue::Undefined:
            out.append("null");
            break;
        case QJsonValue::Bool:
            out.append(v.toBool() ? "true" : "false");
            break;
        case QJsonValue::Double:
            appendNumber(out, v.toDouble());
            break;
        case QJsonValue::String:
            appendString(out, v.toString());
            break;
        case QJsonValue::Array: {
            out.append('[');
            bool first = true;
            for (const QJsonValue& e : v.toArray()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                append(out, e);
            }
            out.append(']');
            break;
        }
        case QJsonValue::Object: {
            const QJsonObject o = v.toObject();
            QStringList keys = o.keys();
            // QString's operator< compares UTF-16 code units, as JCS requires.
            std::sort(keys.begin(), keys.end());
            out.append('{');
            bool first = true;
            for (const QString& k : keys) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                appendString(out, k);
                out.append(':');
                append(out, o.value(k));
            }
            out.append('}');
            break;
        }
    }
}

}  // namespace

QByteArray canonicalJson(const QJsonValue& value) {
    QByteArray out;
    append(out, value);
    return out;
}

}  // namespace kiosk::proofing
