// The shell's flow and language switching, driven through its QML-facing API.
#include "shell.h"

#include <QGuiApplication>
#include <QSignalSpy>
#include <QTest>

using kiosk::ui::Shell;

namespace {
Shell::Options fastOptions() {
    Shell::Options o;
    o.idleTimeoutMs = 600;
    o.idleWarningMs = 300;
    o.kioskId = QStringLiteral("KIOSK-TEST-1");
    return o;
}
QString touchToStart() {
    return QCoreApplication::translate("AttractScreen", "Touch the screen to start");
}
}  // namespace

class TestShell : public QObject {
    Q_OBJECT
private slots:
    void construct_defaultThai_thaiCatalogueLoaded() {
        Shell shell(fastOptions());
        QCOMPARE(shell.language(), QStringLiteral("th"));
        QCOMPARE(shell.screen(), Shell::Screen::Attract);
        QCOMPARE(touchToStart(), QStringLiteral("แตะหน้าจอเพื่อเริ่มใช้งาน"));
    }

    void setLanguage_english_sourceTextAndSignal() {
        Shell shell(fastOptions());
        QSignalSpy changed(&shell, &Shell::languageChanged);
        QVERIFY(shell.setLanguage(QStringLiteral("en")));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(touchToStart(), QStringLiteral("Touch the screen to start"));
        QVERIFY(shell.setLanguage(QStringLiteral("th")));
        QCOMPARE(touchToStart(), QStringLiteral("แตะหน้าจอเพื่อเริ่มใช้งาน"));
    }

    void setLanguage_notEnabled_rejected() {
        Shell::Options o = fastOptions();
        o.languages = {QStringLiteral("th")};
        Shell shell(o);
        QVERIFY(!shell.setLanguage(QStringLiteral("en")));
        QVERIFY(!shell.setLanguage(QStringLiteral("fr")));
        QCOMPARE(shell.language(), QStringLiteral("th"));
    }

    void start_fromAttract_insertCard() {
        Shell shell(fastOptions());
        QSignalSpy screen(&shell, &Shell::screenChanged);
        shell.start();
        QCOMPARE(shell.screen(), Shell::Screen::InsertCard);
        QCOMPARE(shell.screenName(), QStringLiteral("insert_card"));
        QCOMPARE(screen.count(), 1);
    }

    void idle_afterStart_returnsToAttractInDefaultLanguage() {
        Shell shell(fastOptions());
        QSignalSpy ended(&shell, &Shell::sessionEnded);
        shell.setLanguage(QStringLiteral("en"));
        shell.start();
        QTRY_VERIFY_WITH_TIMEOUT(shell.idleWarning(), 1000);
        QVERIFY(ended.wait(1000));
        QCOMPARE(ended.first().first().toString(), QStringLiteral("idle"));
        QCOMPARE(shell.screen(), Shell::Screen::Attract);
        QCOMPARE(shell.language(), QStringLiteral("th"));
        QVERIFY(!shell.idleWarning());
    }

    void stillHere_duringWarning_sessionContinues() {
        Shell shell(fastOptions());
        QSignalSpy ended(&shell, &Shell::sessionEnded);
        shell.start();
        QTRY_VERIFY_WITH_TIMEOUT(shell.idleWarning(), 1000);
        shell.stillHere();
        QVERIFY(!shell.idleWarning());
        QTest::qWait(400);
        QCOMPARE(ended.count(), 0);
        QCOMPARE(shell.screen(), Shell::Screen::InsertCard);
    }

    void cancel_fromInsertCard_attractAndEnded() {
        Shell shell(fastOptions());
        QSignalSpy ended(&shell, &Shell::sessionEnded);
        shell.start();
        shell.cancel();
        QCOMPARE(shell.screen(), Shell::Screen::Attract);
        QCOMPARE(ended.count(), 1);
        QCOMPARE(ended.first().first().toString(), QStringLiteral("cancel"));
    }

    void attract_noInput_neverTimesOut() {
        Shell shell(fastOptions());
        QSignalSpy ended(&shell, &Shell::sessionEnded);
        QVERIFY(!ended.wait(900));
    }
};

QTEST_MAIN(TestShell)
#include "tst_shell.moc"
