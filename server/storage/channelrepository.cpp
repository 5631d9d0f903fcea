#include "channelrepository.h"

#include "database.h"
#include "logging.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace Marquee {

namespace {

const QString SelectColumns = QStringLiteral(
        "SELECT id, user_id, callback_id, channel_type, client_correlator, application_tag, "
        "max_notifications, lifetime, expires_at, max_wait_time FROM channels ");

StoredChannel channelFromRow(const QSqlQuery &query)
{
    StoredChannel channel;
    channel.id = query.value(0).toString();
    channel.userId = query.value(1).toString();
    channel.callbackId = query.value(2).toString();
    channel.channelType = query.value(3).toString();
    channel.clientCorrelator = query.value(4).toString();
    channel.applicationTag = query.value(5).toString();
    channel.maxNotifications = query.value(6).toLongLong();
    channel.lifetime = query.value(7).toLongLong();
    channel.expiresAt = query.value(8).toLongLong();
    if (!query.value(9).isNull())
        channel.maxWaitTime = query.value(9).toLongLong();
    return channel;
}

QVariant nullIfEmpty(const QString &value)
{
    return value.isEmpty() ? QVariant() : QVariant(value);
}

} // namespace

ChannelRepository::ChannelRepository(QSqlDatabase database) : m_database(std::move(database)) { }

bool ChannelRepository::insert(const StoredChannel &channel, const QString &replacedChannelId)
{
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return false;

    QSqlQuery query(m_database);
    if (!replacedChannelId.isEmpty()) {
        query.prepare(QStringLiteral("DELETE FROM channels WHERE id = ?"));
        query.addBindValue(replacedChannelId);
        if (!query.exec()) {
            qCWarning(lcDatabase) << "Cannot replace channel" << replacedChannelId
                                  << query.lastError().text();
            return false;
        }
    }

    query.prepare(QStringLiteral(
            "INSERT INTO channels (id, user_id, callback_id, channel_type, client_correlator, "
            "application_tag, max_notifications, lifetime, expires_at, created_at, "
            "max_wait_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(channel.id);
    query.addBindValue(channel.userId);
    query.addBindValue(channel.callbackId);
    query.addBindValue(channel.channelType);
    query.addBindValue(nullIfEmpty(channel.clientCorrelator));
    query.addBindValue(nullIfEmpty(channel.applicationTag));
    query.addBindValue(channel.maxNotifications);
    query.addBindValue(channel.lifetime);
    query.addBindValue(channel.expiresAt);
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    query.addBindValue(channel.maxWaitTime ? QVariant(*channel.maxWaitTime) : QVariant());
    if (query.exec())
        return transaction.commit();

    qCWarning(lcDatabase) << "Cannot store channel" << channel.id << query.lastError().text();
    return false;
}

std::optional<StoredChannel> ChannelRepository::findOne(const QString &whereClause,
                                                        const QStringList &values) const
{
    QVariantList bindValues;
    for (const QString &value : values)
        bindValues.append(value);
    const QList<StoredChannel> channels = findAll(whereClause, bindValues);
    if (channels.isEmpty())
        return std::nullopt;
    return channels.first();
}

QList<StoredChannel> ChannelRepository::findAll(const QString &whereClause,
                                                const QVariantList &values) const
{
    QSqlQuery query(m_database);
    query.prepare(SelectColumns + whereClause);
    for (const QVariant &value : values)
        query.addBindValue(value);

    QList<StoredChannel> channels;
    if (!query.exec()) {
        qCWarning(lcDatabase) << "Cannot read channels:" << query.lastError().text();
        return channels;
    }
    while (query.next())
        channels.append(channelFromRow(query));
    return channels;
}

std::optional<StoredChannel> ChannelRepository::find(const QString &channelId) const
{
    return findOne(QStringLiteral("WHERE id = ?"), {channelId});
}

std::optional<StoredChannel> ChannelRepository::findByCallbackId(const QString &callbackId) const
{
    return findOne(QStringLiteral("WHERE callback_id = ?"), {callbackId});
}

std::optional<StoredChannel> ChannelRepository::findByCorrelator(
        const QString &userId, const QString &clientCorrelator) const
{
    return findOne(QStringLiteral("WHERE user_id = ? AND client_correlator = ?"),
                   {userId, clientCorrelator});
}

QList<StoredChannel> ChannelRepository::listForUser(const QString &userId) const
{
    return findAll(QStringLiteral("WHERE user_id = ? ORDER BY created_at, id"), {userId});
}

QList<StoredChannel> ChannelRepository::listExpired(qint64 nowMs) const
{
    return findAll(QStringLiteral("WHERE expires_at <= ?"), {nowMs});
}

bool ChannelRepository::updateExpiry(const QString &channelId, qint64 lifetime, qint64 expiresAt)
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("UPDATE channels SET lifetime = ?, expires_at = ? WHERE id = ?"));
    query.addBindValue(lifetime);
    query.addBindValue(expiresAt);
    query.addBindValue(channelId);
    if (query.exec())
        return query.numRowsAffected() == 1;

    qCWarning(lcDatabase) << "Cannot refresh channel" << channelId << query.lastError().text();
    return false;
}

