#include "websocketgateway.h"

#include "channelservice.h"
#include "http/httpresponse.h"
#include "logging.h"
#include "websockethandshake.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>

namespace Marquee {

WebSocketGateway::WebSocketGateway(ChannelService *channels, KeepAlivePolicy keepAlive,
                                   QObject *parent)
    : QObject(parent),
      m_channels(channels),
      m_keepAlive(keepAlive),
      m_webSocketServer(QStringLiteral("marquee"), QWebSocketServer::NonSecureMode)
{
    m_webSocketServer.setSupportedSubprotocols({subprotocol()});
    m_webSocketServer.setMaxPendingConnections(1000);

    connect(&m_tcpServer, &QTcpServer::newConnection, this,
            &WebSocketGateway::acceptTcpConnections);
    connect(&m_webSocketServer, &QWebSocketServer::newConnection, this,
            &WebSocketGateway::acceptWebSockets);
    connect(m_channels, &ChannelService::notificationsQueued, this, &WebSocketGateway::flush);
    connect(m_channels, &ChannelService::channelRemoved, this, &WebSocketGateway::closeChannel);
}

WebSocketGateway::~WebSocketGateway()
{
    shutdown();
}

QString WebSocketGateway::subprotocol()
{
    return QStringLiteral("notificationchannel-netapi-rest.openmobilealliance.org");
}

bool WebSocketGateway::listen(const QHostAddress &address, quint16 port)
{
    return m_tcpServer.listen(address, port);
}

quint16 WebSocketGateway::serverPort() const
{
    return m_tcpServer.serverPort();
}

QString WebSocketGateway::errorString() const
{
    return m_tcpServer.errorString();
}

void WebSocketGateway::shutdown()
{
    const auto sessions = m_sessions;
    m_sessions.clear();
    for (const QPointer<WebSocketSession> &session : sessions) {
        if (session) {
            session->disconnect(this);
            session->close(QWebSocketProtocol::CloseCodeGoingAway,
                           QStringLiteral("The server is shutting down"));
        }
    }
    m_tcpServer.close();
    m_webSocketServer.close();
}

void WebSocketGateway::acceptTcpConnections()
{
    while (m_tcpServer.hasPendingConnections()) {
        QTcpSocket *socket = m_tcpServer.nextPendingConnection();

        // A client that never completes its request head is dropped, so it cannot hold a
        // socket open forever.
        auto *timeout = new QTimer(socket);
        timeout->setObjectName(QStringLiteral("handshakeTimeout"));
        timeout->setSingleShot(true);
        connect(timeout, &QTimer::timeout, socket, [socket] {
            qCWarning(lcWebSocket) << "Handshake from" << socket->peerAddress().toString()
                                   << "timed out";
            socket->abort();
        });
        timeout->start(HandshakeTimeoutMs);

        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspectHandshake(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [socket] { socket->deleteLater(); });
        if (socket->bytesAvailable() > 0)
            inspectHandshake(socket);
    }
}

void WebSocketGateway::inspectHandshake(QTcpSocket *socket)
{
    // Peek, so that QWebSocketServer reads the same bytes when the socket is handed over.
    const QByteArray buffered = socket->peek(WebSocketHandshake::MaxHeadSize + 1);
    const qsizetype headEnd = buffered.indexOf("\r\n\r\n");
    if (headEnd < 0) {
        if (buffered.size() > WebSocketHandshake::MaxHeadSize)
            rejectHandshake(socket, 431, QStringLiteral("The request head is too large"));
        return;
    }

    const std::optional<WebSocketHandshake> handshake =
            WebSocketHandshake::parse(buffered.left(headEnd + 4));
    if (!handshake) {
        rejectHandshake(socket, 400, QStringLiteral("Malformed HTTP request"));
        return;
    }
    if (handshake->method != QLatin1String("GET")) {
        rejectHandshake(socket, 405,
                        QStringLiteral("Method %1 is not allowed; open the channelURL with a "
                                       "WebSocket GET").arg(handshake->method));
        return;
    }

    if (!handshake->isWebSocketUpgrade) {
        rejectHandshake(socket, 400,
                        QStringLiteral("Expected a WebSocket upgrade request (Upgrade: websocket) "
                                       "on %1").arg(handshake->encodedPath));
        return;
    }

    const auto address = WebSocketHandshake::channelAddressOf(handshake->encodedPath);
    if (!address) {
        rejectHandshake(socket, 404,
                        QStringLiteral("%1 is not a WebSocket channelURL")
                                .arg(handshake->encodedPath));
        return;
    }
    if (!handshake->subprotocols.contains(subprotocol())) {
        rejectHandshake(socket, 400,
                        QStringLiteral("The WebSocket subprotocol %1 is required, the request "
                                       "offered '%2'")
                                .arg(subprotocol(), handshake->subprotocols.join(u',')));
        return;
    }
    if (!m_channels->webSocketChannel(address->userId, address->channelId)) {
        rejectHandshake(socket, 404,
                        QStringLiteral("No WebSockets channel %1 for user %2")
                                .arg(address->channelId, address->userId));
        return;
    }

    // From here QWebSocketServer owns the handshake.
    socket->disconnect(this);
    delete socket->findChild<QTimer *>(QStringLiteral("handshakeTimeout"));
    m_webSocketServer.handleConnection(socket);
}

void WebSocketGateway::rejectHandshake(QTcpSocket *socket, int status, const QString &reason)
{
    qCWarning(lcWebSocket) << "Rejected a WebSocket handshake from"
                           << socket->peerAddress().toString() << "with status" << status << ":"
                           << reason;

    const QByteArray body = reason.toUtf8() + '\n';
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + HttpResponse::reasonPhrase(status)
            + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;

    socket->disconnect(this);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    socket->write(response);
    socket->disconnectFromHost();
}

void WebSocketGateway::acceptWebSockets()
{
    while (m_webSocketServer.hasPendingConnections()) {
        QWebSocket *socket = m_webSocketServer.nextPendingConnection();
        socket->setParent(this);

        const auto address =
                WebSocketHandshake::channelAddressOf(socket->requestUrl().path(QUrl::FullyEncoded));

        // The channel may have gone while the handshake completed.
        if (!address || !m_channels->webSocketChannel(address->userId, address->channelId)) {
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                          QStringLiteral("The channel no longer exists"));
            socket->deleteLater();
            continue;
        }
        attach(socket, address->channelId);
    }
}

