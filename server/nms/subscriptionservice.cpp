#include "subscriptionservice.h"

#include "channels/channelservice.h"
#include "expirytime.h"
#include "logging.h"
#include "nmseventlist.h"
#include "notificationsender.h"
#include "randomid.h"
#include "restarttoken.h"

#include <algorithm>

namespace Marquee {

using ExpiryTime::nowMs;
using ExpiryTime::remainingSeconds;

SubscriptionService::SubscriptionService(SubscriptionRepository *subscriptions,
                                         BoxRepository *boxes, ChannelService *channels,
                                         NotificationSender *sender, const UrlBuilder *urls,
                                         QString databaseEpoch, SubscriptionPolicy policy,
                                         QObject *parent)
    : QObject(parent),
      m_subscriptions(subscriptions),
      m_boxes(boxes),
      m_channels(channels),
      m_sender(sender),
      m_urls(urls),
      m_epoch(std::move(databaseEpoch)),
      m_policy(policy)
{
    m_expiryTimer.setInterval(m_policy.expiryCheckInterval);
    connect(&m_expiryTimer, &QTimer::timeout, this,
            &SubscriptionService::removeExpiredSubscriptions);
    m_expiryTimer.start();

    // The poll also delivers changes committed while the server was down, on its first run.
    m_changePollTimer.setInterval(m_policy.changePollInterval);
    connect(&m_changePollTimer, &QTimer::timeout, this,
            &SubscriptionService::deliverPendingChanges);
    m_changePollTimer.start();
    QMetaObject::invokeMethod(this, &SubscriptionService::deliverPendingChanges,
                              Qt::QueuedConnection);
}

void SubscriptionService::deliverPendingChanges()
{
    const QStringList due = m_subscriptions->listBehindTheirBox();
    const qint64 now = nowMs();
    for (const QString &subscriptionId : std::as_const(due)) {
        if (m_retryNotBefore.value(subscriptionId, 0) <= now)
            deliverNext(subscriptionId);
    }
}

QString SubscriptionService::currentToken(qint64 modSeq) const
{
    return RestartToken{m_epoch, modSeq}.toString();
}

Result<Box> SubscriptionService::boxOf(const QString &storeName, const QString &boxId) const
{
    const std::optional<Box> box = m_boxes->find(boxId);
    if (!box)
        return RequestError::notFound(QStringLiteral("box"), boxId);
    if (box->storeName != storeName)
        return RequestError::notFound(QStringLiteral("store"), storeName);
    return *box;
}

Result<StoredSubscription> SubscriptionService::ownedSubscription(
        const QString &storeName, const QString &boxId, const QString &subscriptionId) const
{
    const std::optional<StoredSubscription> stored = m_subscriptions->find(subscriptionId);
    if (!stored || stored->storeName != storeName || stored->boxId != boxId
        || stored->expiresAt <= nowMs()) {
        return RequestError::notFound(QStringLiteral("subscription"), subscriptionId);
    }
    return *stored;
}

qint64 SubscriptionService::grantedDuration(std::optional<qint64> requested) const
{
    const qint64 seconds = requested.value_or(0);
    return seconds > 0 ? std::min(seconds, m_policy.maxDuration) : m_policy.defaultDuration;
}

Result<std::optional<qint64>> SubscriptionService::replayPosition(const QString &token,
                                                                  const Box &box,
                                                                  const QString &part) const
{
    const std::optional<RestartToken> parsed = RestartToken::parse(token);
    if (!parsed) {
        return RequestError::invalidValue(part, token,
                                          QStringLiteral("not a restartToken issued by this "
                                                         "server"));
    }
    if (parsed->epoch != m_epoch || parsed->modSeq > box.modSeq
        || parsed->modSeq < box.prunedModSeq) {
        qCInfo(lcNms) << "restartToken" << token << "of box" << box.id
                      << "is stale; the subscription gets a resetBox";
        return std::optional<qint64>();
    }
    return std::optional<qint64>(parsed->modSeq);
}

NmsSubscription SubscriptionService::toResource(const StoredSubscription &stored) const
{
    NmsSubscription subscription;
    subscription.callbackReference.notifyURL = stored.notifyURL;
    subscription.callbackReference.callbackData = stored.callbackData;
    subscription.callbackReference.notificationFormat = stored.notificationFormat;
    subscription.duration = remainingSeconds(stored.expiresAt);
    subscription.clientCorrelator = stored.clientCorrelator;
    subscription.restartToken = currentToken(stored.lastModSeq);
    subscription.index = stored.nextIndex;
    subscription.resourceURL = m_urls->subscriptionURL(stored.storeName, stored.boxId, stored.id);
    if (!stored.filter.isEmpty())
        subscription.filter = stored.filter;
    return subscription;
}

Result<SubscriptionService::Created> SubscriptionService::createSubscription(
        const QString &storeName, const QString &boxId, const NmsSubscription &request)
{
    const Result<Box> box = boxOf(storeName, boxId);
    if (!box)
        return box.error();

    SubscriptionFilter filter;
    if (request.filter) {
        Result<SubscriptionFilter> parsed = SubscriptionFilter::fromJson(
                *request.filter, QStringLiteral("nmsSubscription.filter"));
        if (!parsed)
            return parsed.error();
        filter = parsed.value();
    }

    const QUrl &notifyURL = request.callbackReference.notifyURL;
    if (const auto callbackId = m_urls->callbackIdOf(notifyURL);
        callbackId && !m_channels->hasCallback(*callbackId)) {
        return RequestError::invalidValue(
                QStringLiteral("nmsSubscription.callbackReference.notifyURL"),
                QString::fromUtf8(notifyURL.toEncoded()),
                QStringLiteral("no notification channel has this callbackURL"));
    }

    // A repeated create with the same clientCorrelator is a client retry. An expired
    // subscription with that clientCorrelator is replaced.
    QString replacedSubscriptionId;
    if (!request.clientCorrelator.isEmpty()) {
        const std::optional<StoredSubscription> existing =
                m_subscriptions->findByCorrelator(storeName, boxId, request.clientCorrelator);
        if (existing && existing->expiresAt > nowMs())
            return Created{toResource(*existing), false};
        if (existing)
            replacedSubscriptionId = existing->id;
    }

    StoredSubscription stored;
    stored.id = createRandomId();
    stored.storeName = storeName;
    stored.boxId = boxId;
    stored.notifyURL = notifyURL;
    stored.callbackData = request.callbackReference.callbackData;
    // Without a notificationFormat the server sends JSON, and its responses state that.
    stored.notificationFormat = request.callbackReference.notificationFormat.isEmpty()
            ? QStringLiteral("JSON")
            : request.callbackReference.notificationFormat;
    stored.clientCorrelator = request.clientCorrelator;
    stored.nextIndex = 1;
    stored.lastModSeq = box->modSeq;

    if (request.filter)
        stored.filter = filter.toJson();

    const qint64 duration = grantedDuration(request.duration);
    stored.expiresAt = nowMs() + duration * 1000;

    // With a restartToken the cursor moves back to it, so every later change is replayed.
    if (!request.restartToken.isEmpty()) {
        const Result<std::optional<qint64>> position = replayPosition(
                request.restartToken, box.value(), QStringLiteral("nmsSubscription.restartToken"));
        if (!position)
            return position.error();
        if (position.value())
            stored.lastModSeq = *position.value();
        else
            stored.resetPending = true;
    }

    if (!m_subscriptions->insert(stored, replacedSubscriptionId))
        return RequestError::internalError(QStringLiteral("the subscription could not be stored"));
    if (!replacedSubscriptionId.isEmpty())
        forget(replacedSubscriptionId);

    qCInfo(lcNms) << "Created subscription" << stored.id << "to box" << boxId << "for"
                  << notifyURL.toDisplayString() << "with duration" << duration << "s"
                  << (stored.filter.isEmpty() ? "and no filter" : "and a filter");

    NmsSubscription created = toResource(stored);
    created.duration = duration;
    if (!request.restartToken.isEmpty())
        created.restartToken = request.restartToken;

    // Deliver after the response is on its way, so the client knows the subscription
    // before its first notification arrives.
    QMetaObject::invokeMethod(this, [this, id = stored.id] { deliverNext(id); },
                              Qt::QueuedConnection);
    return Created{created, true};
}

Result<NmsSubscription> SubscriptionService::subscription(const QString &storeName,
                                                          const QString &boxId,
                                                          const QString &subscriptionId) const
{
    const Result<StoredSubscription> stored = ownedSubscription(storeName, boxId, subscriptionId);
    if (!stored)
        return stored.error();
    return toResource(stored.value());
}

Result<QList<NmsSubscription>> SubscriptionService::subscriptions(const QString &storeName,
                                                                  const QString &boxId) const
{
    const Result<Box> box = boxOf(storeName, boxId);
    if (!box)
        return box.error();

    QList<NmsSubscription> result;
    const qint64 now = nowMs();
    for (const StoredSubscription &stored : m_subscriptions->listForBox(storeName, boxId)) {
        if (stored.expiresAt > now)
            result.append(toResource(stored));
    }
    return result;
}

Result<void> SubscriptionService::deleteSubscription(const QString &storeName,
                                                     const QString &boxId,
                                                     const QString &subscriptionId)
{
    const Result<StoredSubscription> stored = ownedSubscription(storeName, boxId, subscriptionId);
    if (!stored)
        return stored.error();

    if (!m_subscriptions->remove(subscriptionId))
        return RequestError::internalError(QStringLiteral("the subscription could not be deleted"));

    forget(subscriptionId);
    qCInfo(lcNms) << "Deleted subscription" << subscriptionId << "to box" << boxId;
    return {};
}

Result<NmsSubscription> SubscriptionService::updateSubscription(
        const QString &storeName, const QString &boxId, const QString &subscriptionId,
        const NmsSubscriptionUpdate &update)
{
    const Result<Box> box = boxOf(storeName, boxId);
    if (!box)
        return box.error();
    Result<StoredSubscription> stored = ownedSubscription(storeName, boxId, subscriptionId);
    if (!stored)
        return stored.error();

    // Without a duration the subscription keeps its expiry.
    if (update.duration)
        stored->expiresAt = nowMs() + grantedDuration(update.duration) * 1000;

    if (!update.restartToken.isEmpty()) {
        const Result<std::optional<qint64>> position = replayPosition(
                update.restartToken, box.value(),
                QStringLiteral("nmsSubscriptionUpdate.restartToken"));
        if (!position)
            return position.error();
        stored->resetPending = !position.value().has_value();
        if (position.value())
            stored->lastModSeq = *position.value();
    }

    if (!m_subscriptions->update(subscriptionId, stored->expiresAt, stored->lastModSeq,
                                 stored->resetPending)) {
        return RequestError::internalError(QStringLiteral("the subscription could not be updated"));
    }

    // A notification in flight was built from the old cursor; the restarted stream
    // replaces it and keeps its index.
    if (!update.restartToken.isEmpty()) {
        forget(subscriptionId);
        QMetaObject::invokeMethod(this, [this, subscriptionId] { deliverNext(subscriptionId); },
                                  Qt::QueuedConnection);
    }

    qCInfo(lcNms) << "Updated subscription" << subscriptionId << "to box" << boxId
                  << "with" << remainingSeconds(stored->expiresAt) << "s remaining"
                  << (update.restartToken.isEmpty() ? "" : "and a restart");

    NmsSubscription updated = toResource(stored.value());
    if (!update.restartToken.isEmpty())
        updated.restartToken = update.restartToken;
    return updated;
}

void SubscriptionService::handleBoxChange(const BoxChange &change)
{
    const std::optional<Box> box = m_boxes->find(change.boxId);
    if (!box)
        return;

    for (const StoredSubscription &stored :
         m_subscriptions->listForBox(box->storeName, change.boxId)) {
        deliverNext(stored.id);
    }
}

NmsEvent SubscriptionService::eventFor(const StoredSubscription &stored,
                                       const BoxChange &change) const
{
    NmsEvent event;
    event.resourceURL = m_urls->movieURL(stored.boxId, change.objectId);
    event.lastModSeq = change.modSeq;
    if (change.kind == BoxChange::Kind::Deleted) {
        event.kind = NmsEvent::Kind::DeletedObject;
        return event;
    }

    event.kind = NmsEvent::Kind::ChangedObject;
    event.parentFolder = m_urls->rootFolderURL(stored.storeName, stored.boxId);
    QJsonObject movie = change.snapshot;
    movie.insert(QStringLiteral("resourceURL"), QString::fromUtf8(event.resourceURL.toEncoded()));
    movie.insert(QStringLiteral("lastModSeq"), change.modSeq);
    event.extension.insert(QStringLiteral("movie"), movie);
    return event;
}

NmsEventList SubscriptionService::nextEventList(const StoredSubscription &stored, const Box &box,
                                                qint64 *cursor) const
{
    // Changes are read in pages larger than one notification, so that a selective filter
    // does not cost one query per matching change.
    constexpr int ScanPageSize = 1000;

    NmsEventList eventList;
    *cursor = stored.lastModSeq;

    if (stored.resetPending || stored.lastModSeq < box.prunedModSeq) {
        eventList.events.append(NmsEvent{NmsEvent::Kind::ResetBox, {}, {}, {}, 0, {}});
        *cursor = box.modSeq;
        return eventList;
    }

    SubscriptionFilter filter;
    if (!stored.filter.isEmpty()) {
        Result<SubscriptionFilter> parsed = SubscriptionFilter::fromJson(stored.filter, QString());
        if (parsed)
            filter = parsed.value();
        else
            qCWarning(lcNms) << "Ignoring the unreadable filter of subscription" << stored.id
                             << ":" << parsed.error().message();
    }

    const int maxEvents = std::max(1, m_policy.maxEventsPerNotification);
    while (eventList.events.size() < maxEvents) {
        const QList<BoxChange> changes = m_boxes->changesAfter(stored.boxId, *cursor, ScanPageSize);
        if (changes.isEmpty())
            break;

        for (const BoxChange &change : changes) {
            *cursor = change.modSeq;
            if (filter.matches(change))
                eventList.events.append(eventFor(stored, change));
            if (eventList.events.size() >= maxEvents)
                break;
        }
    }
    return eventList;
}

void SubscriptionService::deliverNext(const QString &subscriptionId)
{
    if (m_inFlight.contains(subscriptionId))
        return;

    const std::optional<StoredSubscription> stored = m_subscriptions->find(subscriptionId);
    if (!stored || stored->expiresAt <= nowMs())
        return;
    const std::optional<Box> box = m_boxes->find(stored->boxId);
    if (!box)
        return;

    qint64 lastModSeq = stored->lastModSeq;
    NmsEventList eventList = nextEventList(*stored, *box, &lastModSeq);
    if (eventList.events.isEmpty()) {
        // The filter skipped every pending change: move past them without a notification.
        if (lastModSeq != stored->lastModSeq)
            m_subscriptions->advance(subscriptionId, lastModSeq, stored->nextIndex);
        return;
    }

    eventList.callbackData = stored->callbackData;
    eventList.index = stored->nextIndex;
    eventList.restartToken = currentToken(lastModSeq);
    eventList.links.append(Link{QStringLiteral("NmsSubscription"),
                                m_urls->subscriptionURL(stored->storeName, stored->boxId,
                                                        stored->id)});
    const BodyFormat format = stored->notificationFormat == QLatin1String("XML")
            ? BodyFormat::Xml
            : BodyFormat::Json;

    auto *delivery = new QObject(this);
    m_inFlight.insert(subscriptionId, delivery);
    const qint64 index = stored->nextIndex;
    m_sender->send(stored->notifyURL, eventList.toJson(), format, delivery,
                   [this, subscriptionId, lastModSeq, index,
                    notifyURL = stored->notifyURL](NotificationSender::Outcome outcome,
                                                   const QString &detail) {
                       if (QObject *finished = m_inFlight.take(subscriptionId))
                           finished->deleteLater();

                       switch (outcome) {
                       case NotificationSender::Outcome::Delivered:
                           m_retryNotBefore.remove(subscriptionId);
                           if (!m_subscriptions->advance(subscriptionId, lastModSeq, index + 1))
                               return;
                           // Queued, because an in-process delivery completes inside
                           // send(): a direct call would nest one level deeper per
                           // notification of a long replay.
                           QMetaObject::invokeMethod(
                                   this, [this, subscriptionId] { deliverNext(subscriptionId); },
                                   Qt::QueuedConnection);
                           return;

                       case NotificationSender::Outcome::Rejected:
                           qCWarning(lcNms) << "Ending subscription" << subscriptionId << ":"
                                            << notifyURL.toDisplayString()
                                            << "rejected notification" << index << "with"
                                            << detail;
                           m_subscriptions->remove(subscriptionId);
                           forget(subscriptionId);
                           Q_EMIT subscriptionEnded(subscriptionId, detail);
                           return;

                       case NotificationSender::Outcome::Failed:
                           // The cursor stays, so the next attempt starts from here.
                           qCWarning(lcNms) << "Delivery of notification" << index
                                            << "of subscription" << subscriptionId << "to"
                                            << notifyURL.toDisplayString() << "failed:" << detail
                                            << "- trying again in"
                                            << m_policy.failedDeliveryRetryDelay << "ms";
                           m_retryNotBefore.insert(subscriptionId,
                                                   nowMs() + m_policy.failedDeliveryRetryDelay);
                           return;
                       }
                   });
}

void SubscriptionService::forget(const QString &subscriptionId)
{
    m_retryNotBefore.remove(subscriptionId);
    delete m_inFlight.take(subscriptionId);
}

void SubscriptionService::removeExpiredSubscriptions()
{
    const qint64 now = nowMs();
    for (const StoredSubscription &stored : m_subscriptions->listExpired(now)) {
        if (m_subscriptions->remove(stored.id)) {
            forget(stored.id);
            // NMS 1.0 defines no notification for the end of a subscription, so the
            // client learns of it from a 404 on its next update or read.
            qCInfo(lcNms) << "Subscription" << stored.id << "to box" << stored.boxId
                          << "expired and was removed";
        }
    }
}

} // namespace Marquee
