#include "testclient.h"

#include "http/headerlist.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>

namespace MarqueeTest {

QByteArray TestReply::header(QByteArrayView name) const
{
    return Marquee::headerValue(headers, name);
}

QString TestReply::messageId() const
{
    const QJsonObject error = json.value(QStringLiteral("requestError")).toObject();
    for (const QString &kind : {QStringLiteral("serviceException"),
                                QStringLiteral("policyException")}) {
        if (error.contains(kind))
            return error.value(kind).toObject().value(QStringLiteral("messageId")).toString();
    }
    return QString();
}

TestReply TestClient::send(const QByteArray &method, const QUrl &url, const QByteArray &body,
                           const QByteArray &contentType,
                           const QList<QPair<QByteArray, QByteArray>> &extraHeaders)
{
    QNetworkRequest request(url);
    if (!body.isEmpty() && !contentType.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Content-Type"), contentType);
    for (const auto &[name, value] : extraHeaders)
        request.setRawHeader(name, value);

    // QNetworkAccessManager expects no body after a HEAD response only when head() sent it.
    QNetworkReply *reply = method == "HEAD" ? m_network.head(request)
                                            : m_network.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(TimeoutMs);

    TestReply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.json = QJsonDocument::fromJson(result.body).object();
    result.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return result;
}

TestReply TestClient::postJson(const QUrl &url, const QJsonObject &document)
{
    return send("POST", url, QJsonDocument(document).toJson(QJsonDocument::Compact));
}

} // namespace MarqueeTest
