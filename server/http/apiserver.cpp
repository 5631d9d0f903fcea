#include "apiserver.h"

#include "contentnegotiation.h"
#include "logging.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>

namespace Marquee {

void ApiServer::writeResponse(const QHttpServerRequest &request, QTcpSocket *socket,
                              const HttpResponse &response)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
    for (const auto &[name, value] : response.headers)
        responder.writeHeader(name, value);

    // A 204 has no body and must not state a length (RFC 9110, section 8.6). A HEAD
    // response states the length of the GET body without sending it. writeBody() also
    // ends the header block, so it runs in every case.
    if (response.status != 204)
        responder.writeHeader(QByteArrayLiteral("Content-Length"),
                              QByteArray::number(response.body.size()));
    const bool sendsBody = response.status != 204
            && request.method() != QHttpServerRequest::Method::Head;
    responder.writeBody(sendsBody ? response.body : QByteArray());
}

ApiServer::ApiServer(QObject *parent) : QAbstractHttpServer(parent) { }

bool ApiServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    HttpRequest copy = HttpRequest::fromServerRequest(request);

    // A client that accepts neither format gets the 406 in JSON, the default.
    HttpResponse response;
    const std::optional<BodyFormat> format = negotiateResponseFormat(copy.header("accept"));
    if (!format) {
        response = HttpResponse::error(RequestError::notAcceptable(
                QString::fromLatin1(copy.header("accept")),
                {QStringLiteral("application/json"), QStringLiteral("application/xml")}));
        response.render(BodyFormat::Json);
    } else {
        copy.responseFormat = *format;
        response = m_router.dispatch(copy);
        response.render(*format);
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
    HttpResponse response = HttpResponse::error(
            RequestError::notFound(QStringLiteral("resource"), request.url().path()));
    response.render(BodyFormat::Json);
    writeResponse(request, socket, response);
}

} // namespace Marquee
