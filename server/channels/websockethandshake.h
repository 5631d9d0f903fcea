#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace Marquee {

// The parts of a WebSocket upgrade request the gateway checks before it hands the socket
// to QWebSocketServer, which cannot reject a handshake by path or subprotocol itself.
struct WebSocketHandshake
{
    // Largest request head accepted, in bytes.
    static constexpr qsizetype MaxHeadSize = 8 * 1024;

    QString method;
    // The request target's path, still percent-encoded.
    QString encodedPath;
    QStringList subprotocols;
    // Whether the request has "Upgrade: websocket".
    bool isWebSocketUpgrade = false;

    // The channel addressed by a path ending in
    // /notificationchannel/v1/{userId}/channels/{channelId}/ws, with decoded variables.
    struct ChannelAddress
    {
        QString userId;
        QString channelId;
    };
    static std::optional<ChannelAddress> channelAddressOf(const QString &encodedPath);

    // Parses a complete request head (up to and including the empty line). Returns
    // std::nullopt when it is not an HTTP/1.1 request line followed by headers.
    static std::optional<WebSocketHandshake> parse(const QByteArray &head);
};

} // namespace Marquee
