#pragma once

#include <QJsonObject>
#include <QSignalSpy>
#include <QStringList>
#include <QUrl>
#include <QWebSocket>

#include <memory>

namespace MarqueeTest {

// A QWebSocket that records every text frame, for tests.
class WebSocketClient
{
public:
    static constexpr int TimeoutMs = 10000;

    WebSocketClient();

    // Opens url offering subprotocols and waits for the connection. Returns whether the
    // handshake succeeded.
    bool open(const QUrl &url, const QStringList &subprotocols);
    // Waits until at least count frames have arrived in total.
    bool waitForFrames(qsizetype count);
    // Waits until the server closes the connection.
    bool waitForDisconnected();

    QWebSocket &socket() { return m_socket; }
    QStringList frames() const { return m_frames; }
    QJsonObject frameJson(qsizetype index) const;

private:
    QWebSocket m_socket;
    QStringList m_frames;
};

} // namespace MarqueeTest
