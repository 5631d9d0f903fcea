#include "apiserver.h"

#include "logging.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>

namespace Marquee {

namespace {

// Whether an Accept header admits a JSON response. A missing header admits anything.
bool acceptsJson(const QByteArray &accept)
{
    if (accept.trimmed().isEmpty())
        return true;

    for (const QByteArray &range : accept.split(',')) {
        const QByteArray mediaRange = range.split(';').first().trimmed().toLower();
        if (mediaRange == "*/*" || mediaRange == "application/*" || mediaRange == "application/json"
            || mediaRange.endsWith("+json")) {
            return true;
        }
    }
    return false;
}

} // namespace

void ApiServer::writeResponse(const QHttpServerRequest &request, QTcpSocket *socket,
                              const HttpResponse &response)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
    for (const auto &[name, value] : response.headers)
        responder.writeHeader(name, value);
    responder.writeHeader(QByteArrayLiteral("Content-Length"),
                          QByteArray::number(response.body.size()));
    responder.writeBody(response.body);
}

ApiServer::ApiServer(QObject *parent) : QAbstractHttpServer(parent) { }

bool ApiServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const HttpRequest copy = HttpRequest::fromServerRequest(request);

    HttpResponse response;
    if (!acceptsJson(copy.header("accept"))) {
        response = HttpResponse::error(RequestError::notAcceptable(
                QString::fromLatin1(copy.header("accept")), {QStringLiteral("application/json")}));
    } else {
        response = m_router.dispatch(copy);
    }

    if (response.status >= 500) {
        qCWarning(lcHttp) << copy.method << copy.encodedPath() << "failed with" << response.status
                          << response.body;
    } else {
        qCDebug(lcHttp) << copy.method << copy.encodedPath() << response.status;
    }

    writeResponse(request, socket, response);
    return true;
}

void ApiServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest() writes a response for every request, so this runs only if that changes.
    writeResponse(request, socket,
                  HttpResponse::error(RequestError::notFound(QStringLiteral("resource"),
                                                             request.url().path())));
}

} // namespace Marquee
