#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QUrl>

namespace MarqueeTest {

// A finished HTTP exchange, as a test reads it.
struct TestReply
{
    // 0 when no HTTP response arrived (connection error or timeout).
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QList<QPair<QByteArray, QByteArray>> headers;

    QByteArray header(QByteArrayView name) const;
    // requestError.serviceException.messageId or the policyException's.
    QString messageId() const;
};

// Sends one HTTP request at a time over loopback and waits for the reply, at most
// TimeoutMs milliseconds.
class TestClient
{
public:
    static constexpr int TimeoutMs = 10000;

    TestReply send(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
                   const QByteArray &contentType = QByteArrayLiteral("application/json"),
                   const QList<QPair<QByteArray, QByteArray>> &extraHeaders = {});
    TestReply get(const QUrl &url) { return send("GET", url); }
    TestReply postJson(const QUrl &url, const QJsonObject &document);

private:
    QNetworkAccessManager m_network;
};

} // namespace MarqueeTest
