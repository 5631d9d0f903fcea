#pragma once

#include "httprequest.h"
#include "httpresponse.h"
#include "result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace Marquee {

// Maps a method and a path pattern to a handler. Patterns are written with {name} for
// one path segment ("/movies/v1/{boxId}/movies"); variables are matched on the encoded
// segment and percent-decoded once, so a tel URI with an encoded '/' stays one variable,
// and a variable that does not decode to valid UTF-8 gets 400. A path that matches with
// another method gets 405 with the Allow header; no match at all gets 404. HEAD runs the
// GET handler. Where several patterns match, the one whose first literal segment comes
// earliest wins, so /notificationchannel/v1/callbacks/{callbackId} takes precedence over
// /notificationchannel/v1/{userId}/channels.
class Router
{
public:
    using Handler = std::function<HttpResponse(const HttpRequest &request)>;

    void addRoute(const QString &method, const QString &pattern, Handler handler);
    HttpResponse dispatch(HttpRequest request) const;

private:
    struct Route
    {
        QString method;
        QStringList segments;
        // One character per segment, '1' for a literal and '0' for a variable; of two
        // patterns that match a path, the greater specificity wins.
        QString specificity;
        Handler handler;
    };

    static bool matches(const Route &route, const QStringList &encodedSegments);
    // Decodes the route's variables into request.pathVariables.
    static Result<void> decodeVariables(const Route &route, HttpRequest &request);

    QList<Route> m_routes;
};

} // namespace Marquee
