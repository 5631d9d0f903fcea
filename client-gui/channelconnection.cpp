#include "channelconnection.h"

#include "apiclient.h"
#include "clientlogging.h"
#include "clientsettings.h"
#include "jsonvalues.h"
#include "longpolltransport.h"
#include "nmssubscription.h"
#include "nmssubscriptionupdate.h"
#include "notificationchannel.h"
#include "notificationchannellifetime.h"
#include "websockettransport.h"

#include <QUuid>

#include <algorithm>

namespace Marquee {

namespace {

// A client-chosen correlator, unique enough that two windows never share one.
QString newCorrelator()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

qint64 integerOf(const QJsonValue &value)
{
    return JsonValues::toInteger(value).value_or(0);
}

QUrl urlOf(const QJsonValue &value)
{
    return QUrl(value.toString(), QUrl::StrictMode);
}

} // namespace

ChannelConnection::ChannelConnection(ApiClient *api, QObject *parent)
    : QObject(parent), m_api(api)
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &ChannelConnection::establish);

    m_connCheckTimer.setSingleShot(true);
    connect(&m_connCheckTimer, &QTimer::timeout, this, [this] {
        if (m_state != State::Connected || !m_transport
            || m_options.channelType != ChannelType::WebSockets) {
            return;
        }
        m_transport->sendConnCheck();
        noteKeepAlive(QStringLiteral("connCheck sent"));
    });

    m_renewalTimer.setSingleShot(true);
    connect(&m_renewalTimer, &QTimer::timeout, this, &ChannelConnection::renewSubscription);

    // A connection that drops at once, such as long polls that a proxy rejects, must
    // not restart the backoff, or the client would retry every half second for good.
    m_stableTimer.setSingleShot(true);
    m_stableTimer.setInterval(StableConnectionMs);
    connect(&m_stableTimer, &QTimer::timeout, this, [this] { m_backoff.reset(); });
}

ChannelConnection::~ChannelConnection() = default;

void ChannelConnection::setOptions(const Options &options)
{
    m_options = options;
    m_backoff = ReconnectBackoff(options.reconnectDelayMs);
}

QString ChannelConnection::stateName(State state)
{
    switch (state) {
    case State::Disconnected:
        return QStringLiteral("disconnected");
    case State::Connecting:
        return QStringLiteral("connecting");
    case State::Connected:
        return QStringLiteral("connected");
    case State::Reconnecting:
        return QStringLiteral("reconnecting");
    case State::Expired:
        return QStringLiteral("expired");
    }
    return QString();
}

qint64 ChannelConnection::remainingLifetime() const
{
    if (m_grantedLifetime <= 0 || m_lifetimeDeadline.isForever())
        return -1;
    return std::max<qint64>(0, m_lifetimeDeadline.remainingTime() / 1000);
}

void ChannelConnection::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    qCInfo(lcClientChannel) << "Channel state:" << stateName(state);
    Q_EMIT stateChanged(state);
}

void ChannelConnection::setProgress(const QString &step)
{
    Q_EMIT progressChanged(step);
}

void ChannelConnection::connectToServer()
{
    if (m_state != State::Disconnected)
        return;

    m_backoff.reset();
    m_restartToken.clear();
    m_lastIndex.clear();
    m_lastModSeq = 0;
    setState(State::Connecting);
    establish();
}

void ChannelConnection::disconnectFromServer()
{
    ++m_attempt;
    m_reconnectTimer.stop();
    stopTimersAndTransport();

    // Best effort: a server that is gone forgets both at their expiry anyway.
    if (!m_subscriptionURL.isEmpty())
        deleteOnServer(m_subscriptionURL);
    if (!m_channelResourceURL.isEmpty())
        deleteOnServer(m_channelResourceURL);

    forgetChannel();
    m_restartToken.clear();
    m_replayedUpTo = 0;
    setProgress(QString());
    setState(State::Disconnected);
}

void ChannelConnection::stopTimersAndTransport()
{
    m_connCheckTimer.stop();
    m_renewalTimer.stop();
    m_stableTimer.stop();
    if (m_transport) {
        m_transport->close();
        m_transport->deleteLater();
        m_transport = nullptr;
    }
}

