#include "websocketsession.h"

#include "channelservice.h"
#include "logging.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Marquee {

namespace {

// Largest message a client may send; connCheck and connAck are a few dozen bytes.
constexpr qint64 MaxIncomingMessageSize = 64 * 1024;

// How long a closed connection waits for the peer's close frame, in milliseconds.
constexpr int ClosingHandshakeTimeoutMs = 5000;

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

WebSocketSession::WebSocketSession(QWebSocket *socket, const QString &channelId,
                                   ChannelService *channels, KeepAlivePolicy keepAlive,
                                   QObject *parent)
    : QObject(parent),
      m_socket(socket),
      m_channelId(channelId),
      m_channels(channels),
      m_keepAlive(keepAlive)
{
    socket->setParent(this);
    socket->setMaxAllowedIncomingMessageSize(MaxIncomingMessageSize);

    connect(socket, &QWebSocket::textMessageReceived, this, &WebSocketSession::handleTextMessage);
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this] {
        qCWarning(lcWebSocket) << "Closing channel" << m_channelId
                               << "connection after an unexpected binary message";
        close(QWebSocketProtocol::CloseCodePolicyViolated,
              QStringLiteral("Binary messages are not supported; send connCheck or connAck as "
                             "text"));
    });
    connect(socket, &QWebSocket::disconnected, this, [this] {
        qCInfo(lcWebSocket) << "Connection of channel" << m_channelId << "closed";
        finish();
    });

    m_checkTimer.setInterval(m_keepAlive.checkIntervalMs);
    connect(&m_checkTimer, &QTimer::timeout, this, &WebSocketSession::sendConnCheck);
    if (m_keepAlive.checkIntervalMs > 0)
        m_checkTimer.start();

    m_connAckTimeout.setSingleShot(true);
    m_connAckTimeout.setInterval(m_keepAlive.checkTimeoutMs);
    connect(&m_connAckTimeout, &QTimer::timeout, this, [this] {
        qCWarning(lcWebSocket) << "Closing channel" << m_channelId << "connection: no connAck"
                               << "within" << m_keepAlive.checkTimeoutMs << "ms of connCheck";
        close(QWebSocketProtocol::CloseCodePolicyViolated,
              QStringLiteral("No connAck arrived for the connCheck"));
    });
}

WebSocketSession::~WebSocketSession() = default;

QString WebSocketSession::peerAddress() const
{
    return m_socket ? m_socket->peerAddress().toString() : QString();
}

void WebSocketSession::sendQueuedNotifications()
{
    if (m_finished || !m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return;

    // Each pass sends up to maxNotifications queued notifications in one frame and
    // removes them from the outbox, so delivery keeps the order of acceptance. A frame has
    // the format its notifications arrived in: an XML notification goes out as a text
    // frame holding an XML notificationList.
    // NOTE: a frame counts as delivered once the socket accepted it. A peer that drops
    // before the bytes leave loses that frame, because the protocol has no acknowledgement.
    while (std::optional<ChannelService::Batch> batch = m_channels->nextBatch(m_channelId)) {
        m_socket->sendTextMessage(QString::fromUtf8(batch->frame));
        if (!m_channels->acknowledge(*batch))
            break;
    }
}

void WebSocketSession::close(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    if (m_finished)
        return;

    if (m_socket) {
        // The socket outlives the session until the closing handshake ends, so the close
        // frame is not lost. A peer that never replies is dropped after a while.
        QWebSocket *socket = m_socket;
        socket->disconnect(this);
        socket->setParent(parent());
        connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(ClosingHandshakeTimeoutMs, socket, &QObject::deleteLater);
        socket->close(code, reason);
    }
    finish();
}

void WebSocketSession::finish()
{
    if (m_finished)
        return;

    m_finished = true;
    m_checkTimer.stop();
    m_connAckTimeout.stop();
    Q_EMIT finished();
    deleteLater();
}

void WebSocketSession::handleTextMessage(const QString &message)
{
    const QJsonObject root = QJsonDocument::fromJson(message.toUtf8()).object();

    // A client connCheck requests a connAck with the restarted lifetime.
    if (root.contains(QStringLiteral("connCheck"))) {
        const std::optional<qint64> lifetime = m_channels->refreshLifetime(m_channelId);
        if (lifetime) {
            sendJson(compact({{QStringLiteral("connAck"),
                               QJsonObject{{QStringLiteral("channelLifetime"), *lifetime}}}}));
        }
        return;
    }

    // A connAck accepts the lifetime that the server's connCheck offered. A connAck with
    // no check outstanding restarts the current lifetime. A channelLifetime in it is
    // ignored, because only the server sets that element.
    if (root.contains(QStringLiteral("connAck"))) {
        m_connAckTimeout.stop();
        m_channels->refreshLifetime(m_channelId, m_offeredLifetime);
        m_offeredLifetime.reset();
        return;
    }

    qCWarning(lcWebSocket) << "Closing channel" << m_channelId
                           << "connection after an unexpected client message";
    close(QWebSocketProtocol::CloseCodePolicyViolated,
          QStringLiteral("Expected a connCheck or connAck message"));
}

void WebSocketSession::sendConnCheck()
{
    const std::optional<qint64> lifetime = m_channels->grantedLifetime(m_channelId);
    if (!lifetime)
        return;

    // checkInterval is in whole seconds; a shorter interval still announces 1.
    const qint64 checkIntervalSeconds = std::max<qint64>(1, m_keepAlive.checkIntervalMs / 1000);
    m_offeredLifetime = lifetime;
    sendJson(compact({{QStringLiteral("connCheck"),
                       QJsonObject{{QStringLiteral("checkInterval"), checkIntervalSeconds},
                                   {QStringLiteral("newChannelLifetime"), *lifetime}}}}));

    // Further checks while one is unanswered do not extend the deadline.
    if (!m_connAckTimeout.isActive())
        m_connAckTimeout.start();
}

void WebSocketSession::sendJson(const QByteArray &json)
{
    if (!m_finished && m_socket)
        m_socket->sendTextMessage(QString::fromUtf8(json));
}

} // namespace Marquee
