#pragma once

#include "router.h"

#include <QAbstractHttpServer>

namespace Marquee {

// The REST listener. Every request is copied into an HttpRequest, dispatched through the
// Router and responded to before handleRequest() returns, so no route keeps a reference to
// the connection's request object.
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
    static void writeResponse(const QHttpServerRequest &request, QTcpSocket *socket,
                              const HttpResponse &response);

    Router m_router;
};

} // namespace Marquee
