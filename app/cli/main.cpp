// kioskctl: thin entry point; the commands live in kiosk_cli.
#include "command.h"
#include "logging.h"

#include <QCoreApplication>

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kioskctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KIOSK_VERSION));
    kiosk::logging::install({});
    QTextStream out(stdout);
    QTextStream err(stderr);
    return kiosk::cli::runCli(QCoreApplication::arguments().mid(1), out, err);
}
