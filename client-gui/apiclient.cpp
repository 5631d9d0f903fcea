#include "apiclient.h"

#include "clientlogging.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace Marquee {

namespace {

QString encodedSegment(const QString &segment)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(segment));
}

QByteArray compact(const QJsonObject &body)
{
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

} // namespace

ApiClient::ApiClient(QObject *parent)
    : QObject(parent), m_network(new QNetworkAccessManager(this))
{
}

ApiClient::~ApiClient() = default;

void ApiClient::setServerUrl(const QUrl &url)
{
    m_serverUrl = url.adjusted(QUrl::StripTrailingSlash);
}

void ApiClient::setUserId(const QString &userId)
{
    m_userId = userId;
}

void ApiClient::setBearerToken(const QString &token)
{
    m_bearerToken = token.trimmed().toUtf8();
}

QUrl ApiClient::resolve(const QString &encodedPath, const QUrlQuery &query) const
{
    // The path is built percent-encoded so that a user id such as tel:+19585550100 keeps
    // its reserved characters as %3A and %2B, as the server expects.
    QUrl url(m_serverUrl.toString(QUrl::FullyEncoded) + encodedPath, QUrl::StrictMode);
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

QUrl ApiClient::channelsUrl() const
{
    return resolve(QStringLiteral("/notificationchannel/v1/%1/channels").arg(encodedSegment(m_userId)));
}

QUrl ApiClient::boxesUrl() const
{
    return resolve(QStringLiteral("/movies/v1/boxes"));
}

QUrl ApiClient::moviesUrl(const QString &boxId, const QUrlQuery &query) const
{
    return resolve(QStringLiteral("/movies/v1/%1/movies").arg(encodedSegment(boxId)), query);
}

QUrl ApiClient::subscriptionsUrl(const QString &storeName, const QString &boxId) const
{
    return resolve(QStringLiteral("/nms/v1/%1/%2/subscriptions")
                           .arg(encodedSegment(storeName), encodedSegment(boxId)));
}

QNetworkRequest ApiClient::request(const QUrl &url, int timeoutMs) const
{
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(timeoutMs);
    if (!m_bearerToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_bearerToken);
    return request;
}

ApiReply *ApiClient::track(QNetworkReply *reply)
{
    qCDebug(lcClientApi) << reply->operation() << reply->url().toDisplayString();
    return new ApiReply(reply, this);
}

ApiReply *ApiClient::get(const QUrl &url)
{
    return track(m_network->get(request(url)));
}

ApiReply *ApiClient::post(const QUrl &url, const QJsonObject &body, int timeoutMs)
{
    QNetworkRequest post = request(url, timeoutMs);
    post.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return track(m_network->post(post, compact(body)));
}

ApiReply *ApiClient::put(const QUrl &url, const QJsonObject &body)
{
    QNetworkRequest put = request(url);
    put.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return track(m_network->put(put, compact(body)));
}

ApiReply *ApiClient::patch(const QUrl &url, const QJsonObject &mergePatch,
                           const QByteArray &ifMatch)
{
    QNetworkRequest patch = request(url);
    patch.setHeader(QNetworkRequest::ContentTypeHeader,
                    QByteArrayLiteral("application/merge-patch+json"));
    if (!ifMatch.isEmpty())
        patch.setRawHeader("If-Match", ifMatch);
    return track(m_network->sendCustomRequest(patch, "PATCH", compact(mergePatch)));
}

ApiReply *ApiClient::deleteResource(const QUrl &url)
{
    return track(m_network->deleteResource(request(url)));
}

} // namespace Marquee
