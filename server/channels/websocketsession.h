#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QWebSocket>

#include <optional>

namespace Marquee {

class ChannelService;

// The server side of the connCheck and connAck keep-alive on a WebSocket channel.
struct KeepAlivePolicy
{
    // How often the server sends connCheck, in milliseconds; 0 sends none.
    int checkIntervalMs = 60000;
    // How long the server waits for the connAck to a connCheck before it closes the
    // connection, in milliseconds.
    int checkTimeoutMs = 10000;
};

// One WebSocket connection of a channel. It owns the socket, sends the channel's queued
// notifications as notificationList frames, replies to a client connCheck with a connAck that
// carries the restarted channelLifetime, and runs the server's own connCheck every
// checkInterval, offering newChannelLifetime, which the client's connAck accepts. A client
// message that is neither connCheck nor connAck closes the connection with code 1008.
class WebSocketSession : public QObject
{
    Q_OBJECT

public:
    // Takes ownership of socket.
    WebSocketSession(QWebSocket *socket, const QString &channelId, ChannelService *channels,
                     KeepAlivePolicy keepAlive, QObject *parent = nullptr);
    ~WebSocketSession() override;

    QString channelId() const { return m_channelId; }
    QString peerAddress() const;

    // Sends every queued notification, at most maxNotifications per frame, and removes
    // each frame's notifications from the outbox once it is written.
    void sendQueuedNotifications();

    // Closes the connection with code and reason. The session sends nothing more, emits
    // finished() and deletes itself.
    void close(QWebSocketProtocol::CloseCode code, const QString &reason);

Q_SIGNALS:
    // The connection has ended; the session deletes itself later.
    void finished();

private:
    void handleTextMessage(const QString &message);
    void sendConnCheck();
    void sendJson(const QByteArray &json);
    void finish();

    QPointer<QWebSocket> m_socket;
    QString m_channelId;
    ChannelService *m_channels;
    KeepAlivePolicy m_keepAlive;
    QTimer m_checkTimer;
    QTimer m_connAckTimeout;
    // The newChannelLifetime of the server's unanswered connCheck, in seconds.
    std::optional<qint64> m_offeredLifetime;
    bool m_finished = false;
};

} // namespace Marquee