void ChannelConnection::deleteOnServer(const QUrl &resourceURL)
{
    ++m_pendingDeletions;
    ApiReply *reply = m_api->deleteResource(resourceURL);
    connect(reply, &ApiReply::finished, this, [this, reply] {
        if (reply->hasError() && reply->httpStatus() != 404)
            qCInfo(lcClientChannel) << "Could not delete" << reply->error().message;
        if (--m_pendingDeletions == 0)
            Q_EMIT cleanupFinished();
    });
}

void ChannelConnection::forgetChannel()
{
    m_channelResourceURL.clear();
    m_channelURL.clear();
    m_callbackURL.clear();
    m_subscriptionURL.clear();
    m_grantedLifetime = 0;
    m_lifetimeDeadline = QDeadlineTimer(QDeadlineTimer::Forever);
    Q_EMIT lifetimeChanged();
}

void ChannelConnection::send(ApiReply *reply, const ReplyHandler &handler)
{
    const quint64 attempt = m_attempt;
    connect(reply, &ApiReply::finished, this, [this, reply, attempt, handler] {
        if (attempt != m_attempt)
            return;
        handler(reply);
    });
}

void ChannelConnection::fail(const QString &failedStep, const ApiReply *reply)
{
    const ApiError &error = reply->error();
    const QString message = QStringLiteral("%1: %2").arg(failedStep, error.message);
    Q_EMIT errorOccurred(message);

    // Without a response, or with a server error, the server may come back. Any other
    // error comes from the settings, so retrying would only repeat it.
    if (error.httpStatus == 0 || error.httpStatus >= 500 || error.httpStatus == 408
        || error.httpStatus == 429) {
        scheduleReconnect(message);
        return;
    }

    disconnectFromServer();
}

void ChannelConnection::scheduleReconnect(const QString &reason)
{
    ++m_attempt;
    stopTimersAndTransport();

    const int delayMs = m_backoff.nextDelayMs();
    qCInfo(lcClientChannel) << "Reconnecting in" << delayMs << "ms:" << reason;
    setProgress(QString());
    if (m_state != State::Expired)
        setState(State::Reconnecting);
    m_reconnectTimer.start(delayMs);
}

void ChannelConnection::establish()
{
    ++m_attempt;
    setProgress(QStringLiteral("Reading the boxes of the server"));
    send(m_api->get(m_api->boxesUrl()), [this](ApiReply *reply) { readBox(reply); });
}

void ChannelConnection::readBox(ApiReply *reply)
{
    if (reply->hasError()) {
        fail(QStringLiteral("Could not read the boxes"), reply);
        return;
    }

    const QJsonObject boxList = reply->document().value(QStringLiteral("boxList")).toObject();
    QStringList boxIds;
    for (const QJsonValue &value : JsonValues::list(boxList.value(QStringLiteral("box")))) {
        const QJsonObject box = value.toObject();
        const QString boxId = box.value(QStringLiteral("boxId")).toString();
        boxIds.append(boxId);
        if (boxId != m_options.boxId)
            continue;

        m_subscriptionsURL = urlOf(box.value(QStringLiteral("subscriptionsURL")));
        m_boxModSeq = integerOf(box.value(QStringLiteral("lastModSeq")));
        if (m_channelResourceURL.isEmpty())
            createChannel();
        else
            refreshChannel();
        return;
    }

    Q_EMIT errorOccurred(QStringLiteral("The server has no box \"%1\"; it has %2")
                                 .arg(m_options.boxId,
                                      boxIds.isEmpty() ? QStringLiteral("none")
                                                       : boxIds.join(QStringLiteral(", "))));
    disconnectFromServer();
}

