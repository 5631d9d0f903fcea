#include "notificationchannellifetime.h"

#include "jsonvalues.h"

#include <limits>

namespace Marquee {

namespace {

const QString RootName = QStringLiteral("notificationChannelLifetime");

} // namespace

Result<NotificationChannelLifetime> NotificationChannelLifetime::fromJson(
        const QJsonObject &document)
{
    const auto root = JsonValues::rootElement(document, RootName);
    if (!root)
        return root.error();

    const auto lifetime = JsonValues::optionalInteger(root.value(),
                                                      QStringLiteral("channelLifetime"), RootName,
                                                      0, std::numeric_limits<qint32>::max());
    if (!lifetime)
        return lifetime.error();
    return NotificationChannelLifetime{lifetime.value()};
}

QJsonObject NotificationChannelLifetime::toJson() const
{
    QJsonObject fields;
    if (channelLifetime)
        fields.insert(QStringLiteral("channelLifetime"), *channelLifetime);
    return QJsonObject{{RootName, fields}};
}

} // namespace Marquee
