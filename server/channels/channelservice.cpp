#include "channelservice.h"

#include "expirytime.h"
#include "jsonvalues.h"
#include "logging.h"
#include "notificationlist.h"
#include "randomid.h"

#include <algorithm>

namespace Marquee {

using ExpiryTime::nowMs;
using ExpiryTime::remainingSeconds;

namespace {

Result<void> validateUserId(const QString &userId)
{
    if (userId.isEmpty())
        return RequestError::missingValue(QStringLiteral("userId"));
    if (userId.size() > ChannelService::MaxUserIdLength) {
        return RequestError::invalidValue(QStringLiteral("userId"),
                                          userId.left(40) + QStringLiteral("..."),
                                          QStringLiteral("longer than %1 characters")
                                                  .arg(ChannelService::MaxUserIdLength));
    }
    return {};
}

} // namespace

const QString ChannelService::WebSocketsType = QStringLiteral("WebSockets");
const QString ChannelService::LongPollingType = QStringLiteral("LongPolling");

ChannelService::ChannelService(ChannelRepository *repository, const UrlBuilder *urls,
                               ChannelPolicy policy, QObject *parent)
    : QObject(parent), m_repository(repository), m_urls(urls), m_policy(policy)
{
    m_expiryTimer.setInterval(m_policy.expiryCheckInterval);
    connect(&m_expiryTimer, &QTimer::timeout, this, &ChannelService::removeExpiredChannels);
    m_expiryTimer.start();
}

QStringList ChannelService::supportedChannelTypes()
{
    return {WebSocketsType, LongPollingType};
}

NotificationChannel ChannelService::toResource(const StoredChannel &stored) const
{
    NotificationChannel channel;
    channel.channelType = stored.channelType;
    channel.clientCorrelator = stored.clientCorrelator;
    channel.applicationTag = stored.applicationTag;
    channel.maxNotifications = stored.maxNotifications;
    channel.maxWaitTime = stored.maxWaitTime;
    channel.channelLifetime = remainingSeconds(stored.expiresAt);
    channel.channelURL = stored.channelType == LongPollingType
            ? m_urls->longPollingChannelURL(stored.userId, stored.id)
            : m_urls->webSocketChannelURL(stored.userId, stored.id);
    channel.callbackURL = m_urls->callbackURL(stored.callbackId);
    channel.resourceURL = m_urls->channelURL(stored.userId, stored.id);
    return channel;
}

Result<ChannelService::Created> ChannelService::createChannel(const QString &userId,
                                                              const NotificationChannel &request)
{
    if (const Result<void> valid = validateUserId(userId); !valid)
        return valid.error();

    if (!supportedChannelTypes().contains(request.channelType))
        return RequestError::unsupportedChannelType(request.channelType, supportedChannelTypes());

    // A repeated create with the same clientCorrelator is a client retry: return the
    // channel created the first time. An expired one is replaced.
    QString replacedChannelId;
    if (!request.clientCorrelator.isEmpty()) {
        const std::optional<StoredChannel> existing =
                m_repository->findByCorrelator(userId, request.clientCorrelator);
        if (existing && existing->expiresAt > nowMs())
            return Created{toResource(*existing), false};
        if (existing)
            replacedChannelId = existing->id;
    }

    StoredChannel stored;
    stored.id = createRandomId();
    stored.userId = userId;
    stored.callbackId = createRandomId();
    stored.channelType = request.channelType;
    stored.clientCorrelator = request.clientCorrelator;
    stored.applicationTag = request.applicationTag;

    stored.lifetime = clampLifetime(request.channelLifetime);
    stored.expiresAt = nowMs() + stored.lifetime * 1000;
    stored.maxNotifications = std::min(request.maxNotifications.value_or(
                                               m_policy.defaultMaxNotifications),
                                       m_policy.maxMaxNotifications);
    if (stored.channelType == LongPollingType) {
        stored.maxWaitTime = std::min(request.maxWaitTime.value_or(m_policy.defaultMaxWaitTime),
                                      m_policy.maxMaxWaitTime);
    }

    if (!m_repository->insert(stored, replacedChannelId))
        return RequestError::internalError(QStringLiteral("the channel could not be stored"));

    // The replaced channel expired before the expiry timer removed it: close its socket and
    // end its parked poll with 404 now, as the timer would have.
    if (!replacedChannelId.isEmpty())
        Q_EMIT channelRemoved(replacedChannelId, QStringLiteral("The channel lifetime expired"));

    qCInfo(lcChannels) << "Created" << stored.channelType << "channel" << stored.id << "for user"
                       << userId << "with lifetime" << stored.lifetime << "s";

    NotificationChannel channel = toResource(stored);
    // The granted lifetime, not the time remaining after the insert.
    channel.channelLifetime = stored.lifetime;
    return Created{channel, true};
}

qint64 ChannelService::clampLifetime(std::optional<qint64> requested) const
{
    const qint64 lifetime = requested.value_or(0);
    return lifetime > 0 ? std::min(lifetime, m_policy.maxLifetime) : m_policy.defaultLifetime;
}

Result<StoredChannel> ChannelService::ownedChannel(const QString &userId,
                                                   const QString &channelId) const
{
    const std::optional<StoredChannel> stored = m_repository->find(channelId);
    if (!stored || stored->userId != userId || stored->expiresAt <= nowMs())
        return RequestError::notFound(QStringLiteral("channel"), channelId);
    return *stored;
}

Result<NotificationChannel> ChannelService::channel(const QString &userId,
                                                    const QString &channelId) const
{
    const Result<StoredChannel> stored = ownedChannel(userId, channelId);
    if (!stored)
        return stored.error();
    return toResource(stored.value());
}

Result<QList<NotificationChannel>> ChannelService::channels(const QString &userId) const
{
    if (const Result<void> valid = validateUserId(userId); !valid)
        return valid.error();

    QList<NotificationChannel> result;
    const qint64 now = nowMs();
    for (const StoredChannel &stored : m_repository->listForUser(userId)) {
        if (stored.expiresAt > now)
            result.append(toResource(stored));
    }

    // Users are not registered anywhere, so a user is known while they hold a channel.
    if (result.isEmpty())
        return RequestError::notFound(QStringLiteral("user"), userId);
    return result;
}

Result<void> ChannelService::deleteChannel(const QString &userId, const QString &channelId)
{
    const Result<StoredChannel> stored = ownedChannel(userId, channelId);
    if (!stored)
        return stored.error();

    if (!m_repository->remove(channelId))
        return RequestError::internalError(QStringLiteral("the channel could not be deleted"));

    qCInfo(lcChannels) << "Deleted channel" << channelId << "of user" << userId;
    Q_EMIT channelRemoved(channelId, QStringLiteral("The channel was deleted"));
    return {};
}

Result<qint64> ChannelService::channelLifetime(const QString &userId,
                                              const QString &channelId) const
{
    const Result<StoredChannel> stored = ownedChannel(userId, channelId);
    if (!stored)
        return stored.error();
    return remainingSeconds(stored->expiresAt);
}

Result<qint64> ChannelService::updateChannelLifetime(const QString &userId,
                                                     const QString &channelId,
                                                     std::optional<qint64> requestedLifetime)
{
    const Result<StoredChannel> stored = ownedChannel(userId, channelId);
    if (!stored)
        return stored.error();

    const qint64 granted = clampLifetime(requestedLifetime);
    if (!m_repository->updateExpiry(channelId, granted, nowMs() + granted * 1000))
        return RequestError::internalError(QStringLiteral("the channel lifetime could not be "
                                                          "stored"));

    qCInfo(lcChannels) << "Channel" << channelId << "refreshed with lifetime" << granted << "s";
    return granted;
}

Result<void> ChannelService::deliver(const QString &callbackId, const QByteArray &body,
                                     BodyFormat format)
{
    const std::optional<StoredChannel> stored = m_repository->findByCallbackId(callbackId);
    if (!stored || stored->expiresAt <= nowMs())
        return RequestError::notFound(QStringLiteral("callback"), callbackId);

    const Result<QList<EncodedNotification>> split = NotificationList::split(body, format);
    if (!split)
        return split.error();
    QList<QueuedNotification> notifications;
    for (const EncodedNotification &notification : split.value())
        notifications.append({notification.body, notification.format});

    // NOTE: the outbox has no per-channel bound yet, so a channel that never connects
    // keeps every notification until it expires.
    if (!m_repository->enqueue(stored->id, notifications))
        return RequestError::internalError(QStringLiteral("the notification could not be queued"));

    qCDebug(lcChannels) << "Queued" << notifications.size() << bodyFormatName(format)
                        << "notification(s) for channel" << stored->id;
    Q_EMIT notificationsQueued(stored->id);
    return {};
}

bool ChannelService::hasCallback(const QString &callbackId) const
{
    const std::optional<StoredChannel> stored = m_repository->findByCallbackId(callbackId);
    return stored && stored->expiresAt > nowMs();
}

std::optional<StoredChannel> ChannelService::webSocketChannel(const QString &userId,
                                                              const QString &channelId) const
{
    const Result<StoredChannel> stored = ownedChannel(userId, channelId);
    if (!stored || stored->channelType != WebSocketsType)
        return std::nullopt;
    return stored.value();
}

Result<StoredChannel> ChannelService::longPollingChannel(const QString &userId,
                                                       const QString &channelId) const
{
    const Result<StoredChannel> stored = ownedChannel(userId, channelId);
    if (!stored)
        return stored.error();
    if (stored->channelType != LongPollingType)
        return RequestError::notFound(QStringLiteral("LongPolling channel"), channelId);
    return stored;
}

std::optional<qint64> ChannelService::grantedLifetime(const QString &channelId) const
{
    const std::optional<StoredChannel> stored = m_repository->find(channelId);
    if (!stored || stored->expiresAt <= nowMs())
        return std::nullopt;
    return stored->lifetime;
}

std::optional<qint64> ChannelService::refreshLifetime(const QString &channelId,
                                                      std::optional<qint64> lifetime)
{
    const std::optional<StoredChannel> stored = m_repository->find(channelId);
    if (!stored || stored->expiresAt <= nowMs())
        return std::nullopt;

    const qint64 granted = lifetime ? clampLifetime(lifetime) : stored->lifetime;
    if (!m_repository->updateExpiry(channelId, granted, nowMs() + granted * 1000))
        return std::nullopt;
    return granted;
}

qint64 ChannelService::queuedCount(const QString &channelId) const
{
    const std::optional<StoredChannel> stored = m_repository->find(channelId);
    if (!stored)
        return 0;
    return m_repository->pendingCount(channelId, stored->maxNotifications);
}

std::optional<ChannelService::Batch>
ChannelService::nextBatch(const QString &channelId, std::optional<BodyFormat> listFormat) const
{
    const std::optional<StoredChannel> stored = m_repository->find(channelId);
    if (!stored)
        return std::nullopt;

    const QList<OutboxEntry> entries = m_repository->pending(channelId, stored->maxNotifications);
    if (entries.isEmpty())
        return std::nullopt;

    // Without a requested format a list has the format of its notifications, so it ends
    // where their format changes. The rest go out in the next list, in order.
    Batch batch;
    batch.format = listFormat.value_or(entries.first().format);
    QList<EncodedNotification> notifications;
    for (const OutboxEntry &entry : entries) {
        if (!listFormat && entry.format != batch.format)
            break;
        notifications.append({entry.format, entry.payload});
        batch.entryIds.append(entry.id);
    }
    batch.frame = NotificationList::encode(notifications, batch.format);
    return batch;
}

bool ChannelService::acknowledge(const Batch &batch)
{
    return m_repository->removeEntries(batch.entryIds);
}

void ChannelService::removeExpiredChannels()
{
    for (const StoredChannel &stored : m_repository->listExpired(nowMs())) {
        if (!m_repository->remove(stored.id))
            continue;
        qCInfo(lcChannels) << "Channel" << stored.id << "of user" << stored.userId
                           << "expired and was removed";
        Q_EMIT channelRemoved(stored.id, QStringLiteral("The channel lifetime expired"));
    }
}

} // namespace Marquee