void ChannelConnection::refreshChannel()
{
    setProgress(QStringLiteral("Restarting the channel lifetime"));
    NotificationChannelLifetime lifetime;
    lifetime.channelLifetime = m_options.channelLifetime;
    QUrl lifetimeUrl = m_channelResourceURL;
    lifetimeUrl.setPath(lifetimeUrl.path(QUrl::FullyEncoded) + QStringLiteral("/channelLifetime"),
                        QUrl::StrictMode);

    send(m_api->put(lifetimeUrl, lifetime.toJson()), [this](ApiReply *reply) {
        if (reply->httpStatus() == 404) {
            // The channel expired or was deleted while the client was away: its
            // subscription can no longer deliver, so both are made anew and the new
            // subscription replays from the last restartToken.
            qCInfo(lcClientChannel) << "The channel is gone; creating a new one";
            forgetChannel();
            setState(State::Expired);
            createChannel();
            return;
        }
        if (reply->hasError()) {
            fail(QStringLiteral("Could not restart the channel lifetime"), reply);
            return;
        }

        const QJsonObject granted =
                reply->document().value(QStringLiteral("notificationChannelLifetime")).toObject();
        restartLifetime(integerOf(granted.value(QStringLiteral("channelLifetime"))));
        checkSubscription();
    });
}

void ChannelConnection::createChannel()
{
    setProgress(QStringLiteral("Creating the channel"));
    // A retry after a lost response sends the same correlator, so the server returns the
    // channel it made instead of making a second one.
    if (m_channelCorrelator.isEmpty())
        m_channelCorrelator = newCorrelator();

    NotificationChannel channel;
    channel.channelType = ClientSettings::channelTypeName(m_options.channelType);
    channel.clientCorrelator = m_channelCorrelator;
    channel.applicationTag = m_options.applicationTag;
    channel.channelLifetime = m_options.channelLifetime;
    channel.maxNotifications = MaxNotifications;

    send(m_api->post(m_api->channelsUrl(), channel.toJson()),
         [this](ApiReply *reply) { readChannel(reply); });
}

void ChannelConnection::readChannel(ApiReply *reply)
{
    if (reply->hasError()) {
        fail(QStringLiteral("Could not create the channel"), reply);
        return;
    }

    const QJsonObject channel = reply->document().value(QStringLiteral("notificationChannel")).toObject();
    m_channelResourceURL = urlOf(channel.value(QStringLiteral("resourceURL")));
    m_callbackURL = urlOf(channel.value(QStringLiteral("callbackURL")));
    m_channelURL = urlOf(channel.value(QStringLiteral("channelData"))
                                 .toObject()
                                 .value(QStringLiteral("channelURL")));
    if (!m_channelResourceURL.isValid() || !m_callbackURL.isValid() || !m_channelURL.isValid()) {
        Q_EMIT errorOccurred(QStringLiteral("The server created a channel without a valid "
                                            "resourceURL, callbackURL or channelURL"));
        disconnectFromServer();
        return;
    }

    m_channelCorrelator.clear();
    // The URLs are capabilities of the channel, so they stay out of the default log.
    qCDebug(lcClientChannel) << "Channel" << m_channelResourceURL.toDisplayString() << "created";
    restartLifetime(integerOf(channel.value(QStringLiteral("channelLifetime"))));
    m_subscriptionURL.clear();
    createSubscription();
}

void ChannelConnection::checkSubscription()
{
    if (m_subscriptionURL.isEmpty()) {
        createSubscription();
        return;
    }

    // The update renews the duration and replays everything after the last restartToken
    // received: a list the server wrote to a connection as it dropped never arrived.
    setProgress(QStringLiteral("Resuming the subscription from the last restartToken"));
    NmsSubscriptionUpdate update;
    update.duration = m_options.subscriptionDuration;
    update.restartToken = m_restartToken;
    if (!m_restartToken.isEmpty())
        m_replayedUpTo = m_boxModSeq;

    send(m_api->post(m_subscriptionURL, update.toJson()),
         [this](ApiReply *reply) {
             if (reply->httpStatus() == 404) {
                 qCInfo(lcClientChannel) << "The subscription is gone; subscribing again";
                 m_subscriptionURL.clear();
                 createSubscription();
                 return;
             }
             if (reply->hasError()) {
                 fail(QStringLiteral("Could not resume the subscription"), reply);
                 return;
             }
             readSubscription(reply->document());
             openTransport();
         });
}

