#include "longpollgateway.h"

#include "channelservice.h"
#include "http/pendingresponse.h"
#include "logging.h"
#include "notificationlist.h"

namespace Marquee {

struct LongPollGateway::ParkedPoll : QObject
{
    explicit ParkedPoll(QObject *parent) : QObject(parent)
    {
        holdTimer.setSingleShot(true);
        waitTimer.setSingleShot(true);
    }

    QPointer<PendingResponse> response;
    qint64 maxWaitTimeMs = 0;
    qint64 maxNotifications = 1;
    // Ends the poll after the server's hold timeout.
    QTimer holdTimer;
    // Ends the maxWaitTime window that the first notification opened.
    QTimer waitTimer;
};

LongPollGateway::LongPollGateway(ChannelService *channels, int holdTimeoutMs, QObject *parent)
    : QObject(parent), m_channels(channels), m_holdTimeoutMs(holdTimeoutMs)
{
    connect(m_channels, &ChannelService::notificationsQueued, this,
            [this](const QString &channelId) { considerAnswering(channelId, false); });
    connect(m_channels, &ChannelService::channelRemoved, this, [this](const QString &channelId) {
        reject(channelId, RequestError::notFound(QStringLiteral("channel"), channelId));
    });
}

HttpResponse LongPollGateway::poll(const QString &userId, const QString &channelId,
                                   const LongPollingRequest &request)
{
    const Result<StoredChannel> channel = m_channels->longPollingChannel(userId, channelId);
    if (!channel)
        return HttpResponse::error(channel.error());

    m_channels->refreshLifetime(channelId);

    const qint64 maxWaitTime = request.maxWaitTime.value_or(channel->maxWaitTime.value_or(0));
    const qint64 maxNotifications = channel->maxNotifications;
    return HttpResponse::deferred(
            [this, channelId, maxWaitTime, maxNotifications](PendingResponse *pending) {
                park(channelId, pending, maxWaitTime * 1000, maxNotifications);
            });
}

void LongPollGateway::park(const QString &channelId, PendingResponse *pending,
                           qint64 maxWaitTimeMs, qint64 maxNotifications)
{
    if (ParkedPoll *previous = take(channelId)) {
        qCInfo(lcChannels) << "A new poll on channel" << channelId << "ends the parked one";
        if (previous->response)
            previous->response->respond(
                    HttpResponse::error(RequestError::simultaneousChannelRequests()));
    }

    auto *poll = new ParkedPoll(this);
    poll->response = pending;
    poll->maxWaitTimeMs = maxWaitTimeMs;
    poll->maxNotifications = maxNotifications;
    m_polls.insert(channelId, poll);

    // Each handler checks that its poll is still the parked one, because a poll that
    // got its response is deleted only later.
    connect(pending, &PendingResponse::abandoned, poll, [this, channelId, poll] {
        if (m_polls.value(channelId) != poll)
            return;
        qCDebug(lcChannels) << "The client of the parked poll on channel" << channelId
                            << "disconnected";
        take(channelId);
    });
    connect(pending, &PendingResponse::interrupted, poll, [this, channelId, poll] {
        if (m_polls.value(channelId) == poll)
            answer(channelId);
    });
    connect(&poll->holdTimer, &QTimer::timeout, poll, [this, channelId, poll] {
        if (m_polls.value(channelId) == poll)
            answer(channelId);
    });
    connect(&poll->waitTimer, &QTimer::timeout, poll, [this, channelId, poll] {
        if (m_polls.value(channelId) == poll)
            answer(channelId);
    });
    poll->holdTimer.start(m_holdTimeoutMs);

    considerAnswering(channelId, true);
}

void LongPollGateway::considerAnswering(const QString &channelId, bool justParked)
{
    ParkedPoll *poll = m_polls.value(channelId);
    if (!poll || !poll->response)
        return;

    const qint64 queued = m_channels->queuedCount(channelId);
    if (queued == 0)
        return;

    // Notifications that were waiting before the poll arrived go out at once. New ones
    // wait for maxWaitTime after the first of them, unless the list is already full.
    const bool listFull = queued >= poll->maxNotifications;
    if (justParked || listFull || poll->maxWaitTimeMs == 0) {
        answer(channelId);
        return;
    }
    if (!poll->waitTimer.isActive())
        poll->waitTimer.start(static_cast<int>(poll->maxWaitTimeMs));
}

void LongPollGateway::answer(const QString &channelId)
{
    ParkedPoll *poll = take(channelId);
    if (!poll || !poll->response)
        return;

    const BodyFormat format = poll->response->request().responseFormat;
    const std::optional<ChannelService::Batch> batch = m_channels->nextBatch(channelId, format);
    const HttpResponse response = HttpResponse::encoded(
            200, mediaTypeOf(format), batch ? batch->frame : NotificationList::encode({}, format));

    if (!poll->response->respond(response)) {
        qCDebug(lcChannels) << "The client of channel" << channelId
                            << "left before its poll was answered; notifications stay queued";
        return;
    }
    if (batch && !m_channels->acknowledge(*batch)) {
        qCWarning(lcChannels) << "Cannot remove" << batch->entryIds.size()
                              << "delivered notification(s) of channel" << channelId
                              << "from the outbox; the next poll repeats them";
    }
}

void LongPollGateway::reject(const QString &channelId, const RequestError &error)
{
    ParkedPoll *poll = take(channelId);
    if (poll && poll->response)
        poll->response->respond(HttpResponse::error(error));
}

LongPollGateway::ParkedPoll *LongPollGateway::take(const QString &channelId)
{
    ParkedPoll *poll = m_polls.take(channelId);
    if (!poll)
        return nullptr;

    poll->holdTimer.stop();
    poll->waitTimer.stop();
    poll->deleteLater();
    return poll;
}

void LongPollGateway::shutdown()
{
    const QStringList channelIds = m_polls.keys();
    for (const QString &channelId : channelIds)
        answer(channelId);
}

} // namespace Marquee
