#include "websockettransport.h"

#include "apiclient.h"
#include "clientlogging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QTimer>
#include <QWebSocketHandshakeOptions>

namespace Marquee {

namespace {

std::optional<qint64> integerMember(const QJsonValue &object, QLatin1StringView key)
{
    const QJsonValue value = object.toObject().value(key);
    if (value.isDouble())
        return value.toInteger();
    if (value.isString()) {
        bool ok = false;
        const qint64 number = value.toString().toLongLong(&ok);
        if (ok)
            return number;
    }
    return std::nullopt;
}

} // namespace

WebSocketTransport::WebSocketTransport(ApiClient *api, QObject *parent)
    : ChannelTransport(parent), m_api(api), m_handshakeTimer(new QTimer(this))
{
    m_handshakeTimer->setSingleShot(true);
    m_handshakeTimer->setInterval(HandshakeTimeoutMs);
    connect(m_handshakeTimer, &QTimer::timeout, this, [this] {
        qCWarning(lcClientChannel) << "WebSocket handshake timed out";
        m_socket.abort();
    });

    connect(&m_socket, &QWebSocket::connected, this, [this] {
        m_handshakeTimer->stop();
        qCInfo(lcClientChannel) << "WebSocket open with subprotocol" << m_socket.subprotocol();
        Q_EMIT opened();
    });
    connect(&m_socket, &QWebSocket::disconnected, this, &WebSocketTransport::onDisconnected);
    connect(&m_socket, &QWebSocket::textMessageReceived, this,
            &WebSocketTransport::onTextMessage);
}

WebSocketTransport::~WebSocketTransport()
{
    close();
}

void WebSocketTransport::open(const QUrl &channelURL)
{
    m_closing = false;

    QWebSocketHandshakeOptions options;
    options.setSubprotocols({QString::fromLatin1(Subprotocol)});
    m_socket.open(m_api->request(channelURL), options);
    m_handshakeTimer->start();
}

void WebSocketTransport::close()
{
    m_closing = true;
    m_handshakeTimer->stop();
    if (m_socket.state() != QAbstractSocket::UnconnectedState)
        m_socket.close(QWebSocketProtocol::CloseCodeNormal);
}

void WebSocketTransport::sendConnCheck()
{
    sendJson(QJsonObject{{QStringLiteral("connCheck"), QJsonObject()}});
}

void WebSocketTransport::sendJson(const QJsonObject &message)
{
    if (m_socket.state() != QAbstractSocket::ConnectedState)
        return;
    m_socket.sendTextMessage(
            QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

void WebSocketTransport::onTextMessage(const QString &message)
{
    const QJsonObject root = QJsonDocument::fromJson(message.toUtf8()).object();

    if (root.contains(QStringLiteral("connCheck"))) {
        // Answer first: the server closes the connection when the connAck is late.
        sendJson(QJsonObject{{QStringLiteral("connAck"), QJsonObject()}});
        Q_EMIT connCheckReceived(integerMember(root.value(QStringLiteral("connCheck")),
                                               QLatin1StringView("newChannelLifetime")));
        return;
    }

    if (root.contains(QStringLiteral("connAck"))) {
        Q_EMIT connAckReceived(integerMember(root.value(QStringLiteral("connAck")),
                                             QLatin1StringView("channelLifetime")));
        return;
    }

    const QJsonValue list = root.value(QStringLiteral("notificationList"));
    if (list.isArray()) {
        Q_EMIT notificationsReceived(list.toArray());
        return;
    }
    if (list.isObject()) {
        Q_EMIT notificationsReceived(QJsonArray{list});
        return;
    }

    // The client subscribes in JSON, so anything else is not meant for it.
    qCWarning(lcClientChannel) << "Ignoring a WebSocket message that is not a JSON"
                               << "notificationList, connCheck or connAck:" << message.left(200);
}

void WebSocketTransport::onDisconnected()
{
    m_handshakeTimer->stop();
    if (m_closing)
        return;

    const QWebSocketProtocol::CloseCode code = m_socket.closeCode();
    QString reason = m_socket.closeReason();
    if (reason.isEmpty())
        reason = m_socket.errorString();
    if (reason.isEmpty() || reason == QLatin1String("Unknown error"))
        reason = QStringLiteral("The WebSocket connection closed");

    // The server closes with 1000 when the channel was deleted or expired, with 1001 when
    // it shuts down, and with 1008 when a keep-alive check went unanswered.
    const bool channelGone = code == QWebSocketProtocol::CloseCodeNormal
            && (reason.contains(QLatin1String("expired")) || reason.contains(QLatin1String("deleted")));
    qCInfo(lcClientChannel) << "WebSocket closed:" << code << reason;
    Q_EMIT closed(reason, channelGone);
}

} // namespace Marquee
