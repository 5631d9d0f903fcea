#pragma once

#include "bodyformat.h"

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Marquee {

// A notification channel as stored.
struct StoredChannel
{
    QString id;
    QString userId;
    QString callbackId;
    QString channelType;
    QString clientCorrelator;
    QString applicationTag;
    qint64 maxNotifications = 0;
    // LongPolling only, seconds.
    std::optional<qint64> maxWaitTime;
    // Granted lifetime in seconds.
    qint64 lifetime = 0;
    // Milliseconds since the Unix epoch.
    qint64 expiresAt = 0;
};

// A notification accepted for a channel and not yet delivered.
struct OutboxEntry
{
    qint64 id = 0;
    // One notification with its root element, in format.
    QByteArray payload;
    BodyFormat format = BodyFormat::Json;
};

// A notification to append to an outbox.
struct QueuedNotification
{
    QByteArray payload;
    BodyFormat format = BodyFormat::Json;
};

// SQL for channels and their outbox.
class ChannelRepository
{
public:
    explicit ChannelRepository(QSqlDatabase database);

    // Stores a new channel. A non-empty replacedChannelId is removed in the same
    // transaction, for a clientCorrelator whose earlier channel has expired.
    bool insert(const StoredChannel &channel, const QString &replacedChannelId = QString());
    std::optional<StoredChannel> find(const QString &channelId) const;
    std::optional<StoredChannel> findByCallbackId(const QString &callbackId) const;
    std::optional<StoredChannel> findByCorrelator(const QString &userId,
                                                  const QString &clientCorrelator) const;
    QList<StoredChannel> listForUser(const QString &userId) const;
    // Channels whose expiresAt is at or before nowMs.
    QList<StoredChannel> listExpired(qint64 nowMs) const;

    bool updateExpiry(const QString &channelId, qint64 lifetime, qint64 expiresAt);
    // Removes the channel and its outbox.
    bool remove(const QString &channelId);

    // Appends notifications to the channel's outbox in order, in one transaction.
    bool enqueue(const QString &channelId, const QList<QueuedNotification> &notifications);
    // The oldest limit entries of the channel's outbox.
    QList<OutboxEntry> pending(const QString &channelId, qint64 limit) const;
    // The number of entries in the channel's outbox, counting at most limit of them.
    qint64 pendingCount(const QString &channelId, qint64 limit) const;
    bool removeEntries(const QList<qint64> &entryIds);

private:
    std::optional<StoredChannel> findOne(const QString &whereClause,
                                         const QStringList &values) const;
    QList<StoredChannel> findAll(const QString &whereClause, const QVariantList &values) const;

    QSqlDatabase m_database;
};

} // namespace Marquee
