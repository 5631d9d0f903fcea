#include "asyncrequest.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QTest>

namespace MarqueeTest {

AsyncRequest::AsyncRequest(const QByteArray &method, const QUrl &url, const QByteArray &body,
                           const QByteArray &contentType)
{
    QNetworkRequest request(url);
    if (!body.isEmpty() && !contentType.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Content-Type"), contentType);
    m_reply = m_network.sendCustomRequest(request, method, body);
    QObject::connect(m_reply, &QNetworkReply::finished, m_reply, [this] { m_finished = true; });
}

AsyncRequest::~AsyncRequest()
{
    if (m_reply)
        m_reply->abort();
}

bool AsyncRequest::isFinished() const
{
    return m_finished;
}

bool AsyncRequest::waitForFinished(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!m_finished && !deadline.hasExpired())
        QTest::qWait(5);
    return m_finished;
}

void AsyncRequest::abort()
{
    if (m_reply)
        m_reply->abort();
}

TestReply AsyncRequest::reply() const
{
    TestReply result;
    if (!m_finished || !m_reply)
        return result;
    result.status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = m_reply->peek(m_reply->bytesAvailable());
    result.json = QJsonDocument::fromJson(result.body).object();
    result.headers = m_reply->rawHeaderPairs();
    return result;
}

} // namespace MarqueeTest
