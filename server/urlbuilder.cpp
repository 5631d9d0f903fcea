#include "urlbuilder.h"

#include <QStringList>

namespace Marquee {

namespace {

// Appends path segments to base; each segment is percent-encoded on its own, so a '/'
// inside a user id cannot change the path structure.
QUrl withSegments(const QUrl &base, std::initializer_list<QString> segments)
{
    QByteArray path = base.path(QUrl::FullyEncoded).toUtf8();
    for (const QString &segment : segments)
        path += '/' + QUrl::toPercentEncoding(segment);

    QUrl url = base;
    url.setPath(QString::fromUtf8(path), QUrl::StrictMode);
    return url;
}

const QString CallbacksPrefix = QStringLiteral("/notificationchannel/v1/callbacks/");

} // namespace

UrlBuilder::UrlBuilder(const QUrl &publicUrl, const QUrl &webSocketPublicUrl)
    : m_publicUrl(publicUrl), m_webSocketPublicUrl(webSocketPublicUrl)
{
}

QUrl UrlBuilder::channelsURL(const QString &userId) const
{
    return withSegments(m_publicUrl, {QStringLiteral("notificationchannel"), QStringLiteral("v1"),
                                      userId, QStringLiteral("channels")});
}

QUrl UrlBuilder::channelURL(const QString &userId, const QString &channelId) const
{
    return withSegments(m_publicUrl, {QStringLiteral("notificationchannel"), QStringLiteral("v1"),
                                      userId, QStringLiteral("channels"), channelId});
}

QUrl UrlBuilder::webSocketChannelURL(const QString &userId, const QString &channelId) const
{
    return withSegments(m_webSocketPublicUrl,
                        {QStringLiteral("notificationchannel"), QStringLiteral("v1"), userId,
                         QStringLiteral("channels"), channelId, QStringLiteral("ws")});
}

QUrl UrlBuilder::longPollingChannelURL(const QString &userId, const QString &channelId) const
{
    return withSegments(m_publicUrl, {QStringLiteral("notificationchannel"), QStringLiteral("v1"),
                                      userId, QStringLiteral("channels"), channelId,
                                      QStringLiteral("notifications")});
}

QUrl UrlBuilder::callbackURL(const QString &callbackId) const
{
    return withSegments(m_publicUrl, {QStringLiteral("notificationchannel"), QStringLiteral("v1"),
                                      QStringLiteral("callbacks"), callbackId});
}

QUrl UrlBuilder::subscriptionsURL(const QString &storeName, const QString &boxId) const
{
    return withSegments(m_publicUrl, {QStringLiteral("nms"), QStringLiteral("v1"), storeName,
                                      boxId, QStringLiteral("subscriptions")});
}

QUrl UrlBuilder::subscriptionURL(const QString &storeName, const QString &boxId,
                                 const QString &subscriptionId) const
{
    return withSegments(m_publicUrl, {QStringLiteral("nms"), QStringLiteral("v1"), storeName,
                                      boxId, QStringLiteral("subscriptions"), subscriptionId});
}

QUrl UrlBuilder::rootFolderURL(const QString &storeName, const QString &boxId) const
{
    return withSegments(m_publicUrl, {QStringLiteral("nms"), QStringLiteral("v1"), storeName,
                                      boxId, QStringLiteral("folders"), QStringLiteral("root")});
}

QUrl UrlBuilder::boxesURL() const
{
    return withSegments(m_publicUrl,
                        {QStringLiteral("movies"), QStringLiteral("v1"), QStringLiteral("boxes")});
}

QUrl UrlBuilder::moviesURL(const QString &boxId) const
{
    return withSegments(m_publicUrl,
                        {QStringLiteral("movies"), QStringLiteral("v1"), boxId,
                         QStringLiteral("movies")});
}

QUrl UrlBuilder::movieURL(const QString &boxId, const QString &movieId) const
{
    return withSegments(m_publicUrl, {QStringLiteral("movies"), QStringLiteral("v1"), boxId,
                                      QStringLiteral("movies"), movieId});
}

std::optional<QString> UrlBuilder::callbackIdOf(const QUrl &url) const
{
    if (url.scheme() != m_publicUrl.scheme() || url.host().compare(m_publicUrl.host(),
                                                                   Qt::CaseInsensitive) != 0
        || url.port(-1) != m_publicUrl.port(-1) || url.hasQuery() || url.hasFragment()) {
        return std::nullopt;
    }

    const QString prefix = m_publicUrl.path(QUrl::FullyEncoded) + CallbacksPrefix;
    const QString path = url.path(QUrl::FullyEncoded);
    if (!path.startsWith(prefix))
        return std::nullopt;

    const QString encodedId = path.mid(prefix.size());
    if (encodedId.isEmpty() || encodedId.contains(QLatin1Char('/')))
        return std::nullopt;
    return QUrl::fromPercentEncoding(encodedId.toUtf8());
}

} // namespace Marquee
