#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

namespace MarqueeTest {

// A minimal HTTP/1.1 endpoint on an ephemeral loopback port that plays the part of a
// remote notifyURL. It records every request body and responds to each request with the next status
// from a script, then 204 once the script is used up. Every response closes the
// connection. A status of 0 in the script leaves that request unanswered with its
// connection open, as a receiver that hangs.
class HttpReceiver : public QObject
{
    Q_OBJECT

public:
    explicit HttpReceiver(QList<int> statusScript = {}, QObject *parent = nullptr);

    QUrl url() const;
    QList<QByteArray> bodies() const { return m_bodies; }
    // The request line and headers of every request, in order, as received.
    QList<QByteArray> heads() const { return m_heads; }
    // Statuses sent so far, in order; 0 for a request left unanswered.
    QList<int> statuses() const { return m_sent; }

private:
    void handleConnection();

    QTcpServer m_server;
    QList<int> m_script;
    QList<QByteArray> m_bodies;
    QList<QByteArray> m_heads;
    QList<int> m_sent;
};

} // namespace MarqueeTest
