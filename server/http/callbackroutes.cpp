#include "callbackroutes.h"

#include "channels/channelservice.h"
#include "requestbody.h"
#include "router.h"

namespace Marquee {

void addCallbackRoutes(Router &router, ChannelService *channels)
{
    router.addRoute(QStringLiteral("POST"),
                    QStringLiteral("/notificationchannel/v1/callbacks/{callbackId}"),
                    [channels](const HttpRequest &request) {
                        const std::optional<BodyFormat> format = requestBodyFormat(request);
                        if (!format)
                            return HttpResponse::error(unsupportedBodyFormat(request));

                        const auto delivered = channels->deliver(
                                request.variable(QStringLiteral("callbackId")), request.body,
                                *format);
                        if (!delivered)
                            return HttpResponse::error(delivered.error());
                        return HttpResponse::noContent();
                    });
}

} // namespace Marquee