void ChannelConnection::readSubscription(const QJsonObject &document)
{
    const QJsonObject subscription = document.value(QStringLiteral("nmsSubscription")).toObject();
    m_subscriptionURL = urlOf(subscription.value(QStringLiteral("resourceURL")));
    if (m_restartToken.isEmpty())
        m_restartToken = subscription.value(QStringLiteral("restartToken")).toString();

    // Renew at three quarters of the granted duration, as with the channel lifetime.
    const qint64 duration = integerOf(subscription.value(QStringLiteral("duration")));
    if (duration > 0)
        m_renewalTimer.start(int(std::clamp<qint64>(duration * 750, 1000, 86400000)));
}

void ChannelConnection::renewSubscription()
{
    if (m_state != State::Connected || m_subscriptionURL.isEmpty())
        return;

    NmsSubscriptionUpdate update;
    update.duration = m_options.subscriptionDuration;
    send(m_api->post(m_subscriptionURL, update.toJson()),
         [this](ApiReply *reply) {
             if (reply->httpStatus() == 404) {
                 // The subscription ended anyway; the next attempt subscribes again from
                 // the last restartToken.
                 m_subscriptionURL.clear();
                 scheduleReconnect(QStringLiteral("The subscription ended"));
                 return;
             }
             if (reply->hasError()) {
                 qCWarning(lcClientChannel) << "Could not renew the subscription:"
                                            << reply->error().message;
                 m_renewalTimer.start(RenewalRetryMs);
                 return;
             }
             readSubscription(reply->document());
         });
}

void ChannelConnection::createSubscription()
{
    setProgress(m_restartToken.isEmpty() ? QStringLiteral("Subscribing to the box")
                                         : QStringLiteral("Subscribing again from the last restartToken"));
    if (m_subscriptionCorrelator.isEmpty())
        m_subscriptionCorrelator = newCorrelator();
    NmsSubscription subscription;
    subscription.callbackReference.notifyURL = m_callbackURL;
    subscription.callbackReference.callbackData = m_options.applicationTag;
    subscription.callbackReference.notificationFormat = QStringLiteral("JSON");
    subscription.duration = m_options.subscriptionDuration;
    subscription.clientCorrelator = m_subscriptionCorrelator;
    // Everything after the token is replayed first: those are the changes this client
    // has not seen, and m_boxModSeq, read just before, marks where the replay ends.
    subscription.restartToken = m_restartToken;
    if (!m_restartToken.isEmpty())
        m_replayedUpTo = m_boxModSeq;

    send(m_api->post(m_subscriptionsURL, subscription.toJson()),
         [this](ApiReply *reply) {
             if (reply->hasError()) {
                 fail(QStringLiteral("Could not subscribe to the box"), reply);
                 return;
             }

             m_subscriptionCorrelator.clear();
             readSubscription(reply->document());
             qCDebug(lcClientChannel) << "Subscribed as" << m_subscriptionURL.toDisplayString();
             openTransport();
         });
}

void ChannelConnection::openTransport()
{
    setProgress(QStringLiteral("Opening the channel"));
    if (m_transport) {
        m_transport->close();
        m_transport->deleteLater();
    }

    if (m_options.channelType == ChannelType::WebSockets)
        m_transport = new WebSocketTransport(m_api, this);
    else
        m_transport = new LongPollTransport(m_api, this);

    connect(m_transport, &ChannelTransport::opened, this, &ChannelConnection::onTransportOpened);
    connect(m_transport, &ChannelTransport::closed, this, &ChannelConnection::onTransportClosed);
    connect(m_transport, &ChannelTransport::notificationsReceived, this,
            &ChannelConnection::onNotifications);
    connect(m_transport, &ChannelTransport::connCheckReceived, this,
            [this](std::optional<qint64> newLifetime) {
                noteKeepAlive(QStringLiteral("connCheck received"));
                restartLifetime(newLifetime);
            });
    connect(m_transport, &ChannelTransport::connAckReceived, this,
            [this](std::optional<qint64> lifetime) {
                noteKeepAlive(QStringLiteral("connAck received"));
                restartLifetime(lifetime);
            });
    connect(m_transport, &ChannelTransport::lifetimeRestarted, this, [this] {
        noteKeepAlive(QStringLiteral("long poll returned"));
        restartLifetime(std::nullopt);
    });

    m_transport->open(m_channelURL);
}

