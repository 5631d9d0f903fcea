#include "apireply.h"

#include "clientlogging.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QNetworkReply>

namespace Marquee {

ApiReply::ApiReply(QNetworkReply *reply, QObject *parent)
    : QObject(parent), m_reply(reply)
{
    connect(reply, &QNetworkReply::finished, this, &ApiReply::onNetworkReplyFinished);
}

ApiReply::~ApiReply()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void ApiReply::abort()
{
    if (m_finished)
        return;

    m_finished = true;
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    deleteLater();
}

void ApiReply::onNetworkReplyFinished()
{
    if (m_finished)
        return;
    m_finished = true;

    QNetworkReply *reply = m_reply;
    reply->deleteLater();

    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    m_httpStatus = status.isValid() ? status.toInt() : 0;
    const QByteArray body = reply->readAll();

    if (m_httpStatus == 0 && reply->error() == QNetworkReply::OperationCanceledError) {
        // Only the transfer timeout cancels a request without abort(), which disconnects
        // this slot first.
        ApiError timeout;
        timeout.message = QStringLiteral("The server did not respond within %1 s")
                                  .arg(reply->request().transferTimeout() / 1000);
        m_error = timeout;
    } else if (m_httpStatus == 0) {
        m_error = ApiError::fromNetworkError(reply->errorString());
    } else if (m_httpStatus >= 400) {
        m_error = ApiError::fromResponse(m_httpStatus, body);
    } else {
        if (!body.isEmpty()) {
            QJsonParseError parseError;
            const QJsonDocument json = QJsonDocument::fromJson(body, &parseError);
            if (parseError.error != QJsonParseError::NoError || !json.isObject()) {
                ApiError error;
                error.httpStatus = m_httpStatus;
                error.message = QStringLiteral("The server sent a response that is not a JSON "
                                               "object: %1").arg(parseError.errorString());
                m_error = error;
            } else {
                m_document = json.object();
            }
        }
    }

    if (m_error)
        qCDebug(lcClientApi) << reply->operation() << reply->url().toDisplayString()
                             << "failed:" << m_error->message;

    Q_EMIT finished();
    deleteLater();
}

} // namespace Marquee
