#include "apiserver.h"

#include "logging.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>

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
