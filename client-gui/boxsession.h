#pragma once

#include "channelconnection.h"
#include "clientsettings.h"

#include <QObject>

namespace Marquee {

class ApiClient;
class FeedModel;
class MovieTableModel;
class PremiereIndex;
struct NmsEvent;

// Everything the window shows for one box: the REST client, the live channel with its
// subscription, the movie table and the feed. Notifications update the table and the
// premiere index and become feed rows, and a resetBox reloads both.
class BoxSession : public QObject
{
    Q_OBJECT

public:
    // The origin of an error: the channel connection, whose errors a reconnection
    // resolves, or the movie table and premiere index.
    enum class ErrorSource { Connection, Movies };
    Q_ENUM(ErrorSource)

    explicit BoxSession(QObject *parent = nullptr);
    ~BoxSession() override;

    // Connects with settings. A session already connected disconnects first.
    void connectToServer(const ClientSettings &settings);
    void disconnectFromServer();

    ApiClient *apiClient() const { return m_api; }
    ChannelConnection *connection() const { return m_connection; }
    MovieTableModel *movieModel() const { return m_movies; }
    FeedModel *feedModel() const { return m_feed; }
    PremiereIndex *premiereIndex() const { return m_premieres; }

    // The feed sentence for one event, given what was known of the movie before it.
    static QString describeEvent(const NmsEvent &event, const PremiereIndex &known);

Q_SIGNALS:
    // A sentence for the person about something that went wrong.
    void errorOccurred(const QString &message, Marquee::BoxSession::ErrorSource source);
    // The progress of the long operation named operation ("connection", "premieres",
    // "movies"): value of maximum, or a busy indicator when maximum is 0. An empty text
    // means that operation has ended.
    void progressChanged(const QString &operation, const QString &text, int value, int maximum);

private:
    void onStateChanged(ChannelConnection::State state);
    void onEventList(const NmsEventList &eventList, qint64 replayedUpTo);
    void applyEvent(const NmsEvent &event);

    ApiClient *m_api;
    ChannelConnection *m_connection;
    MovieTableModel *m_movies;
    FeedModel *m_feed;
    PremiereIndex *m_premieres;
    QString m_boxId;
};

} // namespace Marquee
