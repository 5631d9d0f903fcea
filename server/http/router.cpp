#include "router.h"

#include <QUrl>

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
    for (const QString &segment : std::as_const(route.segments)) {
        if (!isVariable(segment))
            ++route.literalCount;
    }
    route.handler = std::move(handler);
    m_routes.append(std::move(route));
}

bool Router::matches(const Route &route, const QStringList &encodedSegments,
                     QHash<QString, QString> *variables)
{
    if (route.segments.size() != encodedSegments.size())
        return false;

    for (qsizetype i = 0; i < route.segments.size(); ++i) {
        const QString &expected = route.segments.at(i);
        const QString &actual = encodedSegments.at(i);
        if (isVariable(expected)) {
            if (variables)
                variables->insert(expected.mid(1, expected.size() - 2),
                                  QUrl::fromPercentEncoding(actual.toUtf8()));
        } else if (expected != actual) {
            return false;
        }
    }
    return true;
}

HttpResponse Router::dispatch(HttpRequest request) const
{
    // Find the best literal score among the patterns that match the path.
    int bestScore = -1;
    for (const Route &route : m_routes) {
        if (route.literalCount > bestScore && matches(route, request.encodedSegments, nullptr))
            bestScore = route.literalCount;
    }
    if (bestScore < 0)
        return HttpResponse::error(RequestError::notFound(QStringLiteral("resource"),
                                                          request.encodedPath()));

    QStringList allowed;
    for (const Route &route : m_routes) {
        if (route.literalCount != bestScore || !matches(route, request.encodedSegments, nullptr))
            continue;
        if (route.method == request.method) {
            matches(route, request.encodedSegments, &request.pathVariables);
            return route.handler(request);
        }
        allowed.append(route.method);
    }
    return HttpResponse::methodNotAllowed(request.method, allowed);
}

} // namespace Marquee
