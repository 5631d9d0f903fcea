#include "websocketclient.h"

#include <QJsonDocument>
#include <QNetworkRequest>
#include <QTest>
#include <QWebSocketHandshakeOptions>

namespace MarqueeTest {

WebSocketClient::WebSocketClient()
{
    QObject::connect(&m_socket, &QWebSocket::textMessageReceived, &m_socket,
                     [this](const QString &message) { m_frames.append(message); });
}

bool WebSocketClient::open(const QUrl &url, const QStringList &subprotocols)
{
    QWebSocketHandshakeOptions options;
    options.setSubprotocols(subprotocols);

    QSignalSpy connected(&m_socket, &QWebSocket::connected);
    QSignalSpy disconnected(&m_socket, &QWebSocket::disconnected);
    m_socket.open(QNetworkRequest(url), options);

    QDeadlineTimer deadline(TimeoutMs);
    while (connected.isEmpty() && disconnected.isEmpty() && !deadline.hasExpired())
        QTest::qWait(10);
    return !connected.isEmpty();
}

bool WebSocketClient::waitForFrames(qsizetype count)
{
    QDeadlineTimer deadline(TimeoutMs);
    while (m_frames.size() < count && !deadline.hasExpired())
        QTest::qWait(5);
    return m_frames.size() >= count;
}

bool WebSocketClient::waitForDisconnected()
{
    QDeadlineTimer deadline(TimeoutMs);
    while (m_socket.state() != QAbstractSocket::UnconnectedState && !deadline.hasExpired())
        QTest::qWait(10);
    return m_socket.state() == QAbstractSocket::UnconnectedState;
}

QJsonObject WebSocketClient::frameJson(qsizetype index) const
{
    return QJsonDocument::fromJson(m_frames.value(index).toUtf8()).object();
}

} // namespace MarqueeTest
