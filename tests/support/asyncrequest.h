#pragma once

#include "testclient.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QUrl>

namespace MarqueeTest {

// One HTTP request that runs while the test goes on, for long polls that stay parked.
class AsyncRequest
{
public:
    AsyncRequest(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
                 const QByteArray &contentType = QByteArrayLiteral("application/json"));
    ~AsyncRequest();

    bool isFinished() const;
    // Waits at most timeoutMs milliseconds for the response.
    bool waitForFinished(int timeoutMs = TestClient::TimeoutMs);
    // Closes the connection without waiting for the response.
    void abort();
    // The response; status 0 until it has arrived.
    TestReply reply() const;

private:
    QNetworkAccessManager m_network;
    QPointer<QNetworkReply> m_reply;
    bool m_finished = false;
};

} // namespace MarqueeTest
