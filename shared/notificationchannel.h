#pragma once

#include "result.h"

#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <optional>

namespace Marquee {

// The NotificationChannel resource of OMA REST NetAPI Notification Channel 1.0
// (root element notificationChannel). channelURL and maxNotifications travel inside
// channelData; the server fills in channelURL, callbackURL and resourceURL.
struct NotificationChannel
{
    // Maximum length of clientCorrelator and applicationTag, in characters.
    static constexpr qsizetype MaxTagLength = 256;

    QString channelType;
    QString clientCorrelator;
    QString applicationTag;
    std::optional<qint64> maxNotifications;
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
