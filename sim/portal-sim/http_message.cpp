#include "http_message.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace kiosk::sim {

QByteArray HttpRequest::header(const QByteArray& lowerName) const {
    for (const auto& [name, value] : headers) {
        if (name == lowerName) {
            return value;
        }
    }
    return {};
}

QByteArray HttpRequest::path() const {
    const qsizetype q = target.indexOf('?');
    return q < 0 ? target : target.left(q);
}

HttpResponse HttpResponse::json(int status, const QByteArray& body) {
    return {status, {{"content-type", "application/json"}}, body, {}};
}

HttpResponse HttpResponse::error(int status, const QString& code, const QString& message) {
    const QJsonObject e{
        {QStringLiteral("error"),
         QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}}};
    return json(status, QJsonDocument(e).toJson(QJsonDocument::Compact));
}

QByteArray reasonPhrase(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 202:
            return "Accepted";
        case 204:
            return "No Content";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 409:
            return "Conflict";
        case 413:
            return "Payload Too Large";
        case 422:
            return "Unprocessable Entity";
        case 429:
            return "Too Many Requests";
        case 500:
            return "Internal Server Error";
        case 502:
            return "Bad Gateway";
        case 503:
            return "Service Unavailable";
        case 504:
            return "Gateway Timeout";
        default:
            return "Status";
    }
}

QByteArray HttpResponse::serialize() const {
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto& [name, value] : headers) {
        out += name + ": " + value + "\r\n";
    }
    out += "content-length: " + QByteArray::number(body.size()) + "\r\n";
    out += "connection: close\r\n\r\n";
    out += body;
    return out;
}

ParseStatus parseHttpRequest(QByteArray& buffer, HttpRequest& request, QString& error,
                             const ParseLimits& limits) {
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        if (buffer.size() > limits.maxHeaderBytes) {
            error =
                QStringLiteral("request header larger than %1 bytes").arg(limits.maxHeaderBytes);
            return ParseStatus::Error;
        }
        return ParseStatus::Incomplete;
    }
    if (headerEnd > limits.maxHeaderBytes) {
        error = QStringLiteral("request header larger than %1 bytes").arg(limits.maxHeaderBytes);
        return ParseStatus::Error;
    }
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || requestLine[0].isEmpty() || !requestLine[1].startsWith('/') ||
        (requestLine[2] != "HTTP/1.1" && requestLine[2] != "HTTP/1.0")) {
        error = QStringLiteral("malformed request line");
        return ParseStatus::Error;
    }
    HttpRequest r;
    r.method = requestLine[0];
    r.target = requestLine[1];
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            error = QStringLiteral("malformed header line %1").arg(i);
            return ParseStatus::Error;
        }
        r.headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
    }
    if (!r.header("transfer-encoding").isEmpty()) {
        error = QStringLiteral("transfer-encoding is not supported; send content-length");
        return ParseStatus::Error;
    }
    qsizetype length = 0;
    if (const QByteArray cl = r.header("content-length"); !cl.isEmpty()) {
        bool ok = false;
        length = cl.toLongLong(&ok);
        if (!ok || length < 0) {
            error = QStringLiteral("bad content-length");
            return ParseStatus::Error;
        }
        if (length > limits.maxBodyBytes) {
            error = QStringLiteral("body larger than %1 bytes").arg(limits.maxBodyBytes);
            return ParseStatus::Error;
        }
    }
    if (buffer.size() < headerEnd + 4 + length) {
        return ParseStatus::Incomplete;
    }
    r.body = buffer.mid(headerEnd + 4, length);
    buffer.remove(0, headerEnd + 4 + length);
    request = std::move(r);
    return ParseStatus::Complete;
}

}  // namespace kiosk::sim
