#pragma once

#include "result.h"

#include <QJsonObject>

#include <optional>

namespace Marquee {

// The NotificationChannelLifetime resource (root element notificationChannelLifetime):
// the remaining lifetime of a channel, or in a PUT the lifetime the client requests.
struct NotificationChannelLifetime
{
    // Seconds. Absent in a request: the server's default lifetime applies.
    std::optional<qint64> channelLifetime;

    // Decodes a PUT body. A null root element is an empty element; unknown members are
    // ignored.
    static Result<NotificationChannelLifetime> fromJson(const QJsonObject &document);
    QJsonObject toJson() const;
};

} // namespace Marquee
