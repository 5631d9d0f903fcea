#pragma once

#include "http/httpresponse.h"
#include "longpollingrequest.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Marquee {

class ChannelService;
class PendingResponse;

// Serves the channelURLs of LongPolling channels. A poll gets its response at once when
// notifications are queued; otherwise it is parked until one of these happens:
// - notifications arrive: with maxWaitTime 0 the poll gets its response at once. Otherwise
//   the gateway collects for maxWaitTime seconds after the first one arrives, or until
//   maxNotifications are queued;
// - the hold timeout passes: the poll gets what is queued, often {"notificationList":[]};
// - another poll arrives for the channel: the parked one gets 409 SVC1012;
// - the channel is deleted or expires: the parked poll gets 404;
// - another request arrives on the same connection: the poll gets what is queued, because
//   HTTP/1.1 responses keep the request order.
// A client that disconnects while parked leaves nothing behind. Notifications leave the
// outbox only after a response carrying them was written to a connected socket.
class LongPollGateway : public QObject
{
    Q_OBJECT

public:
    // holdTimeoutMs: how long a poll may stay parked, in milliseconds.
    LongPollGateway(ChannelService *channels, int holdTimeoutMs, QObject *parent = nullptr);

    // Handles a POST to the channelURL of channelId. Returns 404 when that is no live
    // LongPolling channel of userId, and otherwise a deferred response. Every poll restarts
    // the channel lifetime.
    HttpResponse poll(const QString &userId, const QString &channelId,
                      const LongPollingRequest &request);

    int parkedPollCount() const { return static_cast<int>(m_polls.size()); }

    // Responds to every parked poll with what is queued, for a graceful shutdown.
    void shutdown();

private:
    // One parked poll and its timers; a child of the gateway.
    struct ParkedPoll;

    void park(const QString &channelId, PendingResponse *pending, qint64 maxWaitTimeMs,
              qint64 maxNotifications);
    // Responds to the parked poll at once or starts its maxWaitTime window, depending on what
    // is queued. justParked: the poll has only now arrived.
    void considerAnswering(const QString &channelId, bool justParked);
    // Responds to the parked poll of channelId with the next notificationList, possibly empty.
    void answer(const QString &channelId);
    void reject(const QString &channelId, const RequestError &error);
    // Removes the parked poll of channelId from the gateway and stops its timers.
    ParkedPoll *take(const QString &channelId);

    ChannelService *m_channels;
    int m_holdTimeoutMs;
    QHash<QString, ParkedPoll *> m_polls;
};

} // namespace Marquee
