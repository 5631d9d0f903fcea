#include "apiserver.h"

#include "logging.h"
#include "pendingresponse.h"

#include <QHttpServerRequest>
#include <QTcpSocket>

namespace Marquee {

namespace {

// Whether an Accept header admits application/json. The most specific media range that
// matches decides (application/json, then application/*, then */*), and a quality of 0
// rules the type out. A missing header admits anything.
bool acceptsJson(const QByteArray &accept)
{
    if (accept.trimmed().isEmpty())
        return true;

    int bestSpecificity = 0;
    bool accepted = false;
    for (const QByteArray &range : accept.split(',')) {
        const QList<QByteArray> parts = range.split(';');
        const QByteArray mediaRange = parts.first().trimmed().toLower();
        const int specificity = mediaRange == "application/json" ? 3
                : mediaRange == "application/*"                 ? 2
                : mediaRange == "*/*"                           ? 1
                                                                : 0;
        if (specificity <= bestSpecificity)
            continue;

        double quality = 1.0;
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QByteArray parameter = parts.at(i).trimmed().toLower();
            if (parameter.startsWith("q="))
                quality = parameter.mid(2).toDouble();
        }
        bestSpecificity = specificity;
        accepted = quality > 0.0;
    }
    return accepted;
}

} // namespace

void ApiServer::writeResponse(const HttpRequest &request, QTcpSocket *socket,
                              const HttpResponse &response)
{
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
    head += "\r\n";

    const bool sendsBody = response.status != 204 && request.method != QLatin1String("HEAD");
    socket->write(sendsBody ? head + response.body : head);
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
    const HttpRequest copy = HttpRequest::fromServerRequest(request);
    finishPendingResponse(socket);

    HttpResponse response;
    if (!acceptsJson(copy.header("accept"))) {
        response = HttpResponse::error(RequestError::notAcceptable(
                QString::fromLatin1(copy.header("accept")), {QStringLiteral("application/json")}));
    } else {
        response = m_router.dispatch(copy);
    }

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
    writeResponse(HttpRequest::fromServerRequest(request), socket,
                  HttpResponse::error(RequestError::notFound(QStringLiteral("resource"),
                                                             request.url().path())));
}

} // namespace Marquee
