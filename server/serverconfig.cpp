#include "serverconfig.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QSettings>
#include <QProcessEnvironment>
#include <QStandardPaths>

#include <algorithm>
#include <limits>

namespace Marquee {

namespace {

struct OptionSpec
{
    const char *name;
    const char *environmentVariable;
    const char *valueName;
    const char *description;
};

constexpr OptionSpec Options[] = {
    {"listen", "MARQUEE_LISTEN", "address",
     "Address both listeners bind to (default 127.0.0.1)."},
    {"port", "MARQUEE_PORT", "port", "TCP port of the REST API (default 8080, 0 picks a free one)."},
    {"ws-port", "MARQUEE_WS_PORT", "port",
     "TCP port of the WebSocket channelURLs (default 8081, 0 picks a free one)."},
    {"public-url", "MARQUEE_PUBLIC_URL", "url",
     "Base URL of the REST API as clients reach it, for example behind a reverse proxy "
     "(default http://<listen>:<port>)."},
    {"ws-public-url", "MARQUEE_WS_PUBLIC_URL", "url",
     "Base URL of the WebSocket listener as clients reach it (default ws://<listen>:<ws-port>)."},
    {"database", "MARQUEE_DATABASE", "file",
     "SQLite database file, created on first start (default in the user's data folder)."},
    {"import", "MARQUEE_IMPORT", "file",
     "Import movies from a JSON array in the movie dataset's shape into the box given by "
     "--box, report invalid entries, and exit."},
    {"box", "MARQUEE_BOX", "id", "Box that --import writes to (default premieres)."},
    {"channel-lifetime", "MARQUEE_CHANNEL_LIFETIME", "seconds",
     "Lifetime of a notification channel whose client requests none (default 3600)."},
    {"max-channel-lifetime", "MARQUEE_MAX_CHANNEL_LIFETIME", "seconds",
     "Longest channel lifetime granted; longer requests are clamped (default 86400)."},
    {"long-poll-timeout", "MARQUEE_LONG_POLL_TIMEOUT", "seconds",
     "How long a long poll waits for notifications before it gets an empty notificationList "
     "(default 30)."},
    {"ws-check-interval", "MARQUEE_WS_CHECK_INTERVAL", "seconds",
     "Interval of the server's connCheck on WebSocket channels, 0 for none (default 60)."},
    {"ws-check-timeout", "MARQUEE_WS_CHECK_TIMEOUT", "seconds",
     "How long the server waits for the connAck to its connCheck before it closes the "
     "connection (default 10)."},
    {"store", "MARQUEE_STORE", "name",
     "Store name of the boxes this server creates, the {storeName} of NMS URLs (default "
     "moviestore)."},
    {"box-owner", "MARQUEE_BOX_OWNER", "box=userId",
     "Add userId as an owner of box, creating the box if it is missing. Repeat the option "
     "for several owners; the environment variable takes a comma-separated list."},
    {"max-events-per-notification", "MARQUEE_MAX_EVENTS_PER_NOTIFICATION", "count",
     "Largest number of events in one nmsEventList, 1 to 10000 (default 100)."},
    {"change-log-retention-days", "MARQUEE_CHANGE_LOG_RETENTION_DAYS", "days",
     "Days a box change stays replayable by restartToken, 1 to 3650 (default 7)."},
    {"change-log-max-entries", "MARQUEE_CHANGE_LOG_MAX_ENTRIES", "count",
     "Largest number of change-log entries kept per box, 1 to 100000000 (default 100000)."},
    {"config", "MARQUEE_CONFIG", "file",
     "Read options from an INI file with one 'name = value' line per option, named like the "
     "long options (box-owner takes a comma-separated list). The command line and the "
     "environment take precedence over the file."},
};

enum OptionIndex {
    Listen,
    Port,
    WebSocketPort,
    PublicUrl,
    WebSocketPublicUrl,
    DatabaseFile,
    ImportFile,
    ImportBox,
    ChannelLifetime,
    MaxChannelLifetime,
    LongPollTimeout,
    WebSocketCheckInterval,
    WebSocketCheckTimeout,
    StoreName,
    BoxOwner,
    MaxEventsPerNotification,
    ChangeLogRetentionDays,
    ChangeLogMaxEntries,
    ConfigFile,
};

// Option values read from a configuration file, by long option name.
using FileValues = QHash<QString, QString>;

// The value of an option from the command line, else the environment, else the file.
QString optionValue(const QCommandLineParser &parser, const QProcessEnvironment &environment,
                    const FileValues &fileValues, const OptionSpec &spec)
{
    const QString name = QString::fromLatin1(spec.name);
    if (parser.isSet(name))
        return parser.value(name);
    const QString fromEnvironment = environment.value(QString::fromLatin1(spec.environmentVariable));
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return fileValues.value(name);
}

// Reads an INI configuration file into option values. Unknown keys are errors, so a
// misspelt option does not go unnoticed.
std::optional<FileValues> readConfigFile(const QString &path, QString *error)
{
    if (!QFileInfo(path).isReadable()) {
        *error = QStringLiteral("Cannot read the configuration file '%1'").arg(path);
        return std::nullopt;
    }

    QSettings settings(path, QSettings::IniFormat);
    if (settings.status() != QSettings::NoError) {
        *error = QStringLiteral("The configuration file '%1' is not a valid INI file").arg(path);
        return std::nullopt;
    }

    FileValues values;
    for (const QString &key : settings.allKeys()) {
        const auto known = std::find_if(std::cbegin(Options), std::cend(Options),
                                        [&key](const OptionSpec &spec) {
                                            return key == QLatin1String(spec.name);
                                        });
        if (known == std::cend(Options) || known == &Options[ConfigFile]) {
            *error = QStringLiteral("Unknown option '%1' in the configuration file '%2'; see "
                                    "--help for the option names")
                             .arg(key, path);
            return std::nullopt;
        }

        // QSettings splits a value at its commas; the options read the joined text.
        const QVariant value = settings.value(key);
        values.insert(key, value.typeId() == QMetaType::QStringList
                                   ? value.toStringList().join(QLatin1Char(','))
                                   : value.toString());
    }
    return values;
}

std::optional<qint64> parseCount(const QString &text, qint64 minimum, qint64 maximum)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < minimum || value > maximum)
        return std::nullopt;
    return value;
}

