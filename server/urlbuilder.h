#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace Marquee {

// Builds every URL the server hands out from the public base URLs, so the server works
// behind a reverse proxy. Path variables are percent-encoded, so a tel URI user id such
// as "tel:+19585550100" appears as tel%3A%2B19585550100.
class UrlBuilder
{
public:
    UrlBuilder() = default;
    UrlBuilder(const QUrl &publicUrl, const QUrl &webSocketPublicUrl);

    QUrl publicUrl() const { return m_publicUrl; }
    QUrl webSocketPublicUrl() const { return m_webSocketPublicUrl; }

    QUrl channelsURL(const QString &userId) const;
    QUrl channelURL(const QString &userId, const QString &channelId) const;
    QUrl webSocketChannelURL(const QString &userId, const QString &channelId) const;
    // The channelURL of a LongPolling channel, which the client POSTs its polls to.
    QUrl longPollingChannelURL(const QString &userId, const QString &channelId) const;
    QUrl callbackURL(const QString &callbackId) const;

    QUrl subscriptionsURL(const QString &storeName, const QString &boxId) const;
    QUrl subscriptionURL(const QString &storeName, const QString &boxId,
                         const QString &subscriptionId) const;
    // The box's root folder, the parentFolder of every movie in it.
    QUrl rootFolderURL(const QString &storeName, const QString &boxId) const;

    // The list of every box, /movies/v1/boxes.
    QUrl boxesURL() const;
    QUrl moviesURL(const QString &boxId) const;
    QUrl movieURL(const QString &boxId, const QString &movieId) const;

    // Returns the callbackId when url is one of this server's callbackURLs.
    std::optional<QString> callbackIdOf(const QUrl &url) const;

private:
    QUrl m_publicUrl;
    QUrl m_webSocketPublicUrl;
};

} // namespace Marquee
