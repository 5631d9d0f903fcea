#include "notificationsender.h"

#include "logging.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace Marquee {

namespace {

bool isTemporaryFailure(QNetworkReply *reply)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0)
        return true; // connection refused, timeout, DNS failure and the like
    return status >= 500 || status == 408 || status == 429;
}

} // namespace

NotificationSender::NotificationSender(ChannelService *channels, const UrlBuilder *urls,
                                       QObject *parent)
    : QObject(parent), m_channels(channels), m_urls(urls)
{
    m_network.setAutoDeleteReplies(true);
    m_network.setTransferTimeout(RequestTimeoutMs);
}

void NotificationSender::send(const QUrl &notifyURL, const QJsonObject &body, QObject *context,
                              Completion completion)
{
    if (const std::optional<QString> callbackId = m_urls->callbackIdOf(notifyURL)) {
        const Result<void> delivered = m_channels->deliver(
                *callbackId, QJsonDocument(body).toJson(QJsonDocument::Compact), BodyFormat::Json);
        if (delivered)
            completion(Outcome::Delivered, QString());
        else
            completion(delivered.error().httpStatus == 404 ? Outcome::Rejected : Outcome::Failed,
                       delivered.error().message());
        return;
    }

    post(notifyURL, QJsonDocument(body).toJson(QJsonDocument::Compact), 1, context,
         std::move(completion));
}

void NotificationSender::post(const QUrl &notifyURL, const QByteArray &payload, int attempt,
                              QPointer<QObject> context, Completion completion)
{
    QNetworkRequest request(notifyURL);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = m_network.post(request, payload);

    connect(reply, &QNetworkReply::finished, this,
            [this, reply, notifyURL, payload, attempt, context, completion] {
                if (!context)
                    return;

                const int status =
                        reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (reply->error() == QNetworkReply::NoError) {
                    completion(Outcome::Delivered, QString());
                    return;
                }

                const QString detail = status != 0
                        ? QStringLiteral("HTTP status %1").arg(status)
                        : reply->errorString();
                if (!isTemporaryFailure(reply)) {
                    completion(Outcome::Rejected, detail);
                    return;
                }
                if (attempt >= MaxAttempts) {
                    completion(Outcome::Failed, detail);
                    return;
                }

                const int delay = FirstRetryDelayMs << (attempt - 1);
                qCInfo(lcNms) << "Delivery to" << notifyURL.toDisplayString() << "failed with"
                              << detail << "- retry" << attempt << "of" << (MaxAttempts - 1)
                              << "in" << delay << "ms";
                QTimer::singleShot(delay, this, [=, this] {
                    if (context)
                        post(notifyURL, payload, attempt + 1, context, completion);
                });
            });
}

} // namespace Marquee
