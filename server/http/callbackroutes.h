#pragma once

namespace Marquee {

class ChannelService;
class Router;

// Registers the callbackURLs, /notificationchannel/v1/callbacks/{callbackId}.
void addCallbackRoutes(Router &router, ChannelService *channels);

} // namespace Marquee
