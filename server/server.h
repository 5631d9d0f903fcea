#pragma once

#include "movies/movieimporter.h"
#include "serverconfig.h"
#include "urlbuilder.h"

#include <QObject>

#include <memory>

namespace Marquee {

class ApiServer;
class BoxRepository;
class ChangeLogPruner;
class ChannelRepository;
class ChannelService;
class Database;
class LongPollGateway;
class MovieRepository;
class MovieService;
class NotificationSender;
class SubscriptionRepository;
class SubscriptionService;
class WebSocketGateway;

// The whole server: database, repositories, services and both listeners, owned here and
// wired as movie repository -> boxChanged -> subscription service -> notification sender
// -> channel service -> WebSocket gateway or long-poll gateway.
class Server : public QObject
{
    Q_OBJECT

public:
    explicit Server(QObject *parent = nullptr);
    ~Server() override;

    // Opens the database, seeds the demo box on first start, and starts listening.
    // Returns false and sets errorString() on failure.
    bool start(const ServerConfig &config);
    // Opens the database and imports config.importFile into config.importBoxId, creating
    // the box if needed, without listening. Returns false and sets errorString() when the
    // import as a whole failed; invalid entries are only listed in report.
    bool importMovies(const ServerConfig &config, MovieImporter::Report *report);
    // Closes WebSockets with 1001, stops listening and closes the database.
    void stop();

    QString errorString() const { return m_errorString; }
    quint16 httpPort() const;
    quint16 webSocketPort() const;
    // Open WebSocket channel connections.
    int webSocketConnectionCount() const;
    const UrlBuilder &urls() const { return m_urls; }

    MovieRepository *movieRepository() const { return m_movieRepository.get(); }
    ChannelService *channelService() const { return m_channelService; }
    SubscriptionService *subscriptionService() const { return m_subscriptionService; }
    LongPollGateway *longPollGateway() const { return m_longPollGateway; }
    ChangeLogPruner *changeLogPruner() const { return m_changeLogPruner; }

private:
    bool fail(const QString &message);
    bool openStorage(const ServerConfig &config);
    bool seedDemoBox(const ServerConfig &config);
    bool addBoxOwners(const ServerConfig &config);
    void createServices(const ServerConfig &config);
    bool listen(const ServerConfig &config);

    QString m_errorString;
    UrlBuilder m_urls;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<BoxRepository> m_boxRepository;
    std::unique_ptr<MovieRepository> m_movieRepository;
    std::unique_ptr<ChannelRepository> m_channelRepository;
    std::unique_ptr<SubscriptionRepository> m_subscriptionRepository;
    std::unique_ptr<MovieService> m_movieService;
    // QObject children of this server.
    ChannelService *m_channelService = nullptr;
    NotificationSender *m_notificationSender = nullptr;
    SubscriptionService *m_subscriptionService = nullptr;
    ChangeLogPruner *m_changeLogPruner = nullptr;
    WebSocketGateway *m_webSocketGateway = nullptr;
    LongPollGateway *m_longPollGateway = nullptr;
    ApiServer *m_apiServer = nullptr;
};

} // namespace Marquee
