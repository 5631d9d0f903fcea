#include "channelroutes.h"

#include "channels/channelservice.h"
#include "channels/longpollgateway.h"
#include "longpollingrequest.h"
#include "notificationchannellifetime.h"
#include "requestbody.h"
#include "router.h"
#include "urlbuilder.h"

#include <QJsonArray>

namespace Marquee {

void addChannelRoutes(Router &router, ChannelService *channels, LongPollGateway *longPolls,
                      const UrlBuilder *urls)
{
    const QString list = QStringLiteral("/notificationchannel/v1/{userId}/channels");
    const QString single = list + QStringLiteral("/{channelId}");
    const QString lifetime = single + QStringLiteral("/channelLifetime");
    const QString notifications = single + QStringLiteral("/notifications");

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

    router.addRoute(QStringLiteral("GET"), lifetime, [channels](const HttpRequest &request) {
        if (const auto empty = requireEmptyBody(request); !empty)
            return HttpResponse::error(empty.error());
        const auto remaining = channels->channelLifetime(
                request.variable(QStringLiteral("userId")),
                request.variable(QStringLiteral("channelId")));
        if (!remaining)
            return HttpResponse::error(remaining.error());
        return HttpResponse::json(200, NotificationChannelLifetime{remaining.value()}.toJson());
    });

    router.addRoute(QStringLiteral("PUT"), lifetime, [channels](const HttpRequest &request) {
        // An empty body requests the default lifetime, like an absent channelLifetime.
        NotificationChannelLifetime requested;
        if (!request.body.trimmed().isEmpty()) {
            const auto body = readJsonBody(request);
            if (!body)
                return HttpResponse::error(body.error());
            const auto parsed = NotificationChannelLifetime::fromJson(body.value());
            if (!parsed)
                return HttpResponse::error(parsed.error());
            requested = parsed.value();
        }

        const auto granted = channels->updateChannelLifetime(
                request.variable(QStringLiteral("userId")),
                request.variable(QStringLiteral("channelId")), requested.channelLifetime);
        if (!granted)
            return HttpResponse::error(granted.error());
        return HttpResponse::json(200, NotificationChannelLifetime{granted.value()}.toJson());
    });

    router.addRoute(QStringLiteral("POST"), notifications, [longPolls](const HttpRequest &request) {
        // The spec's empty longPollingRequestParameters may come as no body at all.
        LongPollingRequest parameters;
        if (!request.body.trimmed().isEmpty()) {
            const auto body = readJsonBody(request);
            if (!body)
                return HttpResponse::error(body.error());
            const auto parsed = LongPollingRequest::fromJson(body.value());
            if (!parsed)
                return HttpResponse::error(parsed.error());
            parameters = parsed.value();
        }
        return longPolls->poll(request.variable(QStringLiteral("userId")),
                               request.variable(QStringLiteral("channelId")), parameters);
    });
}

} // namespace Marquee
