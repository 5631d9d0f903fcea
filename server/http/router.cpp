#include "router.h"

#include "pathsegment.h"

namespace Marquee {

namespace {

bool isVariable(const QString &segment)
{
    return segment.startsWith(QLatin1Char('{')) && segment.endsWith(QLatin1Char('}'));
}

} // namespace

void Router::addRoute(const QString &method, const QString &pattern, Handler handler)
{
    Route route;
    route.method = method;
    route.segments = pattern.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString &segment : std::as_const(route.segments))
        route.specificity += isVariable(segment) ? QLatin1Char('0') : QLatin1Char('1');
    route.handler = std::move(handler);
    m_routes.append(std::move(route));
}

bool Router::matches(const Route &route, const QStringList &encodedSegments)
{
    if (route.segments.size() != encodedSegments.size())
        return false;

    for (qsizetype i = 0; i < route.segments.size(); ++i) {
        const QString &expected = route.segments.at(i);
        if (!isVariable(expected) && expected != encodedSegments.at(i))
            return false;
    }
    return true;
}

Result<void> Router::decodeVariables(const Route &route, HttpRequest &request)
{
    for (qsizetype i = 0; i < route.segments.size(); ++i) {
        const QString &segment = route.segments.at(i);
        if (!isVariable(segment))
            continue;

        const QString name = segment.mid(1, segment.size() - 2);
        const QString &encoded = request.encodedSegments.at(i);
        const std::optional<QString> decoded = decodePathSegment(encoded);
        if (!decoded) {
            return RequestError::invalidValue(name, encoded,
                                              QStringLiteral("not valid UTF-8 once "
                                                             "percent-decoded"));
        }
        request.pathVariables.insert(name, *decoded);
    }
    return {};
}

HttpResponse Router::dispatch(HttpRequest request) const
{
    // Only the most specific of the patterns that match the path take part.
    QString best;
    for (const Route &route : m_routes) {
        if (route.specificity > best && matches(route, request.encodedSegments))
            best = route.specificity;
    }
    if (best.isEmpty())
        return HttpResponse::error(RequestError::notFound(QStringLiteral("resource"),
                                                          request.encodedPath()));

    const QString method = request.method == QLatin1String("HEAD") ? QStringLiteral("GET")
                                                                    : request.method;
    QStringList allowed;
    for (const Route &route : m_routes) {
        if (route.specificity != best || !matches(route, request.encodedSegments))
            continue;
        if (route.method == method) {
            if (const Result<void> decoded = decodeVariables(route, request); !decoded)
                return HttpResponse::error(decoded.error());
            return route.handler(request);
        }
        if (!allowed.contains(route.method))
            allowed.append(route.method);
    }
    return HttpResponse::methodNotAllowed(request.method, allowed);
}

} // namespace Marquee
