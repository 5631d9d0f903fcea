#include "channelroutes.h"

#include "channels/channelservice.h"
#include "requestbody.h"
#include "router.h"
#include "urlbuilder.h"

#include <QJsonArray>

namespace Marquee {

void addChannelRoutes(Router &router, ChannelService *channels, const UrlBuilder *urls)
{
    const QString list = QStringLiteral("/notificationchannel/v1/{userId}/channels");
    const QString single = list + QStringLiteral("/{channelId}");

    router.addRoute(QStringLiteral("GET"), list, [channels, urls](const HttpRequest &request) {
        const QString userId = request.variable(QStringLiteral("userId"));
        const auto found = channels->channels(userId);
        if (!found)
            return HttpResponse::error(found.error());

        QJsonArray items;
        for (const NotificationChannel &channel : found.value())
            items.append(channel.toJsonMembers());
        const QJsonObject channelList{
                {QStringLiteral("notificationChannel"), items},
                {QStringLiteral("resourceURL"),
                 QString::fromUtf8(urls->channelsURL(userId).toEncoded())}};
        return HttpResponse::json(200, {{QStringLiteral("notificationChannelList"), channelList}});
    });

    router.addRoute(QStringLiteral("POST"), list, [channels](const HttpRequest &request) {
        const auto body = readJsonBody(request);
        if (!body)
            return HttpResponse::error(body.error());
        const auto requested = NotificationChannel::fromJson(body.value());
        if (!requested)
            return HttpResponse::error(requested.error());

        const auto result = channels->createChannel(request.variable(QStringLiteral("userId")),
                                                    requested.value());
        if (!result)
            return HttpResponse::error(result.error());
        return HttpResponse::created(result->channel.resourceURL, result->channel.toJson());
    });

    router.addRoute(QStringLiteral("GET"), single, [channels](const HttpRequest &request) {
        const auto channel = channels->channel(request.variable(QStringLiteral("userId")),
                                               request.variable(QStringLiteral("channelId")));
        if (!channel)
            return HttpResponse::error(channel.error());
        return HttpResponse::json(200, channel->toJson());
    });

    router.addRoute(QStringLiteral("DELETE"), single, [channels](const HttpRequest &request) {
        if (const auto empty = requireEmptyBody(request); !empty)
            return HttpResponse::error(empty.error());
        const auto deleted = channels->deleteChannel(request.variable(QStringLiteral("userId")),
                                                     request.variable(QStringLiteral("channelId")));
        if (!deleted)
            return HttpResponse::error(deleted.error());
        return HttpResponse::noContent();
    });
}

} // namespace Marquee
