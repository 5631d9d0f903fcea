#include "server.h"

#include "channels/channelservice.h"
#include "channels/longpollgateway.h"
#include "channels/websocketgateway.h"
#include "http/apiserver.h"
#include "http/callbackroutes.h"
#include "http/channelroutes.h"
#include "http/healthroutes.h"
#include "http/movieroutes.h"
#include "http/subscriptionroutes.h"
#include "logging.h"
#include "movies/movieservice.h"
#include "nms/changelogpruner.h"
#include "nms/notificationsender.h"
#include "nms/subscriptionservice.h"
#include "storage/boxrepository.h"
#include "storage/channelrepository.h"
#include "storage/database.h"
#include "storage/movierepository.h"
#include "storage/subscriptionrepository.h"

namespace Marquee {

namespace {

const QString SeedResource = QStringLiteral(":/seed/movies.json");

QUrl defaultBaseUrl(const QString &scheme, const QHostAddress &address, quint16 port)
{
    QUrl url;
    url.setScheme(scheme);
    // Clients cannot connect to the wildcard address, so a server listening on all
    // interfaces hands out loopback URLs unless --public-url sets another base.
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4)
        url.setHost(QStringLiteral("127.0.0.1"));
    else if (address == QHostAddress::AnyIPv6)
        url.setHost(QStringLiteral("::1"));
    else
        url.setHost(address.toString());
    url.setPort(port);
    return url;
}

} // namespace

Server::Server(QObject *parent) : QObject(parent) { }

Server::~Server()
{
    stop();
}

bool Server::fail(const QString &message)
{
    m_errorString = message;
    qCCritical(lcServer).noquote() << message;
    return false;
}

quint16 Server::httpPort() const
{
    const auto ports = m_apiServer ? m_apiServer->serverPorts() : QList<quint16>();
    return ports.isEmpty() ? 0 : ports.first();
}

quint16 Server::webSocketPort() const
{
    return m_webSocketGateway ? m_webSocketGateway->serverPort() : 0;
}

int Server::webSocketConnectionCount() const
{
    return m_webSocketGateway ? m_webSocketGateway->connectionCount() : 0;
}

bool Server::openStorage(const ServerConfig &config)
{
    QString error;
    m_database = Database::openSqlite(config.databasePath, &error);
    if (!m_database)
        return fail(error);

    m_boxRepository = std::make_unique<BoxRepository>(m_database->connection());
    m_movieRepository = std::make_unique<MovieRepository>(m_database->connection());
    m_channelRepository = std::make_unique<ChannelRepository>(m_database->connection());
    m_subscriptionRepository = std::make_unique<SubscriptionRepository>(m_database->connection());
    return true;
}

bool Server::seedDemoBox(const ServerConfig &config)
{
    if (!config.seedDemoBox || m_boxRepository->find(config.demoBoxId))
        return true;

    if (!m_boxRepository->ensureBox(config.demoBoxId, config.storeName, {}))
        return fail(QStringLiteral("Cannot create the demo box %1").arg(config.demoBoxId));

    MovieImporter importer(m_movieRepository.get());
    const MovieImporter::Report report = importer.importFile(SeedResource, config.demoBoxId);
    if (!report.error.isEmpty())
        return fail(QStringLiteral("Seeding the demo box failed: %1").arg(report.error));

    qCInfo(lcServer) << "Seeded box" << config.demoBoxId << "in store" << config.storeName
                     << "with" << report.changed << "movies";
    return true;
}

bool Server::addBoxOwners(const ServerConfig &config)
{
    for (const ServerConfig::BoxOwner &owner : config.boxOwners) {
        if (!m_boxRepository->ensureBox(owner.boxId, config.storeName, {owner.userId}))
            return fail(QStringLiteral("Cannot add owner %1 to box %2")
                                .arg(owner.userId, owner.boxId));
    }
    return true;
}

