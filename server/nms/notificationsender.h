#pragma once

#include "bodyformat.h"
#include "channels/channelservice.h"
#include "urlbuilder.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>

namespace Marquee {

// Retry policy for a remote notifyURL. Times are in milliseconds.
struct DeliveryPolicy
{
    // Attempts per notification, the first included.
    int maxAttempts = 5;
    // Delay before the first retry; each further retry waits twice as long.
    int firstRetryDelay = 500;
    // Time an attempt may pass without any data moving before it counts as timed out.
    int requestTimeout = 10000;
};

// Delivers notification bodies to notifyURLs. A notifyURL that is one of this server's
// callbackURLs goes straight to ChannelService::deliver(), the same entry point as an
// HTTP POST to it. Any other URL gets an HTTP POST with retries.
class NotificationSender : public QObject
{
    Q_OBJECT

public:
    enum class Outcome {
        Delivered,
        // The receiver rejected the notification for good (a 4xx other than 408 and 429,
        // or an unknown callbackURL); the subscription should end.
        Rejected,
        // Every attempt failed with a temporary error.
        Failed,
    };
    using Completion = std::function<void(Outcome outcome, const QString &detail)>;

    NotificationSender(ChannelService *channels, const UrlBuilder *urls, DeliveryPolicy policy,
                       QObject *parent = nullptr);

    // Encodes a notification body in format for an HTTP POST, with its Content-Type.
    static QByteArray encode(const QJsonObject &body, BodyFormat format,
                             QByteArray *contentType);

    // Sends body to notifyURL and calls completion once, with context as the receiver
    // guard: completion is not called if context is destroyed first. The body goes out in
    // format, to a remote notifyURL or, in process, to the channel of one of our
    // callbackURLs. An in-process delivery completes before send() returns.
    void send(const QUrl &notifyURL, const QJsonObject &body, BodyFormat format,
              QObject *context, Completion completion);

private:
    struct Attempt
    {
        QUrl notifyURL;
        QByteArray payload;
        QByteArray contentType;
        int number = 1;
    };

    void post(const Attempt &attempt, QPointer<QObject> context, Completion completion);

    ChannelService *m_channels;
    const UrlBuilder *m_urls;
    DeliveryPolicy m_policy;
    QNetworkAccessManager m_network;
};

} // namespace Marquee
