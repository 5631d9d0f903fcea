#pragma once

#include <QByteArray>

#include <optional>

class QTcpSocket;

namespace MarqueeTest {

// One HTTP/1.1 request as a test server reads it off a socket.
struct RawHttpRequest
{
    // The request line and headers, up to and including the blank line.
    QByteArray head;
    QByteArray body;

    // Takes the next complete request from the socket: its head and Content-Length bytes of
    // body. std::nullopt, leaving the socket's data unread, while the request is incomplete.
    static std::optional<RawHttpRequest> take(QTcpSocket *socket);
};

} // namespace MarqueeTest