void WebSocketGateway::attach(QWebSocket *socket, const QString &channelId)
{
    if (QPointer<WebSocketSession> previous = m_sessions.take(channelId)) {
        qCInfo(lcWebSocket) << "A new connection supersedes the previous one of channel"
                            << channelId;
        previous->disconnect(this);
        previous->close(QWebSocketProtocol::CloseCodeNormal,
                        QStringLiteral("Superseded by a newer connection to this channel"));
    }

    auto *session = new WebSocketSession(socket, channelId, m_channels, m_keepAlive, this);
    m_sessions.insert(channelId, session);
    connect(session, &WebSocketSession::finished, this, [this, channelId, session] {
        if (m_sessions.value(channelId) == session)
            m_sessions.remove(channelId);
    });

    // A new connection restarts the channel lifetime, as a client connCheck does.
    m_channels->refreshLifetime(channelId);

    qCInfo(lcWebSocket) << "Channel" << channelId << "connected from" << session->peerAddress();
    flush(channelId);
}

void WebSocketGateway::flush(const QString &channelId)
{
    if (const QPointer<WebSocketSession> session = m_sessions.value(channelId))
        session->sendQueuedNotifications();
}

void WebSocketGateway::closeChannel(const QString &channelId, const QString &reason)
{
    const QPointer<WebSocketSession> session = m_sessions.take(channelId);
    if (!session)
        return;

    session->disconnect(this);
    session->close(QWebSocketProtocol::CloseCodeNormal, reason);
}

} // namespace Marquee
