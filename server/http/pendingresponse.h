#pragma once

#include "httprequest.h"
#include "httpresponse.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QTcpSocket;

namespace Marquee {

// A request whose route responds later, such as a parked long poll. ApiServer creates it as
// a child of the connection's socket, so it never outlives the socket, and hands it to the
// route's deferred callback. The owner responds to it once with respond().
//
// It keeps a copy of the request, never QHttpServerRequest, because the connection reuses
// that object for the next request it reads. When the client disconnects first, the
// response is dropped unwritten and abandoned() is emitted.
class PendingResponse : public QObject
{
    Q_OBJECT

public:
    using Writer = std::function<void(const HttpRequest &request, QTcpSocket *socket,
                                      const HttpResponse &response)>;

    PendingResponse(HttpRequest request, QTcpSocket *socket, Writer writer);

    const HttpRequest &request() const { return m_request; }
    // Whether the request still waits for its response and its client is connected.
    bool isOpen() const;

    // Writes response unless the request has its response already or its client has gone.
    // Returns whether the response was written to a connected socket.
    bool respond(const HttpResponse &response);

    // Asks the owner to respond now, because another request arrived on the same
    // connection and HTTP/1.1 responses keep the request order. Emits interrupted().
    void interrupt();

Q_SIGNALS:
    // The client closed the connection before a response was written.
    void abandoned();
    // Another request arrived behind this one; the owner must respond before returning.
    void interrupted();

private:
    void close();

    HttpRequest m_request;
    QPointer<QTcpSocket> m_socket;
    Writer m_writer;
    bool m_open = true;
};

} // namespace Marquee
