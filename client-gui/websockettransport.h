#pragma once

#include "channeltransport.h"

#include <QWebSocket>

QT_BEGIN_NAMESPACE
class QNetworkRequest;
class QTimer;
QT_END_NAMESPACE

namespace Marquee {

class ApiClient;

// A WebSocket on the channelURL with the OMA Notification Channel subprotocol. Answers
// every server connCheck with a connAck and reports notificationList messages.
class WebSocketTransport : public ChannelTransport
{
    Q_OBJECT

public:
    static constexpr auto Subprotocol = "notificationchannel-netapi-rest.openmobilealliance.org";
    // Longest time the handshake may take, in milliseconds.
    static constexpr int HandshakeTimeoutMs = 10000;

    explicit WebSocketTransport(ApiClient *api, QObject *parent = nullptr);
    ~WebSocketTransport() override;

    void open(const QUrl &channelURL) override;
    void close() override;
    void sendConnCheck() override;

private:
    void onTextMessage(const QString &message);
    void onDisconnected();
    void sendJson(const QJsonObject &message);

    ApiClient *m_api;
    QWebSocket m_socket;
    QTimer *m_handshakeTimer;
    bool m_closing = false;
};

} // namespace Marquee
