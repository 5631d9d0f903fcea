#include "rawhttprequest.h"

#include <QList>
#include <QTcpSocket>

namespace MarqueeTest {

std::optional<RawHttpRequest> RawHttpRequest::take(QTcpSocket *socket)
{
    const QByteArray buffered = socket->peek(1024 * 1024);
    const qsizetype headEnd = buffered.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return std::nullopt;

    qsizetype contentLength = 0;
    for (const QByteArray &line : buffered.left(headEnd).split('\n')) {
        if (line.toLower().startsWith("content-length:"))
            contentLength = line.mid(15).trimmed().toLongLong();
    }
    if (buffered.size() < headEnd + 4 + contentLength)
        return std::nullopt;

    RawHttpRequest request;
    request.head = socket->read(headEnd + 4);
    request.body = socket->read(contentLength);
    return request;
}

} // namespace MarqueeTest