// Reads "box=userId" pairs from the repeated option or, when it is not given, from the
// comma-separated environment variable or configuration file entry.
std::optional<QList<ServerConfig::BoxOwner>> parseBoxOwners(const QCommandLineParser &parser,
                                                            const QProcessEnvironment &environment,
                                                            const FileValues &fileValues,
                                                            QString *invalidEntry)
{
    const OptionSpec &spec = Options[BoxOwner];
    QStringList entries = parser.values(QString::fromLatin1(spec.name));
    if (entries.isEmpty()) {
        entries = optionValue(parser, environment, fileValues, spec)
                          .split(QLatin1Char(','), Qt::SkipEmptyParts);
    }

    QList<ServerConfig::BoxOwner> owners;
    for (const QString &entry : std::as_const(entries)) {
        const qsizetype separator = entry.indexOf(QLatin1Char('='));
        const QString boxId = entry.left(separator).trimmed();
        const QString userId = entry.mid(separator + 1).trimmed();
        if (separator < 0 || boxId.isEmpty() || userId.isEmpty()) {
            *invalidEntry = entry;
            return std::nullopt;
        }
        owners.append({boxId, userId});
    }
    return owners;
}

std::optional<quint16> parsePort(const QString &text)
{
    bool ok = false;
    const uint port = text.toUInt(&ok);
    if (!ok || port > 65535)
        return std::nullopt;
    return static_cast<quint16>(port);
}

