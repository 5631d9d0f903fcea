#include "httpreceiver.h"

#include "rawhttprequest.h"

#include <QTcpSocket>

namespace MarqueeTest {

HttpReceiver::HttpReceiver(QList<int> statusScript, QObject *parent)
    : QObject(parent), m_script(std::move(statusScript))
{
    m_server.listen(QHostAddress::LocalHost, 0);
    connect(&m_server, &QTcpServer::newConnection, this, &HttpReceiver::handleConnection);
}

QUrl HttpReceiver::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/notify").arg(m_server.serverPort()));
}

void HttpReceiver::handleConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            const std::optional<RawHttpRequest> request = RawHttpRequest::take(socket);
            if (!request)
                return;
            m_heads.append(request->head.trimmed());
            m_bodies.append(request->body);

            const int status = m_script.isEmpty() ? 204 : m_script.takeFirst();
            m_sent.append(status);
            if (status == 0)
                return;
            socket->write("HTTP/1.1 " + QByteArray::number(status)
                          + " Scripted\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            socket->disconnectFromHost();
        });
    }
}

} // namespace MarqueeTest
