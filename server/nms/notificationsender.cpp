#include "notificationsender.h"

#include "logging.h"
#include "omaxml.h"

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
                                       DeliveryPolicy policy, QObject *parent)
    : QObject(parent), m_channels(channels), m_urls(urls), m_policy(policy)
{
    m_network.setAutoDeleteReplies(true);
    m_network.setTransferTimeout(m_policy.requestTimeout);
}

QByteArray NotificationSender::encode(const QJsonObject &body, BodyFormat format,
                                      QByteArray *contentType)
{
    *contentType = mediaTypeOf(format);
    if (format == BodyFormat::Xml)
        return OmaXml::fromJson(body);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

void NotificationSender::send(const QUrl &notifyURL, const QJsonObject &body,
                              BodyFormat format, QObject *context, Completion completion)
{
    // In process, the notification takes the same path and format as a POST to the
    // callbackURL would, so an XML subscription gets XML frames.
    if (const std::optional<QString> callbackId = m_urls->callbackIdOf(notifyURL)) {
        QByteArray contentType;
        const Result<void> delivered =
                m_channels->deliver(*callbackId, encode(body, format, &contentType), format);
        if (delivered)
            completion(Outcome::Delivered, QString());
        else
            completion(delivered.error().httpStatus == 404 ? Outcome::Rejected : Outcome::Failed,
                       delivered.error().message());
        return;
    }

    Attempt attempt;
    attempt.notifyURL = notifyURL;
    attempt.payload = encode(body, format, &attempt.contentType);
    post(attempt, context, std::move(completion));
}

void NotificationSender::post(const Attempt &attempt, QPointer<QObject> context,
                              Completion completion)
{
    QNetworkRequest request(attempt.notifyURL);
    request.setHeader(QNetworkRequest::ContentTypeHeader, attempt.contentType);
    QNetworkReply *reply = m_network.post(request, attempt.payload);

    connect(reply, &QNetworkReply::finished, this, [this, reply, attempt, context, completion] {
        if (!context)
            return;

        if (reply->error() == QNetworkReply::NoError) {
            completion(Outcome::Delivered, QString());
            return;
        }

        // The transfer timeout aborts the reply, which reports itself as canceled.
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        QString detail = status != 0 ? QStringLiteral("HTTP status %1").arg(status)
                                     : reply->errorString();
        if (reply->error() == QNetworkReply::OperationCanceledError)
            detail = QStringLiteral("no response within %1 ms").arg(m_policy.requestTimeout);

        if (!isTemporaryFailure(reply)) {
            completion(Outcome::Rejected, detail);
            return;
        }
        if (attempt.number >= m_policy.maxAttempts) {
            completion(Outcome::Failed, detail);
            return;
        }

        const int delay = m_policy.firstRetryDelay << (attempt.number - 1);
        qCInfo(lcNms) << "Delivery to" << attempt.notifyURL.toDisplayString() << "failed with"
                      << detail << "- retry" << attempt.number << "of"
                      << (m_policy.maxAttempts - 1) << "in" << delay << "ms";
        Attempt next = attempt;
        next.number += 1;
        QTimer::singleShot(delay, this, [this, next, context, completion] {
            if (context)
                post(next, context, completion);
        });
    });
}

} // namespace Marquee