// Parses a whole number of seconds from minimum to maximum.
std::optional<qint64> parseSeconds(const QString &text, qint64 minimum, qint64 maximum)
{
    bool ok = false;
    const qint64 seconds = text.toLongLong(&ok);
    if (!ok || seconds < minimum || seconds > maximum)
        return std::nullopt;
    return seconds;
}

std::optional<QUrl> parseBaseUrl(const QString &text, const QStringList &schemes)
{
    QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || !schemes.contains(url.scheme()))
        return std::nullopt;

    // Base URLs are joined with absolute paths, so a trailing slash would double up.
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path);
    return url;
}

} // namespace

QString ServerConfig::defaultDatabasePath()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(folder).filePath(QStringLiteral("marquee/marquee.sqlite"));
}

void ServerConfig::addOptions(QCommandLineParser &parser)
{
    for (const OptionSpec &spec : Options) {
        const QString description = QString::fromLatin1(spec.description)
                + QStringLiteral(" Environment: %1.").arg(QLatin1String(spec.environmentVariable));
        parser.addOption(QCommandLineOption(QString::fromLatin1(spec.name), description,
                                            QString::fromLatin1(spec.valueName)));
    }
}

std::optional<ServerConfig> ServerConfig::fromCommandLine(const QCommandLineParser &parser,
                                                          const QProcessEnvironment &environment,
                                                          QString *errorMessage)
{
    ServerConfig config;
    auto fail = [errorMessage](const QString &message) {
        if (errorMessage)
            *errorMessage = message;
        return std::optional<ServerConfig>();
    };
    FileValues fileValues;
    const QString configPath = optionValue(parser, environment, {}, Options[ConfigFile]);
    if (!configPath.isEmpty()) {
        QString error;
        const std::optional<FileValues> read = readConfigFile(configPath, &error);
        if (!read)
            return fail(error);
        fileValues = *read;
    }
    auto value = [&](OptionIndex index) {
        return optionValue(parser, environment, fileValues, Options[index]);
    };

    if (const QString listen = value(Listen); !listen.isEmpty()) {
        if (!config.listenAddress.setAddress(listen))
            return fail(QStringLiteral("Invalid --listen address '%1': expected an IPv4 or "
                                       "IPv6 address such as 127.0.0.1").arg(listen));
    }

    if (const QString port = value(Port); !port.isEmpty()) {
        const auto parsed = parsePort(port);
        if (!parsed)
            return fail(QStringLiteral("Invalid --port '%1': expected 0 to 65535").arg(port));
        config.httpPort = *parsed;
    }

    if (const QString port = value(WebSocketPort); !port.isEmpty()) {
        const auto parsed = parsePort(port);
        if (!parsed)
            return fail(QStringLiteral("Invalid --ws-port '%1': expected 0 to 65535").arg(port));
        config.webSocketPort = *parsed;
    }

    if (const QString url = value(PublicUrl); !url.isEmpty()) {
        const auto parsed = parseBaseUrl(url, {QStringLiteral("http"), QStringLiteral("https")});
        if (!parsed)
            return fail(QStringLiteral("Invalid --public-url '%1': expected an absolute http "
                                       "or https URL").arg(url));
        config.publicUrl = *parsed;
    }

    if (const QString url = value(WebSocketPublicUrl); !url.isEmpty()) {
        const auto parsed = parseBaseUrl(url, {QStringLiteral("ws"), QStringLiteral("wss")});
        if (!parsed)
            return fail(QStringLiteral("Invalid --ws-public-url '%1': expected an absolute ws "
                                       "or wss URL").arg(url));
        config.webSocketPublicUrl = *parsed;
    }

    config.databasePath = value(DatabaseFile);
    if (config.databasePath.isEmpty())
        config.databasePath = defaultDatabasePath();

    config.importFile = value(ImportFile);
    config.importBoxId = value(ImportBox);
    if (config.importBoxId.isEmpty())
        config.importBoxId = config.demoBoxId;
    if (config.importFile.isEmpty() && parser.isSet(QStringLiteral("box")))
        return fail(QStringLiteral("--box only applies together with --import FILE"));

    // Millisecond settings stay below INT_MAX, the limit of QTimer intervals.
    constexpr qint64 MaxTimerSeconds = 86400;
    struct SecondsOption
    {
        OptionIndex index;
        qint64 minimum;
        qint64 maximum;
        qint64 *seconds;
        int *milliseconds;
    };
    qint64 defaultLifetime = config.defaultChannelLifetime;
    qint64 maxLifetime = config.maxChannelLifetime;
    const SecondsOption secondsOptions[] = {
        {ChannelLifetime, 1, std::numeric_limits<qint32>::max(), &defaultLifetime, nullptr},
        {MaxChannelLifetime, 1, std::numeric_limits<qint32>::max(), &maxLifetime, nullptr},
        {LongPollTimeout, 1, MaxTimerSeconds, nullptr, &config.longPollTimeoutMs},
        {WebSocketCheckInterval, 0, MaxTimerSeconds, nullptr, &config.webSocketCheckIntervalMs},
        {WebSocketCheckTimeout, 1, MaxTimerSeconds, nullptr, &config.webSocketCheckTimeoutMs},
    };
    for (const SecondsOption &option : secondsOptions) {
        const QString text = value(option.index);
        if (text.isEmpty())
            continue;
        const auto seconds = parseSeconds(text, option.minimum, option.maximum);
        if (!seconds) {
            return fail(QStringLiteral("Invalid --%1 '%2': expected whole seconds from %3 to %4")
                                .arg(QLatin1String(Options[option.index].name), text)
                                .arg(option.minimum)
                                .arg(option.maximum));
        }
        if (option.seconds)
            *option.seconds = *seconds;
        else
            *option.milliseconds = static_cast<int>(*seconds * 1000);
    }
    if (defaultLifetime > maxLifetime) {
        return fail(QStringLiteral("--channel-lifetime %1 exceeds --max-channel-lifetime %2")
                            .arg(defaultLifetime)
                            .arg(maxLifetime));
    }
    config.defaultChannelLifetime = defaultLifetime;
    config.maxChannelLifetime = maxLifetime;

    if (const QString store = value(StoreName); !store.isEmpty())
        config.storeName = store;

    QString invalidOwner;
    const auto owners = parseBoxOwners(parser, environment, fileValues, &invalidOwner);
    if (!owners)
        return fail(QStringLiteral("Invalid --box-owner '%1': expected BOX=USERID, for "
                                   "example premieres=tel:+19585550100").arg(invalidOwner));
    config.boxOwners = *owners;

    if (const QString count = value(MaxEventsPerNotification); !count.isEmpty()) {
        const auto parsed = parseCount(count, 1, 10000);
        if (!parsed)
            return fail(QStringLiteral("Invalid --max-events-per-notification '%1': expected "
                                       "1 to 10000").arg(count));
        config.maxEventsPerNotification = static_cast<int>(*parsed);
    }

    if (const QString days = value(ChangeLogRetentionDays); !days.isEmpty()) {
        const auto parsed = parseCount(days, 1, 3650);
        if (!parsed)
            return fail(QStringLiteral("Invalid --change-log-retention-days '%1': expected 1 "
                                       "to 3650").arg(days));
        config.changeLogRetentionSeconds = *parsed * 86400;
    }

    if (const QString count = value(ChangeLogMaxEntries); !count.isEmpty()) {
        const auto parsed = parseCount(count, 1, 100000000);
        if (!parsed)
            return fail(QStringLiteral("Invalid --change-log-max-entries '%1': expected 1 to "
                                       "100000000").arg(count));
        config.changeLogMaxEntries = *parsed;
    }

    return config;
}

} // namespace Marquee
