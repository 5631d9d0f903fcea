#include "server.h"
#include "terminationsignals.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QTextStream>

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_MESSAGE_PATTERN"))
        qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{type} %{category}: %{message}"));

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("marquee-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MARQUEE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Marquee: OMA Notification Channel (WebSockets and LongPolling) and NMS subscription "
            "server. Every option can also be set by the environment variable named in its help, "
            "or in the file named by --config."));
    parser.addHelpOption();
    parser.addVersionOption();
    Marquee::ServerConfig::addOptions(parser);
    parser.process(app);

    QString errorMessage;
    const auto config = Marquee::ServerConfig::fromCommandLine(
            parser, QProcessEnvironment::systemEnvironment(), &errorMessage);
    if (!config) {
        QTextStream(stderr) << errorMessage << "\n";
        return 2;
    }

    Marquee::Server server;

    if (!config->importFile.isEmpty()) {
        Marquee::MovieImporter::Report report;
        const bool imported = server.importMovies(*config, &report);
        QTextStream out(stdout);
        for (const QString &problem : std::as_const(report.problems))
            out << "skipped " << problem << "\n";
        if (!imported) {
            QTextStream(stderr) << server.errorString() << "\n";
            return 1;
        }
        out << "Read " << report.entries << " entries for box " << config->importBoxId << ": "
            << report.changed << " created or changed, " << report.unchanged << " unchanged, "
            << report.skipped() << " skipped\n";
        return 0;
    }

    // SIGINT and SIGTERM quit the event loop, so the server shuts down gracefully. The
    // handler is installed before start(), so a signal that arrives right after the start
    // line is handled too.
    Marquee::handleTerminationSignals(&app, [] { QCoreApplication::quit(); });
    if (!server.start(*config))
        return 1;

    const int status = QCoreApplication::exec();
    server.stop();
    return status;
}
