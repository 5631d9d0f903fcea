#pragma once

#include "notificationchannel.h"
#include "result.h"
#include "storage/channelrepository.h"
#include "urlbuilder.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QTimer>

namespace Marquee {

// Server policy for channels.
struct ChannelPolicy
{
    // Seconds.
    qint64 defaultLifetime = 3600;
    qint64 maxLifetime = 86400;
    qint64 defaultMaxNotifications = 10;
    qint64 maxMaxNotifications = 100;
    // How often expired channels are removed, in milliseconds.
    int expiryCheckInterval = 1000;
};

// The rules of notification channels: creation with clientCorrelator reuse and lifetime
// policy, lookup, deletion, expiry, and the per-channel outbox that every notification
// passes through, whether it was POSTed to a callbackURL or handed over in process.
class ChannelService : public QObject
{
    Q_OBJECT

public:
    static constexpr qsizetype MaxUserIdLength = 256;

    // A notificationList ready to send and the outbox entries it contains.
    struct Batch
    {
        QByteArray frame;
        QList<qint64> entryIds;
    };

    struct Created
    {
        NotificationChannel channel;
        // false when an existing channel with the same clientCorrelator was returned.
        bool created = true;
    };

    ChannelService(ChannelRepository *repository, const UrlBuilder *urls, ChannelPolicy policy,
                   QObject *parent = nullptr);

    static QStringList supportedChannelTypes();

    Result<Created> createChannel(const QString &userId, const NotificationChannel &request);
    Result<NotificationChannel> channel(const QString &userId, const QString &channelId) const;
    Result<QList<NotificationChannel>> channels(const QString &userId) const;
    Result<void> deleteChannel(const QString &userId, const QString &channelId);

    // Accepts a notification for the channel that owns callbackId. body is either one
    // root element ({"nmsEventList":{...}}) or {"notificationList":[...]}, whose entries
    // are queued one by one, in order.
    Result<void> deliver(const QString &callbackId, const QJsonObject &body);

    // Whether callbackId belongs to a live channel.
    bool hasCallback(const QString &callbackId) const;

    // The channel behind a WebSocket channelURL, if it exists, belongs to userId and is a
    // WebSockets channel.
    std::optional<StoredChannel> webSocketChannel(const QString &userId,
                                                  const QString &channelId) const;

    // Restarts the channel's lifetime with the granted lifetime and returns it in seconds.
    std::optional<qint64> refreshLifetime(const QString &channelId);

    // The oldest queued notifications of the channel, at most maxNotifications, wrapped in
    // one notificationList. std::nullopt when nothing is queued.
    std::optional<Batch> nextBatch(const QString &channelId) const;
    // Removes a sent batch from the outbox. Returns false when the outbox cannot be
    // written, so callers stop instead of sending the same batch again.
    bool acknowledge(const Batch &batch);

    // Removes every channel whose lifetime has run out.
    void removeExpiredChannels();

Q_SIGNALS:
    void notificationsQueued(const QString &channelId);
    void channelRemoved(const QString &channelId, const QString &reason);

private:
    NotificationChannel toResource(const StoredChannel &stored) const;
    Result<StoredChannel> ownedChannel(const QString &userId, const QString &channelId) const;

    ChannelRepository *m_repository;
    const UrlBuilder *m_urls;
    ChannelPolicy m_policy;
    QTimer m_expiryTimer;
};

} // namespace Marquee
