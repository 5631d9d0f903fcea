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

namespace {

// The form fields of a channel creation request (Appendix C of the specification).
FormShape channelFormShape()
{
    const auto field = [](const char *name, QStringList path) {
        return FormField{QString::fromLatin1(name), path};
    };
    return {QStringLiteral("notificationChannel"),
            {field("clientCorrelator", {QStringLiteral("clientCorrelator")}),
             field("applicationTag", {QStringLiteral("applicationTag")}),
             field("channelType", {QStringLiteral("channelType")}),
             field("channelLifetime", {QStringLiteral("channelLifetime")}),
             field("maxNotifications",
                   {QStringLiteral("channelData"), QStringLiteral("maxNotifications")}),
             field("maxWaitTime", {QStringLiteral("channelData"), QStringLiteral("maxWaitTime")})}};
}

// The form fields of a long poll (Appendix C). The specification defines none besides
// the empty parameters element, so this server reads its maxWaitTime extension only.
FormShape pollFormShape()
{
    return {QStringLiteral("longPollingRequestParameters"),
            {FormField{QStringLiteral("maxWaitTime"), {QStringLiteral("maxWaitTime")}}}};
}

} // namespace

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
        return HttpResponse::document(200, {{QStringLiteral("notificationChannelList"), channelList}});
    });

    router.addRoute(QStringLiteral("POST"), list, [channels](const HttpRequest &request) {
        const auto body = readRequestDocument(request, channelFormShape());
        if (!body)
            return HttpResponse::error(body.error());
        const auto requested = NotificationChannel::fromJson(body.value());
        if (!requested)
            return HttpResponse::error(requested.error());

        // Appendix C defines the form encoding for polling channels only.
        if (isFormBody(request) && requested->channelType == QLatin1String("WebSockets")) {
            return HttpResponse::error(RequestError::unsupportedMediaType(
                    QStringLiteral("application/x-www-form-urlencoded for a WebSockets channel"),
                    {QStringLiteral("application/json"), QStringLiteral("application/xml")}));
        }

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
        return HttpResponse::document(200, channel->toJson());
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
        return HttpResponse::document(200, NotificationChannelLifetime{remaining.value()}.toJson());
    });

    router.addRoute(QStringLiteral("PUT"), lifetime, [channels](const HttpRequest &request) {
        // An empty body requests the default lifetime, like an absent channelLifetime.
        NotificationChannelLifetime requested;
        if (!request.body.trimmed().isEmpty()) {
            const auto body = readRequestDocument(request);
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
        return HttpResponse::document(200, NotificationChannelLifetime{granted.value()}.toJson());
    });

    router.addRoute(QStringLiteral("POST"), notifications, [longPolls](const HttpRequest &request) {
        // The spec's empty longPollingRequestParameters may come as no body at all.
        LongPollingRequest parameters;
        if (!request.body.trimmed().isEmpty()) {
            const auto body = readRequestDocument(request, pollFormShape());
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
