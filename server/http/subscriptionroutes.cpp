#include "subscriptionroutes.h"

#include "nms/subscriptionservice.h"
#include "requestbody.h"
#include "router.h"
#include "urlbuilder.h"

#include <QJsonArray>

namespace Marquee {

void addSubscriptionRoutes(Router &router, SubscriptionService *subscriptions,
                           const UrlBuilder *urls)
{
    const QString list = QStringLiteral("/nms/v1/{storeName}/{boxId}/subscriptions");
    const QString single = list + QStringLiteral("/{subscriptionId}");

    router.addRoute(QStringLiteral("GET"), list, [subscriptions, urls](const HttpRequest &request) {
        const QString storeName = request.variable(QStringLiteral("storeName"));
        const QString boxId = request.variable(QStringLiteral("boxId"));
        const auto found = subscriptions->subscriptions(storeName, boxId);
        if (!found)
            return HttpResponse::error(found.error());

        QJsonArray items;
        for (const NmsSubscription &subscription : found.value())
            items.append(subscription.toJsonMembers());
        const QJsonObject subscriptionList{
                {QStringLiteral("subscription"), items},
                {QStringLiteral("resourceURL"),
                 QString::fromUtf8(urls->subscriptionsURL(storeName, boxId).toEncoded())}};
        return HttpResponse::document(200, {{QStringLiteral("nmsSubscriptionList"), subscriptionList}});
    });

    router.addRoute(QStringLiteral("POST"), list, [subscriptions](const HttpRequest &request) {
        const auto body = readRequestDocument(request);
        if (!body)
            return HttpResponse::error(body.error());
        const auto requested = NmsSubscription::fromJson(body.value());
        if (!requested)
            return HttpResponse::error(requested.error());

        const auto result = subscriptions->createSubscription(
                request.variable(QStringLiteral("storeName")),
                request.variable(QStringLiteral("boxId")), requested.value());
        if (!result)
            return HttpResponse::error(result.error());
        return HttpResponse::created(result->subscription.resourceURL,
                                     result->subscription.toJson());
    });

    router.addRoute(QStringLiteral("GET"), single, [subscriptions](const HttpRequest &request) {
        const auto found = subscriptions->subscription(
                request.variable(QStringLiteral("storeName")),
                request.variable(QStringLiteral("boxId")),
                request.variable(QStringLiteral("subscriptionId")));
        if (!found)
            return HttpResponse::error(found.error());
        return HttpResponse::document(200, found->toJson());
    });

    router.addRoute(QStringLiteral("POST"), single, [subscriptions](const HttpRequest &request) {
        const auto body = readRequestDocument(request);
        if (!body)
            return HttpResponse::error(body.error());
        const auto update = NmsSubscriptionUpdate::fromJson(body.value());
        if (!update)
            return HttpResponse::error(update.error());

        const auto updated = subscriptions->updateSubscription(
                request.variable(QStringLiteral("storeName")),
                request.variable(QStringLiteral("boxId")),
                request.variable(QStringLiteral("subscriptionId")), update.value());
        if (!updated)
            return HttpResponse::error(updated.error());
        return HttpResponse::document(200, updated->toJson());
    });

    router.addRoute(QStringLiteral("DELETE"), single, [subscriptions](const HttpRequest &request) {
        if (const auto empty = requireEmptyBody(request); !empty)
            return HttpResponse::error(empty.error());
        const auto deleted = subscriptions->deleteSubscription(
                request.variable(QStringLiteral("storeName")),
                request.variable(QStringLiteral("boxId")),
                request.variable(QStringLiteral("subscriptionId")));
        if (!deleted)
            return HttpResponse::error(deleted.error());
        return HttpResponse::noContent();
    });
}

} // namespace Marquee