bool ChannelRepository::remove(const QString &channelId)
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("DELETE FROM channels WHERE id = ?"));
    query.addBindValue(channelId);
    if (query.exec())
        return query.numRowsAffected() == 1;

    qCWarning(lcDatabase) << "Cannot delete channel" << channelId << query.lastError().text();
    return false;
}

bool ChannelRepository::enqueue(const QString &channelId,
                                const QList<QueuedNotification> &notifications)
{
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return false;

    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("INSERT INTO channel_outbox (channel_id, payload, format, "
                                 "queued_at) VALUES (?, ?, ?, ?)"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const QueuedNotification &notification : notifications) {
        query.addBindValue(channelId);
        query.addBindValue(QString::fromUtf8(notification.payload));
        query.addBindValue(bodyFormatName(notification.format));
        query.addBindValue(now);
        if (!query.exec()) {
            qCWarning(lcDatabase) << "Cannot queue a notification for channel" << channelId
                                  << query.lastError().text();
            return false;
        }
    }
    return transaction.commit();
}

QList<OutboxEntry> ChannelRepository::pending(const QString &channelId, qint64 limit) const
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("SELECT id, payload, format FROM channel_outbox "
                                 "WHERE channel_id = ? ORDER BY id LIMIT ?"));
    query.addBindValue(channelId);
    query.addBindValue(limit);

    QList<OutboxEntry> entries;
    if (!query.exec()) {
        qCWarning(lcDatabase) << "Cannot read the outbox of channel" << channelId
                              << query.lastError().text();
        return entries;
    }
    while (query.next()) {
        // The CHECK constraint admits only known names.
        const BodyFormat format = bodyFormatFromName(query.value(2).toString())
                                          .value_or(BodyFormat::Json);
        entries.append(OutboxEntry{query.value(0).toLongLong(), query.value(1).toByteArray(),
                                   format});
    }
    return entries;
}

qint64 ChannelRepository::pendingCount(const QString &channelId, qint64 limit) const
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM channel_outbox "
                                 "WHERE channel_id = ? LIMIT ?)"));
    query.addBindValue(channelId);
    query.addBindValue(limit);
    if (!query.exec() || !query.next()) {
        qCWarning(lcDatabase) << "Cannot count the outbox of channel" << channelId
                              << query.lastError().text();
        return 0;
    }
    return query.value(0).toLongLong();
}

bool ChannelRepository::removeEntries(const QList<qint64> &entryIds)
{
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return false;

    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("DELETE FROM channel_outbox WHERE id = ?"));
    for (qint64 id : entryIds) {
        query.addBindValue(id);
        if (!query.exec()) {
            qCWarning(lcDatabase) << "Cannot remove outbox entry" << id << query.lastError().text();
            return false;
        }
    }
    return transaction.commit();
}

} // namespace Marquee
