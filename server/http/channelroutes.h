#pragma once

namespace Marquee {

class ChannelService;
class LongPollGateway;
class Router;
class UrlBuilder;

// Registers /notificationchannel/v1/{userId}/channels and its sub-resources: the channels,
// each channel, its channelLifetime and the long-poll channelURL .../notifications.
void addChannelRoutes(Router &router, ChannelService *channels, LongPollGateway *longPolls,
                      const UrlBuilder *urls);

} // namespace Marquee
