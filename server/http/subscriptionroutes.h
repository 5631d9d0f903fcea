#pragma once

namespace Marquee {

class Router;
class SubscriptionService;
class UrlBuilder;

// Registers /nms/v1/{storeName}/{boxId}/subscriptions and its individual subscriptions.
void addSubscriptionRoutes(Router &router, SubscriptionService *subscriptions,
                           const UrlBuilder *urls);

} // namespace Marquee
