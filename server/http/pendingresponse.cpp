#include "pendingresponse.h"

#include <QTcpSocket>

namespace Marquee {

PendingResponse::PendingResponse(HttpRequest request, QTcpSocket *socket, Writer writer)
    : QObject(socket), m_request(std::move(request)), m_socket(socket), m_writer(std::move(writer))
{
    connect(socket, &QTcpSocket::disconnected, this, [this] {
        if (!m_open)
            return;
        close();
        Q_EMIT abandoned();
    });
}

bool PendingResponse::isOpen() const
{
    return m_open && m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

bool PendingResponse::respond(const HttpResponse &response)
{
    if (!isOpen()) {
        close();
        return false;
    }

    m_writer(m_request, m_socket, response);
    close();
    return true;
}

void PendingResponse::interrupt()
{
    if (m_open)
        Q_EMIT interrupted();
}

void PendingResponse::close()
{
    m_open = false;
    deleteLater();
}

} // namespace Marquee
