#include "callbackroutes.h"

#include "bodyformat.h"
#include "channels/channelservice.h"
#include "router.h"

namespace Marquee {

void addCallbackRoutes(Router &router, ChannelService *channels)
{
    router.addRoute(QStringLiteral("POST"),
                    QStringLiteral("/notificationchannel/v1/callbacks/{callbackId}"),
                    [channels](const HttpRequest &request) {
                        // A body without a Content-Type is read as JSON, as everywhere.
                        const QByteArray contentType = request.header("content-type");
                        const std::optional<BodyFormat> format = contentType.isEmpty()
                                ? BodyFormat::Json
                                : bodyFormatOfMediaType(contentType);
                        if (!format) {
                            return HttpResponse::error(RequestError::unsupportedMediaType(
                                    QString::fromLatin1(request.header("content-type")),
                                    {QStringLiteral("application/json"),
                                     QStringLiteral("application/xml")}));
                        }

                        const auto delivered = channels->deliver(
                                request.variable(QStringLiteral("callbackId")), request.body,
                                *format);
                        if (!delivered)
                            return HttpResponse::error(delivered.error());
                        return HttpResponse::noContent();
                    });
}

} // namespace Marquee
