#pragma once

#include "channeltransport.h"

#include <QWebSocket>

QT_BEGIN_NAMESPACE
class QNetworkRequest;
class QTimer;
QT_END_NAMESPACE

namespace Marquee {

class ApiClient;

// A WebSocket on the channelURL with the OMA Notification Channel subprotocol. It replies
// to every server connCheck with a connAck and reports notificationList messages.
class WebSocketTransport : public ChannelTransport
{
    Q_OBJECT

public:
    static constexpr auto Subprotocol = "notificationchannel-netapi-rest.openmobilealliance.org";
    // Maximum duration of the handshake, in milliseconds.
    static constexpr int HandshakeTimeoutMs = 10000;
    // Interval between WebSocket pings while open, and the maximum wait for each pong,
    // in milliseconds. A connection that a network change left dead is noticed within
    // their sum.
    static constexpr int PingIntervalMs = 20000;
    static constexpr int PongTimeoutMs = 10000;

    explicit WebSocketTransport(ApiClient *api, QObject *parent = nullptr);
    ~WebSocketTransport() override;

    void open(const QUrl &channelURL) override;
    void close() override;
    void sendConnCheck() override;

private:
    void onTextMessage(const QString &message);
    void onDisconnected();
    void onError();
    void reportClosed(const QString &reason, bool channelGone);
    void sendJson(const QJsonObject &message);

    ApiClient *m_api;
    QWebSocket m_socket;
    QTimer *m_handshakeTimer;
    QTimer *m_pingTimer;
    QTimer *m_pongTimer;
    bool m_closing = false;
    // Whether closed() was emitted for the current connection.
    bool m_reportedClosed = false;
};

} // namespace Marquee
