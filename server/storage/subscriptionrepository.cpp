#include "subscriptionrepository.h"

#include "database.h"
#include "logging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace Marquee {

namespace {

const QString SelectColumns = QStringLiteral(
        "SELECT id, store, box_id, notify_url, callback_data, notification_format, "
        "client_correlator, expires_at, last_mod_seq, next_index, filter, reset_pending "
        "FROM subscriptions ");

StoredSubscription subscriptionFromRow(const QSqlQuery &query)
{
    StoredSubscription subscription;
    subscription.id = query.value(0).toString();
    subscription.storeName = query.value(1).toString();
    subscription.boxId = query.value(2).toString();
    subscription.notifyURL = QUrl::fromEncoded(query.value(3).toByteArray(), QUrl::StrictMode);
    subscription.callbackData = query.value(4).toString();
    subscription.notificationFormat = query.value(5).toString();
    subscription.clientCorrelator = query.value(6).toString();
    subscription.expiresAt = query.value(7).toLongLong();
    subscription.lastModSeq = query.value(8).toLongLong();
    subscription.nextIndex = query.value(9).toLongLong();
    subscription.filter = QJsonDocument::fromJson(query.value(10).toByteArray()).object();
    subscription.resetPending = query.value(11).toBool();
    return subscription;
}

QVariant nullIfEmpty(const QString &value)
{
    return value.isEmpty() ? QVariant() : QVariant(value);
}

} // namespace

SubscriptionRepository::SubscriptionRepository(QSqlDatabase database)
    : m_database(std::move(database))
{
}

bool SubscriptionRepository::insert(const StoredSubscription &subscription,
                                    const QString &replacedSubscriptionId)
{
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return false;

    QSqlQuery query(m_database);
    if (!replacedSubscriptionId.isEmpty()) {
        query.prepare(QStringLiteral("DELETE FROM subscriptions WHERE id = ?"));
        query.addBindValue(replacedSubscriptionId);
        if (!query.exec()) {
            qCWarning(lcDatabase) << "Cannot replace subscription" << replacedSubscriptionId
                                  << query.lastError().text();
            return false;
        }
    }

    query.prepare(QStringLiteral(
            "INSERT INTO subscriptions (id, store, box_id, notify_url, callback_data, "
            "notification_format, client_correlator, expires_at, last_mod_seq, next_index, "
            "created_at, filter, reset_pending) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(subscription.id);
    query.addBindValue(subscription.storeName);
    query.addBindValue(subscription.boxId);
    query.addBindValue(QString::fromUtf8(subscription.notifyURL.toEncoded()));
    query.addBindValue(nullIfEmpty(subscription.callbackData));
    query.addBindValue(subscription.notificationFormat);
    query.addBindValue(nullIfEmpty(subscription.clientCorrelator));
    query.addBindValue(subscription.expiresAt);
    query.addBindValue(subscription.lastModSeq);
    query.addBindValue(subscription.nextIndex);
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    query.addBindValue(subscription.filter.isEmpty()
                               ? QVariant()
                               : QVariant(QString::fromUtf8(QJsonDocument(subscription.filter)
                                                                    .toJson(QJsonDocument::Compact))));
    query.addBindValue(subscription.resetPending ? 1 : 0);
    if (query.exec())
        return transaction.commit();

    qCWarning(lcDatabase) << "Cannot store subscription" << subscription.id
                          << query.lastError().text();
    return false;
}

QList<StoredSubscription> SubscriptionRepository::findAll(const QString &whereClause,
                                                          const QStringList &values) const
{
    QSqlQuery query(m_database);
    query.prepare(SelectColumns + whereClause);
    for (const QString &value : values)
        query.addBindValue(value);

    QList<StoredSubscription> subscriptions;
    if (!query.exec()) {
        qCWarning(lcDatabase) << "Cannot read subscriptions:" << query.lastError().text();
        return subscriptions;
    }
    while (query.next())
        subscriptions.append(subscriptionFromRow(query));
    return subscriptions;
}

std::optional<StoredSubscription> SubscriptionRepository::find(const QString &subscriptionId) const
{
    const QList<StoredSubscription> found = findAll(QStringLiteral("WHERE id = ?"), {subscriptionId});
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

std::optional<StoredSubscription> SubscriptionRepository::findByCorrelator(
        const QString &storeName, const QString &boxId, const QString &clientCorrelator) const
{
    const QList<StoredSubscription> found =
            findAll(QStringLiteral("WHERE store = ? AND box_id = ? AND client_correlator = ?"),
                    {storeName, boxId, clientCorrelator});
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

QList<StoredSubscription> SubscriptionRepository::listForBox(const QString &storeName,
                                                             const QString &boxId) const
{
    return findAll(QStringLiteral("WHERE store = ? AND box_id = ? ORDER BY created_at, id"),
                   {storeName, boxId});
}

QList<StoredSubscription> SubscriptionRepository::listAll() const
{
    return findAll(QStringLiteral("ORDER BY created_at, id"), {});
}

QStringList SubscriptionRepository::listBehindTheirBox() const
{
    QSqlQuery query(m_database);
    QStringList ids;
    if (!query.exec(QStringLiteral("SELECT s.id FROM subscriptions s JOIN boxes b ON b.id = s.box_id "
                                   "WHERE b.mod_seq > s.last_mod_seq OR s.reset_pending = 1 "
                                   "ORDER BY s.created_at, s.id"))) {
        qCWarning(lcDatabase) << "Cannot compare subscriptions with their boxes:"
                              << query.lastError().text();
        return ids;
    }
    while (query.next())
        ids.append(query.value(0).toString());
    return ids;
}

QList<StoredSubscription> SubscriptionRepository::listExpired(qint64 nowMs) const
{
    return findAll(QStringLiteral("WHERE expires_at <= CAST(? AS INTEGER)"),
                   {QString::number(nowMs)});
}

bool SubscriptionRepository::advance(const QString &subscriptionId, qint64 lastModSeq,
                                     qint64 nextIndex)
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("UPDATE subscriptions SET last_mod_seq = ?, next_index = ?, "
                                 "reset_pending = 0 WHERE id = ?"));
    query.addBindValue(lastModSeq);
    query.addBindValue(nextIndex);
    query.addBindValue(subscriptionId);
    if (query.exec())
        return true;

    qCWarning(lcDatabase) << "Cannot advance subscription" << subscriptionId
                          << query.lastError().text();
    return false;
}

bool SubscriptionRepository::update(const QString &subscriptionId, qint64 expiresAt,
                                    qint64 lastModSeq, bool resetPending)
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("UPDATE subscriptions SET expires_at = ?, last_mod_seq = ?, "
                                 "reset_pending = ? WHERE id = ?"));
    query.addBindValue(expiresAt);
    query.addBindValue(lastModSeq);
    query.addBindValue(resetPending ? 1 : 0);
    query.addBindValue(subscriptionId);
    if (query.exec() && query.numRowsAffected() == 1)
        return true;

    qCWarning(lcDatabase) << "Cannot update subscription" << subscriptionId
                          << query.lastError().text();
    return false;
}

bool SubscriptionRepository::remove(const QString &subscriptionId)
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("DELETE FROM subscriptions WHERE id = ?"));
    query.addBindValue(subscriptionId);
    if (query.exec())
        return query.numRowsAffected() == 1;

    qCWarning(lcDatabase) << "Cannot delete subscription" << subscriptionId
                          << query.lastError().text();
    return false;
}

} // namespace Marquee
