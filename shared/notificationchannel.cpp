#include "notificationchannel.h"

#include "jsonvalues.h"

#include <limits>

namespace Marquee {

namespace {

const QString RootName = QStringLiteral("notificationChannel");

} // namespace

Result<NotificationChannel> NotificationChannel::fromJson(const QJsonObject &document)
{
    const auto root = JsonValues::rootElement(document, RootName);
    if (!root)
        return root.error();
    const QJsonObject &fields = root.value();

    NotificationChannel channel;

    const auto channelType = JsonValues::optionalString(fields, QStringLiteral("channelType"),
                                                        RootName);
    if (!channelType)
        return channelType.error();
    if (!channelType.value() || channelType.value()->isEmpty())
        return RequestError::missingValue(RootName + QStringLiteral(".channelType"));
    channel.channelType = *channelType.value();

    // An empty clientCorrelator is what some deployed clients send when they have none,
    // so it counts as absent.
    const auto clientCorrelator = JsonValues::optionalBoundedString(
            fields, QStringLiteral("clientCorrelator"), RootName, MaxTagLength);
    if (!clientCorrelator)
        return clientCorrelator.error();
    channel.clientCorrelator = clientCorrelator.value();

    const auto applicationTag = JsonValues::optionalBoundedString(
            fields, QStringLiteral("applicationTag"), RootName, MaxTagLength);
    if (!applicationTag)
        return applicationTag.error();
    channel.applicationTag = applicationTag.value();

    const auto lifetime = JsonValues::optionalInteger(fields, QStringLiteral("channelLifetime"),
                                                      RootName, 0,
                                                      std::numeric_limits<qint32>::max());
    if (!lifetime)
        return lifetime.error();
    channel.channelLifetime = lifetime.value();

    const auto channelData = JsonValues::optionalObject(fields, QStringLiteral("channelData"),
                                                        RootName);
    if (!channelData)
        return channelData.error();
    if (channelData.value()) {
        const auto maxNotifications = JsonValues::optionalInteger(
                *channelData.value(), QStringLiteral("maxNotifications"),
                RootName + QStringLiteral(".channelData"), 1,
                std::numeric_limits<qint32>::max());
        if (!maxNotifications)
            return maxNotifications.error();
        channel.maxNotifications = maxNotifications.value();

        const auto maxWaitTime = JsonValues::optionalInteger(
                *channelData.value(), QStringLiteral("maxWaitTime"),
                RootName + QStringLiteral(".channelData"), 0, MaxWaitTimeLimit);
        if (!maxWaitTime)
            return maxWaitTime.error();
        channel.maxWaitTime = maxWaitTime.value();
    }

    return channel;
}

QJsonObject NotificationChannel::toJsonMembers() const
{
    QJsonObject fields;
    if (!clientCorrelator.isEmpty())
        fields.insert(QStringLiteral("clientCorrelator"), clientCorrelator);
    if (!applicationTag.isEmpty())
        fields.insert(QStringLiteral("applicationTag"), applicationTag);
    fields.insert(QStringLiteral("channelType"), channelType);

    QJsonObject channelData;
    if (!channelURL.isEmpty())
        channelData.insert(QStringLiteral("channelURL"),
                           QString::fromUtf8(channelURL.toEncoded()));
    if (maxNotifications)
        channelData.insert(QStringLiteral("maxNotifications"), *maxNotifications);
    if (maxWaitTime)
        channelData.insert(QStringLiteral("maxWaitTime"), *maxWaitTime);
    fields.insert(QStringLiteral("channelData"), channelData);

    if (channelLifetime)
        fields.insert(QStringLiteral("channelLifetime"), *channelLifetime);
    if (!callbackURL.isEmpty())
        fields.insert(QStringLiteral("callbackURL"), QString::fromUtf8(callbackURL.toEncoded()));
    if (!resourceURL.isEmpty())
        fields.insert(QStringLiteral("resourceURL"), QString::fromUtf8(resourceURL.toEncoded()));
    return fields;
}

QJsonObject NotificationChannel::toJson() const
{
    return QJsonObject{{RootName, toJsonMembers()}};
}

} // namespace Marquee
