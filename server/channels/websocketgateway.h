#pragma once

#include "websocketsession.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QWebSocketServer>

class QTcpSocket;
class QWebSocket;

namespace Marquee {

class ChannelService;

// Serves WebSocket channelURLs. The gateway checks each upgrade request itself and
// rejects one without the OMA subprotocol or for an unknown channel with an HTTP error,
// then lets QWebSocketServer finish the handshake. Each channel has at most one active
// connection, a WebSocketSession; a new one supersedes the old, which is closed with code
// 1000 and gets nothing more. Opening a connection restarts the channel lifetime.
class WebSocketGateway : public QObject
{
    Q_OBJECT

public:
    static constexpr int HandshakeTimeoutMs = 10000;

    WebSocketGateway(ChannelService *channels, KeepAlivePolicy keepAlive,
                     QObject *parent = nullptr);
    ~WebSocketGateway() override;

    static QString subprotocol();

    bool listen(const QHostAddress &address, quint16 port);
    quint16 serverPort() const;
    QString errorString() const;

    // Closes every connection with close code 1001 (going away) and stops listening.
    void shutdown();

    int connectionCount() const { return static_cast<int>(m_sessions.size()); }

private:
    void acceptTcpConnections();
    void inspectHandshake(QTcpSocket *socket);
    void rejectHandshake(QTcpSocket *socket, int status, const QString &reason);
    void acceptWebSockets();
    void attach(QWebSocket *socket, const QString &channelId);
    void flush(const QString &channelId);
    void closeChannel(const QString &channelId, const QString &reason);

    ChannelService *m_channels;
    KeepAlivePolicy m_keepAlive;
    QTcpServer m_tcpServer;
    QWebSocketServer m_webSocketServer;
    // The active session of each channel, by channelId.
    QHash<QString, QPointer<WebSocketSession>> m_sessions;
};

} // namespace Marquee
