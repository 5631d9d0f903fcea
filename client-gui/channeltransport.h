#pragma once

#include <QJsonArray>
#include <QObject>
#include <QString>
#include <QUrl>

#include <optional>

namespace Marquee {

// The receiving side of a channel: a WebSocket on the channelURL or a loop of long polls
// on it. ChannelConnection drives one transport at a
// time and decides what to do when it closes.
class ChannelTransport : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~ChannelTransport() override;

    // Starts receiving on channelURL. opened() or closed() follows.
    virtual void open(const QUrl &channelURL) = 0;
    // Stops without emitting closed().
    virtual void close() = 0;
    // Asks the server to restart the channel lifetime, and connAckReceived() reports the
    // confirmation. Transports whose every request restarts it do nothing.
    virtual void sendConnCheck() = 0;

Q_SIGNALS:
    void opened();
    // The transport stopped on its own. channelGone is true when the server reported that
    // the channel no longer exists (expired or deleted). reason is in plain words.
    void closed(const QString &reason, bool channelGone);
    // Each entry is one notification, for example {"nmsEventList":{...}}.
    void notificationsReceived(const QJsonArray &notificationList);
    // The server checked the connection (WebSocket connCheck), and the transport sent the
    // connAck.
    void connCheckReceived(std::optional<qint64> newChannelLifetime);
    // The server confirmed a client connCheck (connAck).
    void connAckReceived(std::optional<qint64> channelLifetime);
    // The lifetime restarted as a side effect of a request, such as a long poll.
    void lifetimeRestarted();
};

} // namespace Marquee