void Server::createServices(const ServerConfig &config)
{
    ChannelPolicy channelPolicy;
    channelPolicy.defaultLifetime = config.defaultChannelLifetime;
    channelPolicy.maxLifetime = config.maxChannelLifetime;
    channelPolicy.defaultMaxNotifications = config.defaultMaxNotifications;
    channelPolicy.maxMaxNotifications = config.maxMaxNotifications;
    channelPolicy.expiryCheckInterval = config.expiryCheckInterval;
    // A maxWaitTime beyond the hold timeout would never take effect.
    channelPolicy.maxMaxWaitTime = config.longPollTimeoutMs / 1000;

    KeepAlivePolicy keepAlive;
    keepAlive.checkIntervalMs = config.webSocketCheckIntervalMs;
    keepAlive.checkTimeoutMs = config.webSocketCheckTimeoutMs;

    SubscriptionPolicy subscriptionPolicy;
    subscriptionPolicy.defaultDuration = config.defaultSubscriptionDuration;
    subscriptionPolicy.maxDuration = config.maxSubscriptionDuration;
    subscriptionPolicy.maxEventsPerNotification = config.maxEventsPerNotification;
    subscriptionPolicy.expiryCheckInterval = config.expiryCheckInterval;
    subscriptionPolicy.changePollInterval = config.changePollInterval;
    subscriptionPolicy.failedDeliveryRetryDelay = config.failedDeliveryRetryDelay;

    m_movieService = std::make_unique<MovieService>(m_movieRepository.get(),
                                                    m_boxRepository.get(), &m_urls);
    m_channelService = new ChannelService(m_channelRepository.get(), &m_urls, channelPolicy, this);
    DeliveryPolicy deliveryPolicy;
    deliveryPolicy.maxAttempts = config.notifyMaxAttempts;
    deliveryPolicy.firstRetryDelay = config.notifyFirstRetryDelay;
    deliveryPolicy.requestTimeout = config.notifyRequestTimeout;
    m_notificationSender = new NotificationSender(m_channelService, &m_urls, deliveryPolicy, this);
    m_subscriptionService = new SubscriptionService(
            m_subscriptionRepository.get(), m_boxRepository.get(), m_channelService,
            m_notificationSender, &m_urls, m_database->epoch(), subscriptionPolicy, this);
    m_webSocketGateway = new WebSocketGateway(m_channelService, keepAlive, this);
    m_longPollGateway = new LongPollGateway(m_channelService, config.longPollTimeoutMs, this);

    ChangeLogRetention retention;
    retention.maxAgeMs = config.changeLogRetentionSeconds * 1000;
    retention.maxEntries = config.changeLogMaxEntries;
    m_changeLogPruner = new ChangeLogPruner(m_boxRepository.get(), retention,
                                            config.changeLogPruneInterval, this);
    m_changeLogPruner->prune();

    connect(m_movieRepository.get(), &MovieRepository::boxChanged, m_subscriptionService,
            &SubscriptionService::handleBoxChange);

    m_apiServer = new ApiServer(this);
    Router &router = m_apiServer->router();
    addChannelRoutes(router, m_channelService, m_longPollGateway, &m_urls);
    addCallbackRoutes(router, m_channelService);
    addSubscriptionRoutes(router, m_subscriptionService, &m_urls);
    addMovieRoutes(router, m_movieService.get(), &m_urls);
    addHealthRoutes(router, m_database->connection());
}

bool Server::listen(const ServerConfig &config)
{
    const quint16 httpPort = m_apiServer->listen(config.listenAddress, config.httpPort);
    if (httpPort == 0) {
        return fail(QStringLiteral("Cannot listen on %1 port %2 for the REST API")
                            .arg(config.listenAddress.toString())
                            .arg(config.httpPort));
    }
    if (!m_webSocketGateway->listen(config.listenAddress, config.webSocketPort)) {
        return fail(QStringLiteral("Cannot listen on %1 port %2 for WebSockets: %3")
                            .arg(config.listenAddress.toString())
                            .arg(config.webSocketPort)
                            .arg(m_webSocketGateway->errorString()));
    }

    const QUrl publicUrl = config.publicUrl.isEmpty()
            ? defaultBaseUrl(QStringLiteral("http"), config.listenAddress, httpPort)
            : config.publicUrl;
    const QUrl webSocketUrl = config.webSocketPublicUrl.isEmpty()
            ? defaultBaseUrl(QStringLiteral("ws"), config.listenAddress,
                             m_webSocketGateway->serverPort())
            : config.webSocketPublicUrl;
    m_urls = UrlBuilder(publicUrl, webSocketUrl);
    return true;
}

bool Server::start(const ServerConfig &config)
{
    if (!openStorage(config) || !seedDemoBox(config) || !addBoxOwners(config))
        return false;

    createServices(config);
    if (!listen(config))
        return false;

    qCInfo(lcServer).noquote() << QStringLiteral("Marquee started: REST API at %1, WebSockets "
                                                 "at %2, database %3")
                                          .arg(m_urls.publicUrl().toString(),
                                               m_urls.webSocketPublicUrl().toString(),
                                               config.databasePath);
    return true;
}

bool Server::importMovies(const ServerConfig &config, MovieImporter::Report *report)
{
    if (!openStorage(config))
        return false;
    if (!m_boxRepository->ensureBox(config.importBoxId, config.storeName, {}))
        return fail(QStringLiteral("Cannot create box %1").arg(config.importBoxId));

    MovieImporter importer(m_movieRepository.get());
    *report = importer.importFile(config.importFile, config.importBoxId);
    if (!report->error.isEmpty())
        return fail(report->error);
    return true;
}

void Server::stop()
{
    if (!m_database)
        return;

    const bool wasListening = m_apiServer != nullptr;
    if (m_webSocketGateway)
        m_webSocketGateway->shutdown();
    if (m_longPollGateway)
        m_longPollGateway->shutdown();
    delete m_apiServer;
    m_apiServer = nullptr;
    delete m_subscriptionService;
    m_subscriptionService = nullptr;
    delete m_changeLogPruner;
    m_changeLogPruner = nullptr;
    delete m_notificationSender;
    m_notificationSender = nullptr;
    delete m_webSocketGateway;
    m_webSocketGateway = nullptr;
    delete m_longPollGateway;
    m_longPollGateway = nullptr;
    delete m_channelService;
    m_channelService = nullptr;
    m_movieService.reset();
    m_subscriptionRepository.reset();
    m_channelRepository.reset();
    m_movieRepository.reset();
    m_boxRepository.reset();
    m_database.reset();
    if (wasListening)
        qCInfo(lcServer) << "Marquee stopped";
}

} // namespace Marquee
