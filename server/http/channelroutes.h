#pragma once

namespace Marquee {

class ChannelService;
class Router;
class UrlBuilder;

// Registers /notificationchannel/v1/{userId}/channels and its sub-resources.
void addChannelRoutes(Router &router, ChannelService *channels, const UrlBuilder *urls);

} // namespace Marquee
