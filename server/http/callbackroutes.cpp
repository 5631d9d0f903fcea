#include "callbackroutes.h"

#include "channels/channelservice.h"
#include "router.h"

namespace Marquee {

namespace {

// The format of a notification body by its Content-Type; a body without one is read as
// JSON. std::nullopt for any other media type.
std::optional<BodyFormat> notificationFormat(const HttpRequest &request)
{
    const QByteArray mediaType =
            request.header("content-type").split(';').first().trimmed().toLower();
    if (mediaType.isEmpty() || mediaType == "application/json"
        || (mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
        return BodyFormat::Json;
    }
    if (mediaType == "application/xml" || mediaType == "text/xml"
        || (mediaType.startsWith("application/") && mediaType.endsWith("+xml"))) {
        return BodyFormat::Xml;
    }
    return std::nullopt;
}

} // namespace

void addCallbackRoutes(Router &router, ChannelService *channels)
{
    router.addRoute(QStringLiteral("POST"),
                    QStringLiteral("/notificationchannel/v1/callbacks/{callbackId}"),
                    [channels](const HttpRequest &request) {
                        const std::optional<BodyFormat> format = notificationFormat(request);
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
