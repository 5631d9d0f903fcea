#pragma once

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QUrl>

#include <optional>

namespace Marquee {

// An NMS subscription as stored, with its delivery cursor.
struct StoredSubscription
{
    QString id;
    QString storeName;
    QString boxId;
    QUrl notifyURL;
    QString callbackData;
    QString notificationFormat;
    QString clientCorrelator;
    // Milliseconds since the Unix epoch.
    qint64 expiresAt = 0;
    // The box mod_seq delivered last.
    qint64 lastModSeq = 0;
    // The index of the next nmsEventList.
    qint64 nextIndex = 1;
    // The filter element as the service normalised it; empty for no filter.
    QJsonObject filter;
    // Whether a resetBox is owed before any further change.
    bool resetPending = false;
};

// SQL for subscriptions.
class SubscriptionRepository
{
public:
    explicit SubscriptionRepository(QSqlDatabase database);

    // Stores a new subscription. A non-empty replacedSubscriptionId is removed in the same
    // transaction, for a clientCorrelator whose earlier subscription has expired.
    bool insert(const StoredSubscription &subscription,
                const QString &replacedSubscriptionId = QString());
    std::optional<StoredSubscription> find(const QString &subscriptionId) const;
    std::optional<StoredSubscription> findByCorrelator(const QString &storeName,
                                                       const QString &boxId,
                                                       const QString &clientCorrelator) const;
    QList<StoredSubscription> listForBox(const QString &storeName, const QString &boxId) const;
    QList<StoredSubscription> listAll() const;
    // Ids of the subscriptions whose box has changed since their cursor or that owe a
    // resetBox.
    QStringList listBehindTheirBox() const;
    // Subscriptions whose expiresAt is at or before nowMs.
    QList<StoredSubscription> listExpired(qint64 nowMs) const;

    // Moves the delivery cursor after a notification was handed over, or after changes
    // that the filter skipped, and clears resetPending.
    bool advance(const QString &subscriptionId, qint64 lastModSeq, qint64 nextIndex);
    // Stores a new expiry and cursor for an nmsSubscriptionUpdate; nextIndex stays.
    bool update(const QString &subscriptionId, qint64 expiresAt, qint64 lastModSeq,
                bool resetPending);
    bool remove(const QString &subscriptionId);

private:
    QList<StoredSubscription> findAll(const QString &whereClause, const QStringList &values) const;

    QSqlDatabase m_database;
};

} // namespace Marquee
