#include "websockethandshake.h"

#include "http/pathsegment.h"

namespace Marquee {

std::optional<WebSocketHandshake::ChannelAddress>
WebSocketHandshake::channelAddressOf(const QString &encodedPath)
{
    // The public WebSocket URL may carry a prefix that a reverse proxy keeps, so only the
    // last six segments are matched.
    const QStringList segments = encodedPath.split(QLatin1Char('/'));
    if (segments.size() < 7)
        return std::nullopt;

    const QStringList tail = segments.mid(segments.size() - 6);
    if (tail.at(0) != QLatin1String("notificationchannel") || tail.at(1) != QLatin1String("v1")
        || tail.at(3) != QLatin1String("channels") || tail.at(5) != QLatin1String("ws")
        || tail.at(2).isEmpty() || tail.at(4).isEmpty()) {
        return std::nullopt;
    }

    const std::optional<QString> userId = decodePathSegment(tail.at(2));
    const std::optional<QString> channelId = decodePathSegment(tail.at(4));
    if (!userId || !channelId)
        return std::nullopt;
    return ChannelAddress{*userId, *channelId};
}

std::optional<WebSocketHandshake> WebSocketHandshake::parse(const QByteArray &head)
{
    const QList<QByteArray> lines = head.split('\n');
    if (lines.isEmpty())
        return std::nullopt;

    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/"))
        return std::nullopt;

    WebSocketHandshake handshake;
    handshake.method = QString::fromLatin1(requestLine.at(0));

    // The target is origin-form ("/path?query"); the query plays no part here.
    const QByteArray target = requestLine.at(1);
    handshake.encodedPath = QString::fromLatin1(target.left(target.indexOf('?') < 0
                                                                    ? target.size()
                                                                    : target.indexOf('?')));

    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;

        const QByteArray name = line.left(colon).trimmed().toLower();
        if (name == "upgrade") {
            const QList<QByteArray> protocols = line.mid(colon + 1).toLower().split(',');
            for (const QByteArray &protocol : protocols) {
                if (protocol.trimmed() == "websocket")
                    handshake.isWebSocketUpgrade = true;
            }
            continue;
        }
        if (name != "sec-websocket-protocol")
            continue;
        for (const QByteArray &protocol : line.mid(colon + 1).split(',')) {
            const QString trimmed = QString::fromLatin1(protocol.trimmed());
            if (!trimmed.isEmpty())
                handshake.subprotocols.append(trimmed);
        }
    }
    return handshake;
}

} // namespace Marquee
