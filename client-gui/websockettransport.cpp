#include "websockettransport.h"

#include "apiclient.h"
#include "clientlogging.h"
#include "jsonvalues.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTimer>
#include <QWebSocketHandshakeOptions>

namespace Marquee {

namespace {

std::optional<qint64> integerMember(const QJsonValue &object, QLatin1StringView key)
{
    return JsonValues::toInteger(object.toObject().value(key));
}

// Turns Qt's handshake errors, such as "QWebSocketPrivate::processHandshake: Unhandled
// http status code: 404 (Not Found).", into a sentence for the window.
QString describeSocketError(const QString &errorString)
{
    static const QRegularExpression status(QStringLiteral("status code: (\\d+) \\(([^)]*)\\)"));
    const QRegularExpressionMatch match = status.match(errorString);
    if (match.hasMatch()) {
        const int code = match.captured(1).toInt();
        QString sentence = QStringLiteral("The server rejected the WebSocket handshake with HTTP "
                                          "status %1 (%2)")
                                   .arg(match.captured(1), match.captured(2));
        if (code == 404)
            sentence += QStringLiteral(": the channel no longer exists");
        return sentence;
    }
    if (errorString.isEmpty() || errorString == QLatin1String("Unknown error"))
        return QStringLiteral("The connection closed without a reason");
    return errorString;
}

} // namespace

WebSocketTransport::WebSocketTransport(ApiClient *api, QObject *parent)
    : ChannelTransport(parent),
      m_api(api),
      m_handshakeTimer(new QTimer(this)),
      m_pingTimer(new QTimer(this)),
      m_pongTimer(new QTimer(this))
{
    m_handshakeTimer->setSingleShot(true);
    m_handshakeTimer->setInterval(HandshakeTimeoutMs);
    connect(m_handshakeTimer, &QTimer::timeout, this, [this] {
        qCWarning(lcClientChannel) << "WebSocket handshake timed out";
        m_closing = true;
        m_socket.abort();
        reportClosed(QStringLiteral("The WebSocket handshake timed out after %1 s")
                             .arg(HandshakeTimeoutMs / 1000),
                     false);
    });

    m_pingTimer->setInterval(PingIntervalMs);
    connect(m_pingTimer, &QTimer::timeout, this, [this] {
        m_socket.ping();
        if (!m_pongTimer->isActive())
            m_pongTimer->start();
    });
    m_pongTimer->setSingleShot(true);
    m_pongTimer->setInterval(PongTimeoutMs);
    connect(m_pongTimer, &QTimer::timeout, this, [this] {
        qCWarning(lcClientChannel) << "No WebSocket pong within" << PongTimeoutMs << "ms";
        m_closing = true;
        m_socket.abort();
        reportClosed(QStringLiteral("The server did not respond to a WebSocket ping within %1 s")
                             .arg(PongTimeoutMs / 1000),
                     false);
    });
    connect(&m_socket, &QWebSocket::pong, m_pongTimer, &QTimer::stop);

    connect(&m_socket, &QWebSocket::connected, this, [this] {
        m_handshakeTimer->stop();
        m_pingTimer->start();
        qCInfo(lcClientChannel) << "WebSocket open with subprotocol" << m_socket.subprotocol();
        Q_EMIT opened();
    });
    connect(&m_socket, &QWebSocket::disconnected, this, &WebSocketTransport::onDisconnected);
    // QWebSocket in Qt 6.4 names this signal error(). errorOccurred() came in Qt 6.5.
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &WebSocketTransport::onError);
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
    m_reportedClosed = false;

    QWebSocketHandshakeOptions options;
    options.setSubprotocols({QString::fromLatin1(Subprotocol)});
    m_socket.open(m_api->request(channelURL), options);
    m_handshakeTimer->start();
}

void WebSocketTransport::close()
{
    m_closing = true;
    m_handshakeTimer->stop();
    m_pingTimer->stop();
    m_pongTimer->stop();
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
        // Reply first, because the server closes the connection when the connAck is late.
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
    if (list.isArray() || list.isObject()) {
        Q_EMIT notificationsReceived(JsonValues::list(list));
        return;
    }

    // The client subscribes in JSON, so anything else is not meant for it.
    qCWarning(lcClientChannel) << "Ignoring a WebSocket message that is not a JSON"
                               << "notificationList, connCheck or connAck:" << message.left(200);
}

void WebSocketTransport::onDisconnected()
{
    if (m_closing)
        return;

    const QWebSocketProtocol::CloseCode code = m_socket.closeCode();
    QString reason = m_socket.closeReason();
    if (reason.isEmpty())
        reason = describeSocketError(m_socket.errorString());

    // The server closes with 1000 when the channel was deleted or expired, with 1001 when
    // it shuts down, and with 1008 when a keep-alive check went unanswered. Only the
    // reason distinguishes deletion from other normal closes. When the reason is unclear,
    // the next attempt learns the channel's state from the server.
    const bool channelGone = code == QWebSocketProtocol::CloseCodeNormal
            && (reason.contains(QLatin1String("expired")) || reason.contains(QLatin1String("deleted")));
    qCInfo(lcClientChannel) << "WebSocket closed:" << code << reason;
    reportClosed(reason, channelGone);
}

void WebSocketTransport::onError()
{
    // Some failures, such as an unsupported URL scheme, end the attempt with an error and
    // no disconnected(), so the error alone must report the close.
    // The check runs queued, so that a disconnected() that follows the error reports
    // the close first, with the server's close reason.
    QMetaObject::invokeMethod(this, [this] {
        if (m_closing || m_reportedClosed || m_socket.state() != QAbstractSocket::UnconnectedState)
            return;
        qCInfo(lcClientChannel) << "WebSocket error:" << m_socket.errorString();
        reportClosed(describeSocketError(m_socket.errorString()), false);
    }, Qt::QueuedConnection);
}

void WebSocketTransport::reportClosed(const QString &reason, bool channelGone)
{
    m_handshakeTimer->stop();
    m_pingTimer->stop();
    m_pongTimer->stop();
    if (m_reportedClosed)
        return;

    m_reportedClosed = true;
    Q_EMIT closed(reason, channelGone);
}

} // namespace Marquee
