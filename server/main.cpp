#include "server.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace {

int signalPipe[2] = {-1, -1};

void forwardSignal(int)
{
    const char byte = 1;
    // Only async-signal-safe calls here; the event loop reads the pipe.
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

// Turns SIGINT and SIGTERM into a normal event-loop quit, so the server shuts down
// gracefully.
void quitOnTerminationSignals()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return;

    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, qApp);
    QObject::connect(notifier, &QSocketNotifier::activated, qApp, [] {
        char byte;
        [[maybe_unused]] const auto bytesRead = ::read(signalPipe[0], &byte, 1);
        QCoreApplication::quit();
    });

    struct sigaction action = {};
    action.sa_handler = forwardSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

} // namespace

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

    // Installed before start(), so a signal that arrives right after the start line is
    // handled too.
    quitOnTerminationSignals();
    if (!server.start(*config))
        return 1;

    const int status = QCoreApplication::exec();
    server.stop();
    return status;
}
