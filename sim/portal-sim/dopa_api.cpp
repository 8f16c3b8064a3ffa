// DOPA card status, as the CheckCardByLaser SOAP 1.2 operation of
// CheckCardService.asmx: PID, FirstName, LastName, BirthDay (BE YYYYMMDD),
// Laser -> IsError, ErrorMessage, Code, Desc.
//
//   POST /dopa/CheckCardStatus/CheckCardService.asmx
//
// Codes: 0 (valid, data match), 4 (laser code not found for this PID, or
// names / birth date differ) and 5 (inputs incomplete) behave as the public
// service is documented to; 1 (card revoked or expired) is this simulator's
// choice for cards the registry marks so. The kiosk treats every code but 0
// as "not valid" and records the code.
#include "portal_sim.h"

#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace kiosk::sim {

namespace {

const QString kSoap12 = QStringLiteral("http://www.w3.org/2003/05/soap-envelope");
const QString kTempuri = QStringLiteral("http://tempuri.org/");

QMap<QString, QString> readRequest(const QByteArray& body, bool* ok) {
    QMap<QString, QString> f;
    QXmlStreamReader x(body);
    bool inOp = false;
    QString current;
    while (!x.atEnd()) {
        const auto t = x.readNext();
        if (t == QXmlStreamReader::StartElement) {
            if (x.name() == QLatin1String("CheckCardByLaser") && x.namespaceUri() == kTempuri) {
                inOp = true;
            } else if (inOp) {
                current = x.name().toString();
                f.insert(current, QString());
            }
        } else if (t == QXmlStreamReader::Characters && inOp && !current.isEmpty()) {
            f[current] += x.text().toString();
        } else if (t == QXmlStreamReader::EndElement) {
            if (x.name() == QLatin1String("CheckCardByLaser")) {
                inOp = false;
            }
            current.clear();
        }
    }
    *ok = !x.hasError() && f.contains(QStringLiteral("PID"));
    return f;
}

HttpResponse soap(int code, const QString& desc) {
    QByteArray out;
    QXmlStreamWriter w(&out);
    w.writeStartDocument();
    w.writeNamespace(kSoap12, QStringLiteral("soap"));
    w.writeStartElement(kSoap12, QStringLiteral("Envelope"));
    w.writeStartElement(kSoap12, QStringLiteral("Body"));
    w.writeDefaultNamespace(kTempuri);
    w.writeStartElement(kTempuri, QStringLiteral("CheckCardByLaserResponse"));
    w.writeStartElement(kTempuri, QStringLiteral("CheckCardByLaserResult"));
    w.writeTextElement(kTempuri, QStringLiteral("IsError"),
                       code == 0 ? QStringLiteral("false") : QStringLiteral("true"));
    w.writeEmptyElement(kTempuri, QStringLiteral("ErrorMessage"));
    w.writeTextElement(kTempuri, QStringLiteral("Code"), QString::number(code));
    w.writeTextElement(kTempuri, QStringLiteral("Desc"), desc);
    w.writeEndDocument();
    HttpResponse r;
    r.status = 200;
    r.headers.append(
        {QByteArray("content-type"), QByteArray("application/soap+xml; charset=utf-8")});
    r.body = out;
    return r;
}

HttpResponse soapFault(const QString& reason) {
    QByteArray out;
    QXmlStreamWriter w(&out);
    w.writeStartDocument();
    w.writeNamespace(kSoap12, QStringLiteral("soap"));
    w.writeStartElement(kSoap12, QStringLiteral("Envelope"));
    w.writeStartElement(kSoap12, QStringLiteral("Body"));
    w.writeStartElement(kSoap12, QStringLiteral("Fault"));
    w.writeStartElement(kSoap12, QStringLiteral("Reason"));
    w.writeTextElement(kSoap12, QStringLiteral("Text"), reason);
    w.writeEndDocument();
    HttpResponse r;
    r.status = 500;  // SOAP 1.2 over HTTP: a sender fault is still HTTP 400/500
    r.headers.append(
        {QByteArray("content-type"), QByteArray("application/soap+xml; charset=utf-8")});
    r.body = out;
    return r;
}

QString laser(const QString& s) {
    QString out;
    for (const QChar c : s) {
        if (c.isLetterOrNumber() && c.unicode() < 128) {
            out.append(c.toUpper());
        }
    }
    return out;
}

}  // namespace

void registerDopaApi(Router& router, PortalSim& sim) {
    router.add(
        "POST", "/dopa/CheckCardStatus/CheckCardService.asmx", [&sim](const HttpRequest& request) {
            return sim.state().serve(QStringLiteral("dopa"), [&] {
                bool ok = false;
                const auto f = readRequest(request.body, &ok);
                if (!ok) {
                    return soapFault(QStringLiteral("Server was unable to read request."));
                }
                const QString pid = f.value(QStringLiteral("PID")).trimmed();
                const QString first = f.value(QStringLiteral("FirstName")).trimmed();
                const QString last = f.value(QStringLiteral("LastName")).trimmed();
                const QString birth = f.value(QStringLiteral("BirthDay")).trimmed();
                const QString code = laser(f.value(QStringLiteral("Laser")));
                if (pid.isEmpty() || first.isEmpty() || last.isEmpty() || birth.isEmpty() ||
                    code.isEmpty()) {
                    return soap(5, QStringLiteral("ข้อมูลที่ใช้ในการตรวจสอบไม่ครบ"));
                }
                const Citizen* c = sim.state().citizen(pid);
                if (!c || c->laserCode != code) {
                    return soap(4, QStringLiteral("สถานะไม่ปกติ => ไม่พบเลข Laser จาก PID นี้"));
                }
                if (c->firstNameTh != first || c->lastNameTh != last || c->birthDateBe != birth) {
                    return soap(4, QStringLiteral("สถานะไม่ปกติ => ข้อมูลไม่ตรง"));
                }
                if (c->cardStatus == QLatin1String("revoked")) {
                    return soap(1, QStringLiteral("สถานะไม่ปกติ => บัตรถูกยกเลิก"));
                }
                if (c->cardStatus == QLatin1String("expired")) {
                    return soap(1, QStringLiteral("สถานะไม่ปกติ => บัตรหมดอายุ"));
                }
                return soap(0, QStringLiteral("สถานะปกติ"));
            });
        });
}

}  // namespace kiosk::sim
