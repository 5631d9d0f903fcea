#pragma once

#include "nmseventlist.h"
#include "nmssubscription.h"
#include "nmssubscriptionupdate.h"
#include "result.h"
#include "subscriptionfilter.h"
#include "storage/boxchange.h"
#include "storage/boxrepository.h"
#include "storage/subscriptionrepository.h"
#include "urlbuilder.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace Marquee {

class ChannelService;
class NotificationSender;

// Server policy for subscriptions.
struct SubscriptionPolicy
{
    // Seconds.
    qint64 defaultDuration = 86400;
    qint64 maxDuration = 30 * 86400;
    int maxEventsPerNotification = 100;
    // How often expired subscriptions are removed, in milliseconds.
    int expiryCheckInterval = 1000;
    // How often subscriptions are compared with their box, to deliver changes that
    // another process committed, in milliseconds.
    int changePollInterval = 1000;
    // Pause after a delivery failed every attempt, in milliseconds.
    int failedDeliveryRetryDelay = 30000;
};

// The rules of NMS subscriptions to boxes. Each subscription reads the box change log
// from its cursor (the last mod_seq delivered), so a live change, a replay from a
// restartToken and a retry after a failed delivery all take the same path. Deliveries
// to one subscription happen one at a time, in change order. Changes that the
// subscription's filter rejects move the cursor without a notification, so they use no
// index. A subscription whose cursor lies before the pruned part of the change log, or
// that presented a stale restartToken, gets one resetBox and continues from the box's
// current state.
class SubscriptionService : public QObject
{
    Q_OBJECT

public:
    struct Created
    {
        NmsSubscription subscription;
        // false when an existing subscription with the same clientCorrelator was returned.
        bool created = true;
    };

    SubscriptionService(SubscriptionRepository *subscriptions, BoxRepository *boxes,
                        ChannelService *channels, NotificationSender *sender,
                        const UrlBuilder *urls, QString databaseEpoch, SubscriptionPolicy policy,
                        QObject *parent = nullptr);

    Result<Created> createSubscription(const QString &storeName, const QString &boxId,
                                       const NmsSubscription &request);
    Result<NmsSubscription> subscription(const QString &storeName, const QString &boxId,
                                         const QString &subscriptionId) const;
    Result<QList<NmsSubscription>> subscriptions(const QString &storeName,
                                                 const QString &boxId) const;
    Result<void> deleteSubscription(const QString &storeName, const QString &boxId,
                                    const QString &subscriptionId);
    // Applies an nmsSubscriptionUpdate: a duration extends the life from now (0: the
    // default), and a restartToken restarts the notification stream from that point. The
    // index goes on from where it was.
    Result<NmsSubscription> updateSubscription(const QString &storeName, const QString &boxId,
                                               const QString &subscriptionId,
                                               const NmsSubscriptionUpdate &update);

    // Starts delivery of a new box change to every subscription of the box.
    void handleBoxChange(const Marquee::BoxChange &change);
    void removeExpiredSubscriptions();
    // Starts delivery for every subscription whose box has changes it has not received,
    // including changes committed by another process and deliveries that failed earlier.
    void deliverPendingChanges();

Q_SIGNALS:
    // Emitted after a subscription ended because its notifyURL rejected a notification.
    void subscriptionEnded(const QString &subscriptionId, const QString &reason);

private:
    Result<Box> boxOf(const QString &storeName, const QString &boxId) const;
    Result<StoredSubscription> ownedSubscription(const QString &storeName, const QString &boxId,
                                                 const QString &subscriptionId) const;
    NmsSubscription toResource(const StoredSubscription &stored) const;
    QString currentToken(qint64 modSeq) const;
    // The duration granted for a request: 0 or absent means the default, and the maximum
    // is policy. In seconds.
    qint64 grantedDuration(std::optional<qint64> requested) const;
    // The mod_seq to replay after for a restartToken, or std::nullopt when the token is
    // stale: from another database, beyond the box's sequence, or older than the
    // retained change log. Text that is no token of this server is 400.
    Result<std::optional<qint64>> replayPosition(const QString &token, const Box &box,
                                                 const QString &part) const;
    // Builds the next nmsEventList of a subscription from the change log. Sets *cursor to
    // the mod_seq the list reaches; the list is empty when the filter skipped every
    // pending change or none is pending.
    NmsEventList nextEventList(const StoredSubscription &stored, const Box &box,
                               qint64 *cursor) const;
    NmsEvent eventFor(const StoredSubscription &stored, const BoxChange &change) const;
    // Sends the next notification of the subscription if one is due and none is in flight.
    void deliverNext(const QString &subscriptionId);
    // Stops any delivery in flight for a subscription that ended, including its retries.
    void forget(const QString &subscriptionId);

    SubscriptionRepository *m_subscriptions;
    BoxRepository *m_boxes;
    ChannelService *m_channels;
    NotificationSender *m_sender;
    const UrlBuilder *m_urls;
    QString m_epoch;
    SubscriptionPolicy m_policy;
    QTimer m_expiryTimer;
    QTimer m_changePollTimer;
    // One object per delivery in flight, passed to the sender as its context: deleting it
    // cancels the delivery's remaining retries and its completion.
    QHash<QString, QObject *> m_inFlight;
    // Subscriptions whose last delivery failed, with the time (ms since the epoch) before
    // which the change poll leaves them alone.
    QHash<QString, qint64> m_retryNotBefore;
};

} // namespace Marquee
