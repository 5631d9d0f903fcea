#include "mainwindow.h"
#include "terminationsignals.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>

#include <cstdio>

using namespace Marquee;

int main(int argc, char *argv[])
{
    QApplication::setOrganizationName(QStringLiteral("Marquee"));
    QApplication::setApplicationName(QStringLiteral("marquee-client"));
    QApplication::setApplicationVersion(QStringLiteral(MARQUEE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Demo client of a Marquee server: shows the movies of a box, lets you move their "
            "premiere dates, and lists every change the server pushes over a notification "
            "channel. Options preset the connection panel; values not given come from the "
            "last run that connected."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption serverOption(
            QStringLiteral("server"),
            QStringLiteral("Server base URL (default http://127.0.0.1:8080)."), QStringLiteral("url"));
    const QCommandLineOption userOption(
            QStringLiteral("user"),
            QStringLiteral("User id that owns the channel (default tel:+19585550100)."),
            QStringLiteral("id"));
    const QCommandLineOption boxOption(QStringLiteral("box"),
                                       QStringLiteral("Box to watch (default premieres)."),
                                       QStringLiteral("id"));
    const QCommandLineOption channelTypeOption(
            QStringLiteral("channel-type"),
            QStringLiteral("WebSockets (default) or LongPolling."), QStringLiteral("type"));
    const QCommandLineOption connectOption(QStringLiteral("connect"),
                                           QStringLiteral("Connect at start."));
    parser.addOptions({serverOption, userOption, boxOption, channelTypeOption, connectOption});
    // The options are read before QApplication exists, so that --help and --version work
    // without a display.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "marquee-client: %s\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(helpOption) || parser.isSet(QStringLiteral("help-all"))) {
        // Without a QCoreApplication the parser does not know the program's name.
        QString help = parser.helpText();
        help.replace(QStringLiteral("<executable_name>"), QStringLiteral("marquee-client"));
        std::fputs(qPrintable(help), stdout);
        return 0;
    }
    if (parser.isSet(versionOption)) {
        std::printf("marquee-client %s\n", MARQUEE_VERSION);
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "marquee-client: unexpected argument \"%s\"; see --help\n",
                     qPrintable(parser.positionalArguments().constFirst()));
        return 2;
    }

    QApplication app(argc, argv);

    QSettings stored;
    ClientSettings settings = ClientSettings::load(stored);
    if (parser.isSet(serverOption))
        settings.serverUrl = QUrl::fromUserInput(parser.value(serverOption));
    if (parser.isSet(userOption))
        settings.userId = parser.value(userOption);
    if (parser.isSet(boxOption))
        settings.boxId = parser.value(boxOption);
    if (parser.isSet(channelTypeOption)) {
        const auto type = ClientSettings::channelTypeFromName(parser.value(channelTypeOption));
        if (!type) {
            std::fprintf(stderr, "marquee-client: --channel-type must be WebSockets or "
                                 "LongPolling, not \"%s\"\n",
                         qPrintable(parser.value(channelTypeOption)));
            return 2;
        }
        settings.channelType = *type;
    }

    MainWindow window;
    window.setSettings(settings);
    window.show();
    // SIGINT and SIGTERM close the window as its close button does, which deletes the
    // channel and the subscription first.
    handleTerminationSignals(&window, [&window] { window.close(); });
    if (parser.isSet(connectOption))
        window.connectToServer();

    return app.exec();
}
