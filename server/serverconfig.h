#pragma once

#include <QHostAddress>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

class QCommandLineParser;
class QProcessEnvironment;

namespace Marquee {

// Everything the server needs to start, parsed and validated once.
struct ServerConfig
{
    QHostAddress listenAddress = QHostAddress::LocalHost;
    // 0 picks a free port, which tests use.
    quint16 httpPort = 8080;
    quint16 webSocketPort = 8081;
    // Base URLs for every URL the server hands out. Empty: derived from the listen address
    // and the bound port.
    QUrl publicUrl;
    QUrl webSocketPublicUrl;
    // SQLite database file. Empty: defaultDatabasePath().
    QString databasePath;

    // The store that boxes created by this configuration belong to.
    QString storeName = QStringLiteral("moviestore");
    // Box created and filled with the embedded movie seed when the database lacks it.
    QString demoBoxId = QStringLiteral("premieres");
    bool seedDemoBox = true;

    struct BoxOwner
    {
        QString boxId;
        QString userId;
    };
    // Owners added on start; a box that does not exist yet is created empty in storeName.
    QList<BoxOwner> boxOwners;

    // Channel lifetime policy in seconds: the default when the client asks for none (or
    // 0), and the maximum granted.
    qint64 defaultChannelLifetime = 3600;
    qint64 maxChannelLifetime = 86400;
    // Notifications per notificationList: the default and the maximum granted.
    qint64 defaultMaxNotifications = 10;
    qint64 maxMaxNotifications = 100;

    // How long a long poll may stay parked before it gets an empty notificationList, in
    // milliseconds.
    int longPollTimeoutMs = 30000;
    // The server's connCheck on WebSocket channels: how often it is sent, in milliseconds
    // (0 sends none), and how long the server waits for the connAck before it closes the
    // connection, in milliseconds.
    int webSocketCheckIntervalMs = 60000;
    int webSocketCheckTimeoutMs = 10000;

    // Subscription duration policy in seconds.
    qint64 defaultSubscriptionDuration = 86400;
    qint64 maxSubscriptionDuration = 30 * 86400;
    // Largest number of nmsEvent entries in one nmsEventList.
    int maxEventsPerNotification = 100;

    // Box change-log retention: entries older than this many seconds, and entries beyond
    // the newest changeLogMaxEntries of a box, are pruned on start and every
    // changeLogPruneInterval milliseconds. A restartToken older than the log gets resetBox.
    qint64 changeLogRetentionSeconds = 7 * 86400;
    qint64 changeLogMaxEntries = 100000;
    int changeLogPruneInterval = 3600 * 1000;

    // Delivery to a remote notifyURL: attempts per notification, the delay before the
    // first retry (doubling after each) and the time one attempt may take, in
    // milliseconds.
    int notifyMaxAttempts = 5;
    int notifyFirstRetryDelay = 500;
    int notifyRequestTimeout = 10000;

    // How often expired channels and subscriptions are removed, in milliseconds.
    int expiryCheckInterval = 1000;
    // How often the server looks for box changes that another process (such as
    // --import) committed to the database, in milliseconds.
    int changePollInterval = 1000;
    // How long a subscription whose notifyURL failed every attempt waits before the
    // next try, in milliseconds.
    int failedDeliveryRetryDelay = 30000;

    // With importFile set the executable imports the file into importBoxId and exits.
    QString importFile;
    QString importBoxId;

    static QString defaultDatabasePath();

    // Adds every option to parser, with its MARQUEE_ environment variable in the help text.
    static void addOptions(QCommandLineParser &parser);
    // Builds a configuration from the parsed command line, falling back to the environment
    // for each option the command line does not set. Returns std::nullopt and sets
    // errorMessage when a value is invalid.
    static std::optional<ServerConfig> fromCommandLine(const QCommandLineParser &parser,
                                                       const QProcessEnvironment &environment,
                                                       QString *errorMessage);
};

} // namespace Marquee
