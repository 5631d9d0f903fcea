#pragma once

#include "bodyformat.h"
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
    // LongPolling maxWaitTime in seconds: the default when the client asks for none, and
    // the maximum granted. A longer wait than the server's long-poll hold timeout would
    // never take effect.
    qint64 defaultMaxWaitTime = 0;
    qint64 maxMaxWaitTime = 30;
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

    static const QString WebSocketsType;
    static const QString LongPollingType;

    // A notificationList ready to send, its format and the outbox entries it contains.
    struct Batch
    {
        QByteArray frame;
        BodyFormat format = BodyFormat::Json;
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
    // The live channels of a user; 404 for a user without any, whom the server does not
    // know.
    Result<QList<NotificationChannel>> channels(const QString &userId) const;
    Result<void> deleteChannel(const QString &userId, const QString &channelId);

    // The remaining lifetime of the channel in seconds.
    Result<qint64> channelLifetime(const QString &userId, const QString &channelId) const;
    // Restarts the channel's lifetime with requestedLifetime seconds clamped by policy
    // (std::nullopt or 0: the default) and stores it as the channel's lifetime. Returns the
    // granted lifetime in seconds.
    Result<qint64> updateChannelLifetime(const QString &userId, const QString &channelId,
                                         std::optional<qint64> requestedLifetime);

    // Accepts the body POSTed to a callbackURL, or handed over in process, for the channel
    // that owns callbackId. body is either one notification ({"nmsEventList":{...}}) or a
    // notificationList, whose entries are queued one by one, in order, each in format.
    Result<void> deliver(const QString &callbackId, const QByteArray &body, BodyFormat format);

    // Whether callbackId belongs to a live channel.
    bool hasCallback(const QString &callbackId) const;

    // The channel behind a WebSocket channelURL, if it exists, belongs to userId and is a
    // WebSockets channel.
    std::optional<StoredChannel> webSocketChannel(const QString &userId,
                                                  const QString &channelId) const;

    // The channel behind a long-poll channelURL, if it exists, belongs to userId and is a
    // LongPolling channel; otherwise 404.
    Result<StoredChannel> longPollingChannel(const QString &userId,
                                             const QString &channelId) const;

    // Restarts the channel's lifetime and returns it in seconds. With lifetime set (an
    // offer that a connAck accepted) that value, clamped by policy, becomes the channel's
    // lifetime; otherwise the channel's current lifetime applies again.
    std::optional<qint64> refreshLifetime(const QString &channelId,
                                          std::optional<qint64> lifetime = std::nullopt);
    // The lifetime in seconds that a refresh of the channel would grant.
    std::optional<qint64> grantedLifetime(const QString &channelId) const;

    // The oldest queued notifications of the channel, at most maxNotifications, wrapped in
    // one notificationList. With a listFormat (a long poll's negotiated format) the list
    // has that format and notifications in the other one are converted. Without one (a
    // WebSocket frame) the list takes the format of the oldest notification and ends
    // where the format changes. std::nullopt when nothing is queued.
    // The number of queued notifications of the channel, at most maxNotifications: the size
    // of the list nextBatch() would build with a listFormat.
    qint64 queuedCount(const QString &channelId) const;
    std::optional<Batch> nextBatch(const QString &channelId,
                                   std::optional<BodyFormat> listFormat = std::nullopt) const;
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
    qint64 clampLifetime(std::optional<qint64> requested) const;
    Result<StoredChannel> ownedChannel(const QString &userId, const QString &channelId) const;

    ChannelRepository *m_repository;
    const UrlBuilder *m_urls;
    ChannelPolicy m_policy;
    QTimer m_expiryTimer;
};

} // namespace Marquee
