#pragma once

#include "result.h"

#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <optional>

namespace Marquee {

// The NotificationChannel resource of OMA REST NetAPI Notification Channel 1.0
// (root element notificationChannel). channelURL, maxNotifications and, for LongPolling,
// maxWaitTime travel inside channelData; the server fills in channelURL, callbackURL and
// resourceURL.
struct NotificationChannel
{
    // Maximum length of clientCorrelator and applicationTag, in characters.
    static constexpr qsizetype MaxTagLength = 256;
    // Largest maxWaitTime accepted in a request, in seconds.
    static constexpr qint64 MaxWaitTimeLimit = 86400;

    QString channelType;
    QString clientCorrelator;
    QString applicationTag;
    std::optional<qint64> maxNotifications;
    // LongPolling only, seconds: how long the server may collect notifications after the
    // first one arrives before it responds to a parked poll. 0 responds at once.
    std::optional<qint64> maxWaitTime;
    // Seconds. In a request: the lifetime asked for; in a response: the lifetime granted
    // or, when read later, the lifetime remaining.
    std::optional<qint64> channelLifetime;
    QUrl channelURL;
    QUrl callbackURL;
    QUrl resourceURL;

    // Decodes a create request. Unknown members are ignored; server-side members
    // (channelURL, callbackURL, resourceURL) in a request are ignored too.
    static Result<NotificationChannel> fromJson(const QJsonObject &document);

    // Encodes {"notificationChannel":{...}} with numbers as JSON numbers.
    QJsonObject toJson() const;
    // Encodes the members without the root element, for lists.
    QJsonObject toJsonMembers() const;
};

} // namespace Marquee
