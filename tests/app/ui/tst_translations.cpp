// The Thai catalogue is complete: every string the QML asks for has a
// finished Thai translation that keeps the placeholders.
#include "test_env.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct Message {
    QString context;
    QString source;
    QStringList translations;  // one, or the numerus forms
    QString type;              // "" when finished
    bool numerus = false;
};

QList<Message> readTs(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        qFatal("cannot open %s", qPrintable(path));
    }
    QList<Message> messages;
    QXmlStreamReader xml(&f);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            messages << current;
            continue;
        }
        if (!xml.isStartElement()) {
            continue;
        }
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            current =
                Message{context,
                        {},
                        {},
                        {},
                        xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes")};
        } else if (name == QLatin1String("source")) {
            current.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            current.type = xml.attributes().value(QLatin1String("type")).toString();
            if (!current.numerus) {
                current.translations << xml.readElementText();
            }
        } else if (name == QLatin1String("numerusform")) {
            current.translations << xml.readElementText();
        }
    }
    if (xml.hasError()) {
        qFatal("%s: %s", qPrintable(path), qPrintable(xml.errorString()));
    }
    return messages;
}

QSet<QString> placeholders(const QString& s) {
    static const QRegularExpression re(QStringLiteral("%(\\d+|n)"));
    QSet<QString> out;
    for (auto it = re.globalMatch(s); it.hasNext();) {
        out.insert(it.next().captured(0));
    }
    return out;
}

bool hasThai(const QString& s) {
    for (QChar c : s) {
        if (c.unicode() >= 0x0E00 && c.unicode() <= 0x0E7F) {
            return true;
        }
    }
    return false;
}

const QString tsPath() {
    return kiosk::test::sourceDir() + QStringLiteral("/app/ui/i18n/kiosk_th.ts");
}

}  // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private slots:
    void thaiCatalogue_everyMessage_finishedThaiWithPlaceholders() {
        const auto messages = readTs(tsPath());
        QVERIFY(messages.size() >= 10);
        for (const auto& m : messages) {
            const QString where = m.context + QStringLiteral(": ") + m.source;
            QVERIFY2(m.type.isEmpty(), qPrintable(where + QStringLiteral(" is ") + m.type));
            QVERIFY2(!m.translations.isEmpty(), qPrintable(where));
            for (const auto& t : m.translations) {
                QVERIFY2(!t.trimmed().isEmpty(),
                         qPrintable(where + QStringLiteral(" has an empty translation")));
                QVERIFY2(hasThai(t), qPrintable(where + QStringLiteral(" is not in Thai")));
                QCOMPARE(placeholders(t), placeholders(m.source));
            }
        }
    }

    void qmlSources_everyQsTr_inCatalogue() {
        QSet<QString> known;
        for (const auto& m : readTs(tsPath())) {
            known.insert(m.context + QLatin1Char('|') + m.source);
        }
        const QDir qml(kiosk::test::sourceDir() + QStringLiteral("/app/ui/qml"));
        static const QRegularExpression qsTr(QStringLiteral("qsTr\\(\"((?:[^\"\\\\]|\\\\.)*)\""));
        int seen = 0;
        for (const auto& file : qml.entryList({QStringLiteral("*.qml")})) {
            QFile f(qml.filePath(file));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(f.readAll());
            const QString context = file.chopped(4);
            for (auto it = qsTr.globalMatch(text); it.hasNext();) {
                const QString source = it.next().captured(1);
                ++seen;
                QVERIFY2(known.contains(context + QLatin1Char('|') + source),
                         qPrintable(QStringLiteral("%1: \"%2\" is missing from kiosk_th.ts (build "
                                                   "target kiosk_ui_lupdate)")
                                        .arg(file, source)));
            }
        }
        QVERIFY(seen >= 10);
    }
};

QTEST_APPLESS_MAIN(TestTranslations)
#include "tst_translations.moc"
