#pragma once

#include "router.h"

#include <QAbstractHttpServer>

namespace Marquee {

// The REST listener. Every request is copied into an HttpRequest and dispatched through the
// Router. Most routes respond before handleRequest() returns; a route that returns
// HttpResponse::deferred() gets a PendingResponse and responds later (the long poll). No route
// keeps a reference to the connection's request object, which the connection reuses.
//
// A request that arrives on a connection whose previous request is still pending first
// interrupts that one, and its owner responds at once. Only then is the new request
// dispatched, so responses keep the request order that HTTP/1.1 requires.
// NOTE: QHttpServer 6.4 reads a whole request body into memory with no size limit. A
// guard in front of it, with header and body size checks on the socket, is still missing.
class ApiServer : public QAbstractHttpServer
{
    Q_OBJECT

public:
    explicit ApiServer(QObject *parent = nullptr);

    Router &router() { return m_router; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    // The one place that writes a response. request is the copy taken when the request
    // arrived, so a deferred response is written correctly after the connection has read
    // another request.
    static void writeResponse(const HttpRequest &request, QTcpSocket *socket,
                              const HttpResponse &response);
    // Responds to a pending request on socket before a new request on it is handled.
    static void finishPendingResponse(QTcpSocket *socket);

    Router m_router;
};

} // namespace Marquee