void ChannelConnection::onTransportOpened()
{
    m_stableTimer.start();
    setProgress(QString());
    // Opening a WebSocket or holding a poll restarts the lifetime.
    restartLifetime(std::nullopt);
    setState(State::Connected);
}

void ChannelConnection::onTransportClosed(const QString &reason, bool channelGone)
{
    if (channelGone) {
        forgetChannel();
        setState(State::Expired);
    }
    Q_EMIT errorOccurred(QStringLiteral("The channel connection closed: %1").arg(reason));
    scheduleReconnect(reason);
}

void ChannelConnection::onNotifications(const QJsonArray &notificationList)
{
    for (const QJsonValue &notification : notificationList) {
        const QJsonObject document = notification.toObject();
        if (!document.contains(QStringLiteral("nmsEventList"))) {
            qCInfo(lcClientChannel) << "Ignoring a notification that is not an nmsEventList:"
                                    << document.keys();
            continue;
        }

        const Result<NmsEventList> eventList = NmsEventList::fromJson(document);
        if (!eventList) {
            qCWarning(lcClientChannel) << "Ignoring an unreadable nmsEventList:"
                                       << eventList.error().message();
            continue;
        }

        // At-least-once delivery may repeat a list after a reconnect, so a list whose index
        // was already seen is dropped.
        QString subscription = m_subscriptionURL.toString();
        for (const Link &link : eventList->links) {
            if (link.rel == QLatin1String("NmsSubscription"))
                subscription = link.href.toString();
        }
        qint64 &lastIndex = m_lastIndex[subscription];
        if (eventList->index > 0 && eventList->index <= lastIndex) {
            qCDebug(lcClientChannel) << "Skipping repeated nmsEventList" << eventList->index;
            continue;
        }
        lastIndex = std::max(lastIndex, eventList->index);

        // A replay after a reconnect can repeat changes that were also waiting in the
        // channel. lastModSeq rises with every change of the box, so an event at or
        // below the highest one seen is a repeat.
        NmsEventList fresh = eventList.value();
        fresh.events.removeIf([this](const NmsEvent &event) {
            return event.kind != NmsEvent::Kind::ResetBox && event.lastModSeq <= m_lastModSeq;
        });
        for (const NmsEvent &event : std::as_const(fresh.events)) {
            if (event.kind == NmsEvent::Kind::ResetBox)
                m_lastModSeq = 0;
            else
                m_lastModSeq = std::max(m_lastModSeq, event.lastModSeq);
        }

        if (!eventList->restartToken.isEmpty())
            m_restartToken = eventList->restartToken;
        if (!fresh.events.isEmpty())
            Q_EMIT eventListReceived(fresh, m_replayedUpTo);
    }
}

void ChannelConnection::restartLifetime(std::optional<qint64> grantedSeconds)
{
    if (grantedSeconds && *grantedSeconds > 0)
        m_grantedLifetime = *grantedSeconds;
    if (m_grantedLifetime <= 0)
        return;

    m_lifetimeDeadline.setRemainingTime(m_grantedLifetime * 1000);
    Q_EMIT lifetimeChanged();

    // A WebSocket sends its own connCheck when three quarters of the lifetime have passed
    // without one from the server, so the channel never expires under an open connection.
    m_connCheckTimer.start(int(std::clamp<qint64>(m_grantedLifetime * 750, 1000, 86400000)));
}

void ChannelConnection::noteKeepAlive(const QString &kind)
{
    m_lastKeepAliveTime = QDateTime::currentDateTime();
    m_lastKeepAliveKind = kind;
    Q_EMIT keepAliveChanged();
}

} // namespace Marquee
