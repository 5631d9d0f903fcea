#include "apiserver.h"

#include "contentnegotiation.h"
#include "logging.h"
#include "pendingresponse.h"

#include <QHttpServerRequest>
#include <QTcpSocket>

namespace Marquee {

void ApiServer::writeResponse(const HttpRequest &request, QTcpSocket *socket,
                              const HttpResponse &unrendered)
{
    // Deferred responses are rendered here, in the format negotiated when they arrived.
    HttpResponse response = unrendered;
    response.render(request.responseFormat);

    // The response is written as QHttpServerResponder 6.4 writes it, but without a
    // responder, because a responder needs the QHttpServerRequest that a deferred response
    // can no longer rely on.
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' '
            + HttpResponse::reasonPhrase(response.status) + "\r\n";
    for (const auto &[name, value] : response.headers)
        head += name + ": " + value + "\r\n";

    // A 204 has no body and must not state a length (RFC 9110, section 8.6). A HEAD
    // response states the length of the GET body without sending it.
    if (response.status != 204)
        head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";

    // A client that asks to close gets its response and then the end of the connection.
    const bool closes = request.header("connection").toLower().contains("close");
    if (closes)
        head += "Connection: close\r\n";
    head += "\r\n";

    const bool sendsBody = response.status != 204 && request.method != QLatin1String("HEAD");
    socket->write(sendsBody ? head + response.body : head);
    if (closes)
        socket->disconnectFromHost();
}

void ApiServer::finishPendingResponse(QTcpSocket *socket)
{
    const auto pendingResponses =
            socket->findChildren<PendingResponse *>(Qt::FindDirectChildrenOnly);
    for (PendingResponse *pending : pendingResponses) {
        if (!pending->isOpen())
            continue;

        pending->interrupt();
        // An owner that did not respond leaves the client waiting forever otherwise.
        if (pending->isOpen()) {
            qCWarning(lcHttp) << "A pending" << pending->request().method
                              << pending->request().encodedPath()
                              << "was not answered when the next request arrived";
            pending->respond(HttpResponse::error(RequestError::internalError(
                    QStringLiteral("the request was interrupted by the next request on its "
                                   "connection"))));
        }
    }
}

ApiServer::ApiServer(QObject *parent) : QAbstractHttpServer(parent) { }

bool ApiServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    HttpRequest copy = HttpRequest::fromServerRequest(request);
    finishPendingResponse(socket);

    // A client that accepts neither format gets the 406 in JSON, the default.
    HttpResponse response;
    const std::optional<BodyFormat> format = negotiateResponseFormat(copy.header("accept"));
    if (!format) {
        response = HttpResponse::error(RequestError::notAcceptable(
                QString::fromLatin1(copy.header("accept")),
                {QStringLiteral("application/json"), QStringLiteral("application/xml")}));
    } else {
        copy.responseFormat = *format;
        response = m_router.dispatch(copy);
    }
    response.render(copy.responseFormat);

    if (response.isDeferred()) {
        qCDebug(lcHttp) << copy.method << copy.encodedPath() << "deferred";
        auto *pending = new PendingResponse(copy, socket, &ApiServer::writeResponse);
        response.deferredCallback(pending);
        return true;
    }

    if (response.status >= 500) {
        qCWarning(lcHttp) << copy.method << copy.encodedPath() << "failed with" << response.status
                          << response.body;
    } else {
        qCDebug(lcHttp) << copy.method << copy.encodedPath() << response.status;
    }

    writeResponse(copy, socket, response);
    return true;
}

void ApiServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest() writes a response for every request, so this runs only if that changes.
    HttpResponse response = HttpResponse::error(
            RequestError::notFound(QStringLiteral("resource"), request.url().path()));
    writeResponse(HttpRequest::fromServerRequest(request), socket, response);
}

} // namespace Marquee
