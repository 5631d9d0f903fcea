#pragma once

#include "nmseventlist.h"
#include "reconnectbackoff.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QHash>
#include <QJsonArray>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <optional>

namespace Marquee {

class ApiClient;
class ApiReply;
class ChannelTransport;

// A notification channel with an NMS subscription on it, kept alive. connectToServer()
// creates the channel, subscribes the box with notifyURL = the channel's callbackURL and
// opens the channel. From then on every nmsEventList arrives as eventListReceived().
//
// When the connection drops, it reconnects with backoff. It restarts the channel's
// lifetime, or creates a new channel when the old one expired. It then resumes the
// subscription from the last restartToken, or subscribes again from that token when the
// subscription is gone, so that no change of the box is missed. Repeated events are
// dropped by lastModSeq and index.
class ChannelConnection : public QObject
{
    Q_OBJECT

public:
    enum class State { Disconnected, Connecting, Connected, Reconnecting, Expired };
    Q_ENUM(State)

    enum class ChannelType { WebSockets, LongPolling };
    Q_ENUM(ChannelType)

    struct Options
    {
        ChannelType channelType = ChannelType::WebSockets;
        QString boxId = QStringLiteral("premieres");
        QString applicationTag = QStringLiteral("marquee-client");
        // Seconds requested. The server may grant less.
        qint64 channelLifetime = 3600;
        qint64 subscriptionDuration = 86400;
        // First delay before reconnecting, in milliseconds. Later ones double up to 30 s.
        int reconnectDelayMs = 500;
    };

    // Minimum time a connection stays open before the backoff starts over, in ms.
    static constexpr int StableConnectionMs = 5000;
    // The channel's maxNotifications: the maximum number of notifications per WebSocket
    // message or poll response.
    static constexpr qint64 MaxNotifications = 20;
    // Delay before retrying a failed subscription renewal, in milliseconds.
    static constexpr int RenewalRetryMs = 30000;

    explicit ChannelConnection(ApiClient *api, QObject *parent = nullptr);
    ~ChannelConnection() override;

    void setOptions(const Options &options);
    Options options() const { return m_options; }

    // Starts connecting. Does nothing unless disconnected.
    void connectToServer();
    // Closes the channel and deletes the subscription and the channel on the server.
    // cleanupFinished() follows once the server has responded to both deletions.
    void disconnectFromServer();
    // Whether deletions sent by disconnectFromServer() are still unanswered.
    bool isCleaningUp() const { return m_pendingDeletions > 0; }

    State state() const { return m_state; }
    // Seconds until the channel expires unless restarted, or -1 when unknown.
    qint64 remainingLifetime() const;
    // The time of the last connCheck or connAck in either direction, and its kind.
    QDateTime lastKeepAliveTime() const { return m_lastKeepAliveTime; }
    QString lastKeepAliveKind() const { return m_lastKeepAliveKind; }

    QString restartToken() const { return m_restartToken; }
    QUrl channelResourceURL() const { return m_channelResourceURL; }
    QUrl callbackURL() const { return m_callbackURL; }
    QUrl subscriptionURL() const { return m_subscriptionURL; }

    static QString stateName(State state);

Q_SIGNALS:
    void stateChanged(Marquee::ChannelConnection::State state);
    // One nmsEventList with the events new to this client. Events whose lastModSeq is at
    // most replayedUpTo came through a restartToken replay, and 0 means none did.
    void eventListReceived(const Marquee::NmsEventList &eventList, qint64 replayedUpTo);
    void keepAliveChanged();
    void lifetimeChanged();
    // A sentence for the person. The connection may still retry on its own.
    void errorOccurred(const QString &message);
    // The current step, such as "Creating the channel", or an empty text when idle.
    void progressChanged(const QString &step);
    void cleanupFinished();

private:
    using ReplyHandler = std::function<void(ApiReply *)>;

    void setState(State state);
    void setProgress(const QString &step);
    void send(ApiReply *reply, const ReplyHandler &handler);
    void fail(const QString &failedStep, const ApiReply *reply);
    void scheduleReconnect(const QString &reason);

    void establish();
    void readBox(ApiReply *reply);
    void refreshChannel();
    void createChannel();
    void readChannel(ApiReply *reply);
    void checkSubscription();
    void readSubscription(const QJsonObject &document);
    void renewSubscription();
    void stopTimersAndTransport();
    void createSubscription();
    void openTransport();

    void onTransportOpened();
    void onTransportClosed(const QString &reason, bool channelGone);
    void onNotifications(const QJsonArray &notificationList);
    void restartLifetime(std::optional<qint64> grantedSeconds);
    void noteKeepAlive(const QString &kind);
    void forgetChannel();
    void deleteOnServer(const QUrl &resourceURL);

    ApiClient *m_api;
    Options m_options;
    State m_state = State::Disconnected;
    // Connection attempts so far. A reply from an earlier attempt is ignored.
    quint64 m_attempt = 0;
    ReconnectBackoff m_backoff;
    QTimer m_reconnectTimer;
    QTimer m_connCheckTimer;
    QTimer m_renewalTimer;
    QTimer m_stableTimer;
    ChannelTransport *m_transport = nullptr;

    QUrl m_subscriptionsURL;
    qint64 m_boxModSeq = 0;

    QUrl m_channelResourceURL;
    QUrl m_channelURL;
    QUrl m_callbackURL;
    qint64 m_grantedLifetime = 0;
    QDeadlineTimer m_lifetimeDeadline;

    QUrl m_subscriptionURL;
    // Correlators of a create request until it succeeds, so that a retry after a lost
    // response finds the resource made by the first try.
    QString m_channelCorrelator;
    QString m_subscriptionCorrelator;
    // The highest lastModSeq delivered, or 0 after a resetBox.
    qint64 m_lastModSeq = 0;
    QString m_restartToken;
    qint64 m_replayedUpTo = 0;
    // The highest index seen per subscription URL.
    QHash<QString, qint64> m_lastIndex;

    int m_pendingDeletions = 0;
    QDateTime m_lastKeepAliveTime;
    QString m_lastKeepAliveKind;
};

} // namespace Marquee
