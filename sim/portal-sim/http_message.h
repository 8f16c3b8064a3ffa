// Minimal HTTP/1.1 message parsing and writing for portal-sim: enough for
// JSON APIs, strict about limits so a broken client gets a clear 400.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace kiosk::sim {

struct HttpRequest {
    QByteArray method;
    QByteArray target;                             // path and query as sent
    QList<QPair<QByteArray, QByteArray>> headers;  // names lower-cased
    QByteArray body;

    QByteArray header(const QByteArray& lowerName) const;
    QByteArray path() const;  // target without the query
};

struct HttpResponse {
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    // Test-only transport faults for portal-sim's fault injection, carried
    // out by TlsHttpServer: answer late, break the connection half-way
    // through the response, or send the response twice.
    struct Fault {
        int delayMs = 0;
        bool resetMidway = false;
        bool sendTwice = false;
        int slowBodyMs = 0;  // headers at once, then the body dripped over this long
    } fault;

    static HttpResponse json(int status, const QByteArray& body);
    static HttpResponse error(int status, const QString& code, const QString& message);
    QByteArray serialize() const;
};

enum class ParseStatus { Incomplete, Complete, Error };

struct ParseLimits {
    qsizetype maxHeaderBytes = 16 * 1024;
    qsizetype maxBodyBytes = 1024 * 1024;
};

// Consumes one request from the front of `buffer` when complete. On Error,
// `error` says why (for a 400 reply).
ParseStatus parseHttpRequest(QByteArray& buffer, HttpRequest& request, QString& error,
                             const ParseLimits& limits = {});

QByteArray reasonPhrase(int status);

}  // namespace kiosk::sim
