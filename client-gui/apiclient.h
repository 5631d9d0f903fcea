#pragma once

#include "apireply.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

QT_BEGIN_NAMESPACE
class QNetworkAccessManager;
class QNetworkRequest;
QT_END_NAMESPACE

namespace Marquee {

// The REST side of a Marquee server, in JSON: builds the resource URLs of the
// Notification Channel, NMS and movie APIs for one user, and sends requests with the
// bearer token when one is set. Every call returns an ApiReply owned by this client.
class ApiClient : public QObject
{
    Q_OBJECT

public:
    // Maximum duration of a REST call, in milliseconds. Long polls set their own.
    static constexpr int RequestTimeoutMs = 15000;

    explicit ApiClient(QObject *parent = nullptr);
    ~ApiClient() override;

    // The server's base URL, such as http://127.0.0.1:8080.
    void setServerUrl(const QUrl &url);
    QUrl serverUrl() const { return m_serverUrl; }
    void setUserId(const QString &userId);
    QString userId() const { return m_userId; }
    // Sent as "Authorization: Bearer <token>" and never logged. Empty sends none.
    void setBearerToken(const QString &token);

    QUrl channelsUrl() const;
    QUrl boxesUrl() const;
    QUrl moviesUrl(const QString &boxId, const QUrlQuery &query = QUrlQuery()) const;
    QUrl subscriptionsUrl(const QString &storeName, const QString &boxId) const;

    ApiReply *get(const QUrl &url);
    ApiReply *post(const QUrl &url, const QJsonObject &body, int timeoutMs = RequestTimeoutMs);
    ApiReply *put(const QUrl &url, const QJsonObject &body);
    // Sends a JSON merge patch. ifMatch, when not empty, goes out as If-Match.
    ApiReply *patch(const QUrl &url, const QJsonObject &mergePatch, const QByteArray &ifMatch);
    ApiReply *deleteResource(const QUrl &url);

    // A request to url with the JSON Accept header and the bearer token, for callers that
    // open other kinds of connections to the same server (the WebSocket).
    QNetworkRequest request(const QUrl &url, int timeoutMs = RequestTimeoutMs) const;

private:
    QUrl resolve(const QString &encodedPath, const QUrlQuery &query = QUrlQuery()) const;
    ApiReply *track(QNetworkReply *reply);

    QNetworkAccessManager *m_network;
    QUrl m_serverUrl;
    QString m_userId;
    QByteArray m_bearerToken;
};

} // namespace Marquee
