#pragma once

#include "channels/channelservice.h"
#include "urlbuilder.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>

namespace Marquee {

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

    // Attempts per notification to a remote notifyURL, and the delay before the first
    // retry in milliseconds; each further retry waits twice as long.
    static constexpr int MaxAttempts = 5;
    static constexpr int FirstRetryDelayMs = 500;
    static constexpr int RequestTimeoutMs = 10000;

    NotificationSender(ChannelService *channels, const UrlBuilder *urls, QObject *parent = nullptr);

    // Sends body to notifyURL and calls completion once, with context as the receiver
    // guard: completion is not called if context is destroyed first. An in-process
    // delivery completes before send() returns.
    void send(const QUrl &notifyURL, const QJsonObject &body, QObject *context,
              Completion completion);

private:
    void post(const QUrl &notifyURL, const QByteArray &payload, int attempt,
              QPointer<QObject> context, Completion completion);

    ChannelService *m_channels;
    const UrlBuilder *m_urls;
    QNetworkAccessManager m_network;
};

} // namespace Marquee
